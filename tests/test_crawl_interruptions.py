"""End to end: a crawl killed with SIGKILL half-way leaves a sound archive that keeps what it
wrote, and the next run marks it interrupted and completes the chain; a crawl that finds the
archive locked by another process waits for it."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import start_crawl

from archiver.dedupe import canonicalize


def archived_count(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the first run is still creating the tables
        return 0


def wait_until_archived(crawl: subprocess.Popen, db, articles: int) -> None:
    """Until the running `crawl` has archived `articles` articles (90 s at most)."""
    deadline = time.monotonic() + 90
    while archived_count(db) < articles:
        assert crawl.poll() is None, "the crawl ended first"
        assert time.monotonic() < deadline, f"the crawl archived less than {articles} in 90 s"
        time.sleep(0.05)


def crawl_killed_after(db, start_url: str, articles: int,
                       settings: dict[str, str] | None = None) -> None:
    """A crawl killed with SIGKILL once it has archived `articles` articles: slow and polite,
    its batches never fill, so items reach the archive by time alone. (Its log, piped and not
    read until it ends, kept short.)"""
    process = start_crawl(db, start_url, {
        "DOWNLOAD_DELAY": "0.4", "ARCHIVER_BATCH_SIZE": "1000", "ARCHIVER_FLUSH_SECONDS": "0.5",
        "LOG_LEVEL": "WARNING", **(settings or {})})
    try:
        wait_until_archived(process, db, articles)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL, "the crawl ended before it was killed"


def test_a_crawl_killed_half_way_keeps_what_it_wrote_and_the_next_run_completes_the_chain(
        crawl, demo_site, served, archive_path, open_archive):
    start = served + demo_site.article_path(demo_site.articles[0])
    crawl_killed_after(archive_path, start, 3)

    archive = open_archive(archive_path)
    db = archive.db
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    kept = {row["canonical_url"] for row in db["articles"].rows}
    assert 3 <= len(kept) < len(demo_site.articles)
    [killed] = db["crawl_runs"].rows
    assert killed["status"] == "running"
    archive.close()

    crawl(archive_path, start)
    archive = open_archive(archive_path)
    runs = list(archive.db["crawl_runs"].rows_where(order_by="id"))
    assert [run["status"] for run in runs] == ["interrupted", "finished"]
    assert runs[0]["articles"] >= 3 and runs[0]["finished"] is not None
    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == [
        canonicalize(served + demo_site.article_path(a)) for a in demo_site.articles]
    assert kept <= {row["canonical_url"] for row in chain}


def test_a_crawl_waits_for_an_archive_another_process_holds_locked_and_loses_nothing(
        crawl, demo_site, served, archive_path, open_archive):
    open_archive(archive_path).close()  # the archive exists, in WAL mode
    start = served + demo_site.article_path(demo_site.articles[0])
    # A researcher's long write (an UPDATE over every row, a VACUUM) holds the write lock.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"db = sqlite3.connect({str(archive_path)!r}, isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(4)\n"
        "db.execute('COMMIT')\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        crawl(archive_path, start)
    finally:
        holder.wait(timeout=30)
    archive = open_archive(archive_path)
    [chain] = archive.chains()
    assert len(chain) == len(demo_site.articles)
    assert [run["status"] for run in archive.db["crawl_runs"].rows] == ["finished"]


def test_a_run_whose_archive_stays_locked_to_its_end_keeps_what_it_fetched_for_the_next(
        crawl, demo_site, served, archive_path, open_archive):
    start = served + demo_site.article_path(demo_site.articles[0])
    crawler = start_crawl(archive_path, start, {
        "DOWNLOAD_DELAY": "0.3", "ARCHIVER_FLUSH_SECONDS": "0", "ARCHIVER_BUSY_TIMEOUT": "0.2",
        "LOG_LEVEL": "WARNING"})
    wait_until_archived(crawler, archive_path, 2)
    # From here to the crawl's end, another process holds the archive (a long VACUUM).
    holder = sqlite3.connect(archive_path, timeout=10, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        log = crawler.communicate(timeout=120)[1]
        before = holder.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        holder.execute("COMMIT")
        holder.close()
    [spill] = archive_path.parent.glob("archive.db.unsaved-*.pickle")
    assert crawler.returncode == 0 and "stayed locked" in log and str(spill) in log
    assert 2 <= before < len(demo_site.articles)

    crawl(archive_path, start, incremental="true")
    archive = open_archive(archive_path)
    assert not spill.exists()
    [chain] = archive.chains()
    assert len(chain) == len(demo_site.articles)
    # What the locked run fetched was archived, not fetched again: the second run walked
    # over it.
    second = json.loads(archive.db["crawl_runs"].get(2)["stats"])
    assert second["archiver/known_articles_walked_over"] == len(demo_site.articles) - 2
    assert [run["status"] for run in archive.db["crawl_runs"].rows] == ["interrupted",
                                                                       "finished"]
