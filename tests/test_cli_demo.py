"""`archiver demo`: serves the demo site, crawls it, writes the archive and says what it holds."""

from __future__ import annotations

import os
import subprocess
import sys

from archiver.archive import Archive
from archiver.cli import default_db
from archiver.demo import DemoSite


def test_archiver_demo_archives_the_demo_site_and_prints_the_chain(tmp_path):
    db = tmp_path / "demo.db"
    # No --db: the archive is the one ARCHIVE_DB names, as for every subcommand.
    result = subprocess.run([sys.executable, "-m", "archiver.cli", "demo"],
                            env={**os.environ, "ARCHIVE_DB": str(db)},
                            cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    site = DemoSite.load()
    out = result.stdout
    assert f"Archived {len(site.articles)} articles" in out
    assert "DEA News" in out and f"archiver browse --db {db}" in out
    assert f"archiver search Japan --db {db}" in out and f"archiver stats --db {db}" in out
    # The chain is printed oldest to newest.
    positions = [out.index(article.title) for article in site.articles]
    assert positions == sorted(positions)
    archive = Archive(db)
    try:
        assert archive.db["articles"].count == len(site.articles)
    finally:
        archive.close()


def test_every_subcommand_opens_archive_db_unless_archive_db_names_another(monkeypatch):
    monkeypatch.delenv("ARCHIVE_DB", raising=False)
    assert default_db() == "archive.db"
    monkeypatch.setenv("ARCHIVE_DB", "/srv/news.db")
    assert default_db() == "/srv/news.db"
