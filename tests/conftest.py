"""Shared fixtures: the demo site served on 127.0.0.1, and real crawls into a temp archive."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.archive import Archive
from archiver.demo import DemoSite, serve

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo_site() -> DemoSite:
    return DemoSite.load()


@pytest.fixture
def served(demo_site):
    """The demo site's base URL on 127.0.0.1, served for the duration of the test."""
    with serve(demo_site) as base_url:
        yield base_url


def start_crawl(db: Path, start_url: str, settings: dict[str, str] | None = None,
                **arguments) -> subprocess.Popen:
    """`scrapy crawl chain` as a user runs it, started in its own process, into the archive
    `db`; `settings` are further `-s NAME=VALUE` options. Its output is piped, as text."""
    command = [sys.executable, "-m", "scrapy", "crawl", "chain", "-a", f"start_url={start_url}",
               "-s", f"ARCHIVE_DB={db}", "-s", "AUTOTHROTTLE_ENABLED=False"]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    for name, value in arguments.items():
        command += ["-a", f"{name}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "archiver.settings"}
    return subprocess.Popen(command, cwd=db.parent, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run_crawl(db: Path, start_url: str, settings: dict[str, str] | None = None,
              **arguments) -> subprocess.CompletedProcess:
    """`start_crawl`, run to its end, which must be a success."""
    process = start_crawl(db, start_url, settings, **arguments)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr[-3000:]
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def crawl_demo_site(db: Path, times: int = 1) -> Path:
    """The demo site served and crawled from its first article into the archive `db`, `times`
    times (a recrawl finds every page unchanged)."""
    site = DemoSite.load()
    with serve(site) as base_url:
        for _ in range(times):
            run_crawl(db, base_url + site.article_path(site.articles[0]))
    return db


def copy_of(db: Path, folder: Path) -> Path:
    """A copy of the archive `db` in `folder`, for a test to change (a module crawls once)."""
    copy = folder / "archive.db"
    shutil.copy(db, copy)
    return copy


@pytest.fixture
def crawl():
    """`crawl(db, start_url, settings=None, **spider_arguments)`: a real crawl in its own
    process."""
    return run_crawl


@pytest.fixture
def archive_path(tmp_path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def open_archive():
    """Open archives read back by a test, closed at its end."""
    opened: list[Archive] = []

    def opener(path: Path) -> Archive:
        opened.append(Archive(path))
        return opened[-1]

    yield opener
    for archive in opened:
        archive.close()


@pytest.fixture
def redis_url(tmp_path) -> str:
    """A real redis-server on 127.0.0.1 (a free port, nothing saved to disk), for the test's
    duration. Without redis-server: skipped, unless ARCHIVER_REQUIRE_REDIS=1 (CI), then
    failed."""
    executable = shutil.which("redis-server")
    if executable is None:
        message = "redis-server is not installed (Debian: apt-get install redis-server)"
        if os.environ.get("ARCHIVER_REQUIRE_REDIS") == "1":
            pytest.fail(message + "; ARCHIVER_REQUIRE_REDIS=1 requires it")
        pytest.skip(message)
    port = free_port()
    folder = tmp_path / "redis"
    folder.mkdir()
    server = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for_ping(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_ping(url: str, server: subprocess.Popen) -> None:
    import redis

    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            assert server.poll() is None, "redis-server ended at once"
            assert time.monotonic() < deadline, "redis-server did not answer in 10 s"
            time.sleep(0.05)
        finally:
            client.close()
