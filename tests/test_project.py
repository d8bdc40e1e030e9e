"""The project's own promises: documented settings, lint-clean code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from archiver import settings

PROJECT = Path(__file__).resolve().parents[1]


def test_every_archiver_setting_is_documented_in_the_readme():
    readme = (PROJECT / "README.md").read_text()
    ours = [name for name in vars(settings) if re.match(r"ARCHIVE(R)?_", name)]
    assert ours, "no project settings found"
    assert [name for name in ours if f"`{name}`" not in readme] == []


def test_the_readme_gives_the_two_setup_commands():
    readme = (PROJECT / "README.md").read_text()
    assert "pip install -e . && archiver demo" in readme
    assert "pip install -e '.[test]' && python -m pytest" in readme
    assert "pip install -e '.[test]' && python -m pytest" in (PROJECT / ".ci" / "run").read_text()


def test_the_code_is_ruff_clean():
    # ruff comes with the test extra, next to this interpreter.
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                             str(PROJECT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
