"""`archiver reparse`: the stored pages of a real crawl, extracted again into the archive."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from test_comments_crawl import archived_comments

from archiver.archive import decompress
from archiver.cli import main
from archiver.dedupe import canonicalize, fingerprint
from archiver.extract import extract


@pytest.fixture
def paginated(demo_site):
    """The demo article whose comments run over several pages."""
    return next(a for a in demo_site.articles if len(demo_site.comment_pages(a)) > 1)


@pytest.fixture
def crawled(crawl, demo_site, served, archive_path, paginated) -> str:
    """A real crawl of the paginated article and its neighbours; the article's URL."""
    start = served + demo_site.article_path(paginated)
    crawl(archive_path, start, max_articles=3)
    return canonicalize(start)


def degrade(path, url: str) -> None:
    """Leave the article as an older extractor would have: no title (and the fingerprint of
    that text), no author, only the comments of its own page (its comment pages not merged)."""
    with sqlite3.connect(path) as db:
        body, html, page_url = db.execute(
            "SELECT a.body, p.body, p.final_url FROM articles a JOIN pages p"
            " ON p.final_url = a.url WHERE a.canonical_url = ?", [url]).fetchone()
        first_page = [c.comment_id for c in extract(decompress(html), page_url).comments]
        db.execute("UPDATE articles SET title = '', authors = '[]', fingerprint = ?"
                   " WHERE canonical_url = ?", [fingerprint("", body), url])
        db.execute(f"DELETE FROM comments WHERE article_url = ? AND comment_id NOT IN"
                   f" ({', '.join('?' * len(first_page))})", [url, *first_page])


def rows(path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


def reparse(path, *options: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "archiver.cli", "reparse", "--db", str(path),
                             *options], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_reparse_restores_from_the_stored_pages_what_an_older_extractor_left(
        crawled, demo_site, paginated, archive_path, open_archive):
    degrade(archive_path, crawled)

    out = reparse(archive_path).stdout
    assert f"changed  {crawled}  (title, authors, comments)" in out
    assert "3 articles, 0 added, 1 changed, 2 unchanged; 0 errors." in out
    archive = open_archive(archive_path)
    row = archive.article(crawled)
    assert row["title"] == paginated.title and row["authors"] == [paginated.author]
    # The comment pages were read from the archive and merged, in the crawl's order.
    assert archived_comments(archive, crawled) == demo_site.expected_comments(paginated)
    # Every stored page was read once: each article's page and its comment pages.
    [(pages,)] = rows(archive_path, "SELECT count(*) FROM pages")
    assert pages > 3 and f"Read {pages} pages: 3 articles" in out
    # The older text is a version, as a recrawl's change would be; the run is logged.
    [version] = archive.db["article_versions"].rows
    assert version["title"] == ""
    run = next(archive.db["crawl_runs"].rows_where(order_by="id desc", limit=1))
    assert (run["spider"], run["status"], run["articles"]) == ("reparse", "finished", 3)
    assert json.loads(run["stats"])["articles_changed"] == 1


def test_reparse_reads_a_recrawl_s_pages_stored_by_their_digest(
        crawl, crawled, paginated, archive_path, open_archive):
    crawl(archive_path, crawled, max_articles=3)  # the same pages again: bytes not stored twice
    assert rows(archive_path, "SELECT count(*) FROM pages WHERE run_id = 2 AND body IS NULL"
                ) == rows(archive_path, "SELECT count(*) FROM pages WHERE run_id = 1")
    degrade(archive_path, crawled)
    assert f"changed  {crawled}  (title, authors, comments)" in reparse(archive_path).stdout
    row = open_archive(archive_path).article(crawled)
    assert row["title"] == paginated.title and row["authors"] == [paginated.author]


def test_a_second_reparse_changes_nothing(crawled, archive_path):
    degrade(archive_path, crawled)
    reparse(archive_path)
    snapshot = rows(archive_path, "SELECT title, body, authors, comments_open FROM articles"
                                  " ORDER BY canonical_url")

    out = reparse(archive_path).stdout
    assert "0 added, 0 changed, 3 unchanged; 0 errors." in out
    assert rows(archive_path, "SELECT title, body, authors, comments_open FROM articles"
                              " ORDER BY canonical_url") == snapshot
    assert rows(archive_path, "SELECT count(*) FROM article_versions") == [(1,)]
    assert rows(archive_path, "SELECT count(*) FROM comments WHERE removed_at IS NOT NULL"
                ) == [(0,)]


def test_reparse_of_an_untouched_crawl_changes_nothing(crawled, archive_path):
    before = rows(archive_path, "SELECT * FROM comments ORDER BY article_url, comment_id")
    assert "0 added, 0 changed, 3 unchanged" in reparse(archive_path).stdout
    after = rows(archive_path, "SELECT * FROM comments ORDER BY article_url, comment_id")
    assert len(after) == len(before) and rows(
        archive_path, "SELECT count(*) FROM comment_versions") == [(0,)]


def test_dry_run_reports_the_change_and_writes_nothing(crawled, archive_path, capsys):
    degrade(archive_path, crawled)
    runs = rows(archive_path, "SELECT count(*) FROM crawl_runs")

    assert main(["reparse", "--db", str(archive_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"changed  {crawled}  (title, authors, comments)" in out
    assert "Dry run: nothing written." in out
    assert rows(archive_path, "SELECT title FROM articles WHERE canonical_url = ?",
                crawled) == [("",)]
    assert rows(archive_path, "SELECT count(*) FROM crawl_runs") == runs
    assert rows(archive_path, "SELECT count(*) FROM article_versions") == [(0,)]


def test_url_reparses_that_article_alone(crawled, archive_path, capsys):
    degrade(archive_path, crawled)
    # Any URL of the article names it (here with a tracking parameter).
    assert main(["reparse", "--db", str(archive_path), "--url",
                 crawled + "?utm_source=newsletter"]) == 0
    out = capsys.readouterr().out
    assert "1 articles, 0 added, 1 changed, 0 unchanged" in out


def test_a_page_that_fails_is_recorded_and_the_others_go_on(crawled, archive_path, capsys):
    broken = rows(archive_path, "SELECT id, final_url FROM pages WHERE final_url != ?"
                                " AND final_url NOT LIKE '%comment-page%' LIMIT 1", crawled)
    [(page_id, url)] = broken
    with sqlite3.connect(archive_path) as db:
        db.execute("UPDATE pages SET body = ? WHERE id = ?", [b"not zlib", page_id])

    assert main(["reparse", "--db", str(archive_path)]) == 0
    out = capsys.readouterr().out
    assert f"error    {url}  reparse failed: error:" in out  # zlib's error
    assert "2 articles, 0 added, 0 changed, 2 unchanged; 1 errors." in out
    [(run_id,)] = rows(archive_path, "SELECT max(id) FROM crawl_runs")
    assert rows(archive_path, "SELECT url FROM errors WHERE run_id = ?", run_id) == [(url,)]


def test_a_page_the_crawl_refused_is_added_when_it_reads_as_an_article(
        crawled, archive_path, capsys):
    # As a crawl leaves a page whose article an older extractor could not find: no row, an
    # error for a page fetched fine.
    with sqlite3.connect(archive_path) as db:
        url = db.execute("SELECT url FROM articles WHERE canonical_url != ? LIMIT 1",
                         [crawled]).fetchone()[0]
        db.execute("DELETE FROM articles WHERE url = ?", [url])
        db.execute("INSERT INTO errors (url, status, reason) VALUES (?, 200, 'no body')", [url])

    assert main(["reparse", "--db", str(archive_path)]) == 0
    assert f"added    {canonicalize(url)}" in capsys.readouterr().out
    assert rows(archive_path, "SELECT count(*) FROM articles") == [(3,)]


def test_a_missing_archive_is_an_error_and_no_file_is_made(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert main(["reparse", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == f"archiver reparse: error: no archive at {missing}\n"
    assert not missing.exists()


def test_a_file_that_is_no_archive_is_an_error_and_left_as_it_was(tmp_path, capsys):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text)")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert main(["reparse", "--db", str(other)]) == 1
    assert "is not a news archive" in capsys.readouterr().err
    assert rows(other, "SELECT name FROM sqlite_master") == [("notes",)]
    assert main(["reparse", "--db", str(text)]) == 1
    assert "is not an SQLite database" in capsys.readouterr().err
    assert text.read_text() == "hello"


def test_a_url_without_a_stored_article_is_an_error(crawled, archive_path, capsys):
    assert main(["reparse", "--db", str(archive_path), "--url", "http://elsewhere.example/a/"]
                ) == 1
    err = capsys.readouterr().err
    assert err == ("archiver reparse: error: no stored page of an archived article at "
                   "http://elsewhere.example/a/\n")
