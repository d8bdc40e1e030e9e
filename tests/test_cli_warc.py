"""`archiver warc export` and `archiver warc import`: a real crawl's pages as a WARC file, read
back with warcio, and imported into a fresh archive."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
import urllib.request
from base64 import b32encode

import pytest
from conftest import copy_of, crawl_demo_site

from archiver.archive import Archive
from archiver.cli import main
from archiver.demo import serve
from archiver.items import Page
from archiver.warc import _warc_date

warcio = pytest.importorskip("warcio")
from warcio.archiveiterator import ArchiveIterator  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


@pytest.fixture(scope="module")
def crawled_twice(tmp_path_factory):
    """The demo site crawled into a real archive, then crawled again (its pages unchanged);
    once for the module, each test gets a copy."""
    return crawl_demo_site(tmp_path_factory.mktemp("crawled") / "archive.db", times=2)


@pytest.fixture
def db(crawled_twice, tmp_path):
    return copy_of(crawled_twice, tmp_path)


@pytest.fixture
def exported(db, tmp_path):
    """The archive exported by the command; the WARC's path."""
    output = tmp_path / "pages.warc.gz"
    assert main(["warc", "export", "--db", str(db), "--output", str(output)]) == 0
    return output


def read_records(source) -> list[dict]:
    """Every record of a WARC (a path or bytes), as warcio reads it."""
    stream = open(source, "rb") if not isinstance(source, bytes) else io.BytesIO(source)
    with stream:
        return [{"type": record.rec_type, "warc": dict(record.rec_headers.headers),
                 "http": record.http_headers, "body": record.content_stream().read()}
                for record in ArchiveIterator(stream)]


def pages_of(path) -> list[dict]:
    archive = Archive(path)
    try:
        return [{**row, "bytes": archive.page_body(row)} for row in
                archive.db.query("SELECT * FROM pages ORDER BY fetched_at, id")]
    finally:
        archive.close()


def rows(path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


ARTICLE_COLUMNS = ("canonical_url, url, title, body, authors, published, modified, language, "
                   "tags, attribution, prev_url, next_url, comments_open, comment_count")
COMMENT_COLUMNS = "article_url, comment_id, parent_id, author, author_url, published, text, kind"


def articles_and_comments(path) -> tuple[list, list, list]:
    return (rows(path, f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY canonical_url"),
            rows(path, f"SELECT {COMMENT_COLUMNS} FROM comments ORDER BY article_url, position,"
                       " comment_id"),
            rows(path, "SELECT article_url, source, raw FROM attributions ORDER BY 1, 2"))


def warc_import(warc, db, *options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archiver.cli", "warc", "import", str(warc),
                           "--db", str(db), *options], capture_output=True, text=True,
                          timeout=120)


def test_export_writes_warcinfo_then_a_request_and_a_response_per_stored_page(db, exported):
    records = read_records(exported)
    pages = pages_of(db)
    info = records[0]
    assert info["type"] == "warcinfo"
    assert info["warc"]["WARC-Filename"] == "pages.warc.gz"
    fields = info["body"].decode()
    assert "software: news-archiver/" in fields and "isPartOf: archive.db" in fields
    assert "format: WARC File Format 1.1" in fields
    # Per page, in the order fetched: its response (or revisit), then the request for it.
    pairs = [records[i:i + 2] for i in range(1, len(records), 2)]
    assert len(pairs) == len(pages)
    for page, (response, request) in zip(pages, pairs, strict=True):
        assert request["type"] == "request"
        assert request["http"].protocol == "GET" or request["http"].statusline.startswith("GET")
        assert request["warc"]["WARC-Target-URI"] == page["url"]
        assert request["warc"]["WARC-Concurrent-To"] == response["warc"]["WARC-Record-ID"]
        assert response["warc"]["WARC-Target-URI"] == page["final_url"]
        assert response["warc"]["WARC-Date"] == _warc_date(page["fetched_at"])
        assert response["warc"]["WARC-Date"].startswith(page["fetched_at"][:23])
        assert response["http"].get_statuscode() == str(page["status"])
        assert response["http"].get_header("Content-Type") == json.loads(
            page["headers"])["Content-Type"][0]
        if response["type"] == "response":
            assert response["body"] == page["bytes"]
    assert all(record["warc"]["WARC-Type"] in ("warcinfo", "request", "response", "revisit")
               for record in records)


def test_a_recrawl_s_unchanged_pages_are_revisits_of_the_first_crawl_s(db, exported):
    records = read_records(exported)
    pages = pages_of(db)
    by_response = {}  # (target, date) -> record of each full response
    first_run = {page["sha256"] for page in pages if page["run_id"] == 1}
    responses = [record for record in records if record["type"] in ("response", "revisit")]
    for page, record in zip(pages, responses, strict=True):
        digest = "sha256:" + b32encode(bytes.fromhex(page["sha256"])).decode()
        assert record["warc"]["WARC-Payload-Digest"] == digest
        if record["type"] == "response":
            by_response[(record["warc"]["WARC-Target-URI"], record["warc"]["WARC-Date"])] = page
            continue
        assert record["body"] == b""
        assert record["warc"]["WARC-Profile"] == REVISIT_PROFILE
        original = by_response[(record["warc"]["WARC-Refers-To-Target-URI"],
                                record["warc"]["WARC-Refers-To-Date"])]
        assert original["bytes"] == page["bytes"] and original["id"] < page["id"]
        assert record["http"].get_statuscode() == "200"
    # Every page of the second run is unchanged: each one a revisit; the first run's pages
    # are responses but for one whose bytes an earlier page of that run has.
    second_run = [record["type"] for page, record in zip(pages, responses, strict=True)
                  if page["run_id"] == 2]
    assert second_run and set(second_run) == {"revisit"}
    assert sum(record["type"] == "response" for record in responses) == len(first_run)


def test_warcio_finds_every_digest_right(exported):
    result = subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()",
                             "check", "-v", str(exported)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "digest pass" in result.stdout and "fail" not in result.stdout


def test_import_into_a_fresh_archive_gives_the_same_articles_and_pages(db, exported, tmp_path):
    fresh = tmp_path / "imported.db"
    result = warc_import(exported, fresh)
    assert result.returncode == 0, result.stderr
    pages = pages_of(db)
    assert f"{len(pages)} pages imported, 0 already archived" in result.stdout
    articles = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert f"{articles} articles, {articles} added, 0 changed" in result.stdout
    assert articles_and_comments(fresh) == articles_and_comments(db)
    assert rows(fresh, "SELECT count(*) FROM comments")[0][0] > 10
    fields = ("url", "final_url", "status", "headers", "fetched_at", "sha256", "bytes")
    assert [[page[name] for name in fields] for page in pages_of(fresh)] == [
        [page[name] for name in fields] for page in pages]
    # Bytes stored once, as a crawl stores them: the revisits' rows hold none.
    assert rows(fresh, "SELECT count(*) FROM pages WHERE body IS NOT NULL") == rows(
        db, "SELECT count(*) FROM pages WHERE body IS NOT NULL")
    [(spider, status, stats)] = rows(fresh, "SELECT spider, status, stats FROM crawl_runs")
    assert (spider, status) == ("warc-import", "finished")
    assert json.loads(stats)["pages_imported"] == len(pages)


def test_importing_the_same_warc_twice_changes_nothing_the_second_time(exported, tmp_path):
    fresh = tmp_path / "imported.db"
    assert warc_import(exported, fresh).returncode == 0
    tables = ("articles", "comments", "pages", "attributions", "article_versions",
              "comment_versions", "errors")
    before = {table: rows(fresh, f"SELECT * FROM {table} ORDER BY rowid") for table in tables}

    result = warc_import(exported, fresh)
    assert result.returncode == 0, result.stderr
    assert ": 0 pages imported, 36 already archived" in result.stdout
    assert "0 articles, 0 added, 0 changed, 0 unchanged; 0 errors." in result.stdout
    assert {table: rows(fresh, f"SELECT * FROM {table} ORDER BY rowid") for table in tables
            } == before
    assert rows(fresh, "SELECT spider, status FROM crawl_runs ORDER BY id") == [
        ("warc-import", "finished")] * 2


def test_export_to_standard_output(db):
    result = subprocess.run([sys.executable, "-m", "archiver.cli", "warc", "export", "--db",
                             str(db), "--output", "-"], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    records = read_records(result.stdout)
    assert records[0]["type"] == "warcinfo"
    assert len(records) == 1 + 2 * len(pages_of(db))


def test_export_of_one_url_writes_its_pages_alone(db, tmp_path):
    page = pages_of(db)[0]
    output = tmp_path / "one.warc.gz"
    assert main(["warc", "export", "--db", str(db), "--output", str(output),
                 "--url", page["url"] + "?utm_source=feed"]) == 0
    targets = {record["warc"].get("WARC-Target-URI") for record in read_records(output)}
    assert targets == {None, page["url"]}  # the warcinfo, and this page's captures (both runs)


def test_a_redirected_page_is_a_redirect_then_the_page_and_imports_as_it_was_stored(
        db, tmp_path, capsys):
    crawled = pages_of(db)[0]
    moved = tmp_path / "moved.db"
    old_url = crawled["final_url"].rstrip("/") + "-old-address/"
    archive = Archive(moved)
    archive.save(pages=[Page(url=old_url, final_url=crawled["final_url"], status=200,
                             headers=json.loads(crawled["headers"]), body=crawled["bytes"],
                             fetched_at=crawled["fetched_at"])])
    archive.close()
    output = tmp_path / "moved.warc.gz"
    assert main(["warc", "export", "--db", str(moved), "--output", str(output)]) == 0
    assert "1 responses, 0 revisits and 1 redirects" in capsys.readouterr().out

    _, redirect, redirect_request, response, request = read_records(output)
    assert redirect["warc"]["WARC-Target-URI"] == redirect_request["warc"]["WARC-Target-URI"]
    assert redirect["warc"]["WARC-Target-URI"] == old_url
    assert redirect["http"].get_statuscode() == "302"
    assert redirect["http"].get_header("Location") == crawled["final_url"]
    assert "WARC-Archiver-Reconstructed" in redirect["warc"]
    assert response["warc"]["WARC-Target-URI"] == request["warc"]["WARC-Target-URI"] == (
        crawled["final_url"])
    assert response["body"] == crawled["bytes"]

    fresh = tmp_path / "imported.db"
    result = warc_import(output, fresh)
    assert result.returncode == 0, result.stderr
    assert "(2 request, 1 warcinfo, 1 status 302)" in result.stdout
    assert rows(fresh, "SELECT url, final_url FROM pages") == [(old_url, crawled["final_url"])]
    assert rows(fresh, "SELECT count(*) FROM articles") == [(1,)]


def test_import_reads_another_crawler_s_warc(demo_site, tmp_path):
    """As wget or Heritrix write them: SHA-1 digests, gzip and chunked bodies on the wire,
    images, errors and metadata beside the pages, a revisit for an unchanged page."""
    article = demo_site.articles[0]
    with serve(demo_site) as base_url:
        url = base_url + demo_site.article_path(article)
        with urllib.request.urlopen(url) as reply:  # the page as the site serves it
            html = reply.read()
    warc = tmp_path / "wget.warc"
    with open(warc, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)  # warcio's defaults: SHA-1, WARC/1.0

        def response(target, status, headers, payload, date):
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            return writer.create_warc_record(target, "response", payload=io.BytesIO(payload),
                                             length=len(payload), http_headers=http,
                                             warc_headers_dict={"WARC-Date": date})

        wire = gzip.compress(html)
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(wire), wire)
        first = response(url, "200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                         ("Content-Encoding", "gzip"),
                                         ("Transfer-Encoding", "chunked")], chunked,
                         "2026-03-01T10:00:00Z")
        writer.write_record(first)
        writer.write_record(response(base_url + "/logo.png", "200 OK",
                                     [("Content-Type", "image/png")], b"\x89PNG....",
                                     "2026-03-01T10:00:01Z"))
        writer.write_record(response(base_url + "/gone/", "404 Not Found",
                                     [("Content-Type", "text/html")], b"<p>gone</p>",
                                     "2026-03-01T10:00:02Z"))
        writer.write_record(writer.create_warc_record(
            url, "metadata", payload=io.BytesIO(b"outlinks: 3\r\n"), length=13,
            warc_content_type="application/warc-fields"))
        writer.write_record(writer.create_revisit_record(
            url, first.rec_headers.get_header("WARC-Payload-Digest"), url,
            "2026-03-01T10:00:00Z", http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "2026-03-02T10:00:00Z"}))

    fresh = tmp_path / "imported.db"
    result = warc_import(warc, fresh)
    assert result.returncode == 0, result.stderr
    assert "Read 5 records: 2 pages imported" in result.stdout
    assert "skipped 3 (1 not HTML, 1 status 404, 1 metadata)" in result.stdout
    stored = pages_of(fresh)
    assert [(page["url"], page["fetched_at"]) for page in stored] == [
        (url, "2026-03-01T10:00:00.000+00:00"), (url, "2026-03-02T10:00:00.000+00:00")]
    # Decoded as the crawl stores a body; the revisit holds the first response's bytes.
    assert stored[0]["bytes"] == stored[1]["bytes"] == html
    assert stored[0]["sha256"] == hashlib.sha256(html).hexdigest()
    assert json.loads(stored[0]["headers"]) == {"Content-Type": ["text/html; charset=utf-8"]}
    [(title,)] = rows(fresh, "SELECT title FROM articles")
    assert title == article.title


# Failures: one line, exit status 1, no file left behind ------------------------------------

def files_in(folder) -> list[str]:
    """The files in `folder`, but for an open archive's own (`-wal`, `-shm`)."""
    return sorted(path.name for path in folder.iterdir()
                  if not path.name.endswith(("-wal", "-shm")))


def test_export_of_a_missing_archive_is_an_error_and_makes_no_file(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert main(["warc", "export", "--db", str(missing), "--output",
                 str(tmp_path / "x.warc.gz")]) == 1
    assert capsys.readouterr().err == f"archiver warc export: error: no archive at {missing}\n"
    assert files_in(tmp_path) == []


def test_export_over_the_archive_itself_is_refused(db, tmp_path, capsys):
    before = db.read_bytes()
    assert main(["warc", "export", "--db", str(db), "--output", str(db)]) == 1
    assert capsys.readouterr().err == (f"archiver warc export: error: {db} is the archive "
                                       "itself: choose another --output\n")
    assert db.read_bytes() == before
    assert files_in(tmp_path) == ["archive.db"]


def test_export_into_a_missing_folder_is_an_error(db, tmp_path, capsys):
    output = tmp_path / "no" / "such" / "out.warc.gz"
    assert main(["warc", "export", "--db", str(db), "--output", str(output)]) == 1
    assert capsys.readouterr().err == (f"archiver warc export: error: cannot write {output}: "
                                       f"no folder {output.parent}\n")
    assert files_in(tmp_path) == ["archive.db"]


def test_a_page_whose_body_cannot_be_read_stops_the_export_and_leaves_no_file(db, tmp_path,
                                                                             capsys):
    output = tmp_path / "out.warc.gz"
    output.write_bytes(b"yesterday's export")
    [(page_id,)] = rows(db, "SELECT max(id) FROM pages WHERE body IS NOT NULL")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE pages SET body = ? WHERE id = ?", [b"not zlib", page_id])
    assert main(["warc", "export", "--db", str(db), "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"archiver warc export: error: page {page_id}: its stored body "
                          "cannot be read (") and err.count("\n") == 1
    assert output.read_bytes() == b"yesterday's export"
    assert files_in(tmp_path) == ["archive.db", "out.warc.gz"]


def test_export_of_a_url_without_pages_is_an_error(db, tmp_path, capsys):
    output = tmp_path / "out.warc.gz"
    assert main(["warc", "export", "--db", str(db), "--output", str(output), "--url",
                 "http://elsewhere.example/a/"]) == 1
    assert capsys.readouterr().err == ("archiver warc export: error: no stored page at "
                                       "http://elsewhere.example/a/\n")
    assert files_in(tmp_path) == ["archive.db"]


@pytest.mark.parametrize("command", ["export", "import"])
def test_without_warcio_the_error_names_the_extra(db, exported, tmp_path, monkeypatch, capsys,
                                                  command):
    monkeypatch.setitem(sys.modules, "warcio", None)  # as if not installed
    fresh = tmp_path / "fresh.db"
    before = files_in(tmp_path)
    argv = (["export", "--db", str(db), "--output", str(tmp_path / "new.warc.gz")]
            if command == "export" else ["import", str(exported), "--db", str(fresh)])
    assert main(["warc", *argv]) == 1
    assert capsys.readouterr().err == (f"archiver warc {command}: error: WARC files need "
                                       "warcio: pip install -e '.[warc]'\n")
    assert files_in(tmp_path) == before


def test_import_of_a_missing_file_or_a_file_that_is_no_warc_writes_nothing(tmp_path, capsys):
    fresh = tmp_path / "fresh.db"
    missing = tmp_path / "missing.warc.gz"
    assert main(["warc", "import", str(missing), "--db", str(fresh)]) == 1
    assert capsys.readouterr().err == f"archiver warc import: error: no WARC file at {missing}\n"
    for name, data in (("notes.txt", b"WARNING: not a WARC\n"),
                       ("notes.txt.gz", gzip.compress(b"<html>a page</html>"))):
        other = tmp_path / name
        other.write_bytes(data)
        assert main(["warc", "import", str(other), "--db", str(fresh)]) == 1
        assert capsys.readouterr().err == (f"archiver warc import: error: {other} is not a WARC"
                                           " file (it does not begin with a WARC record)\n")
    assert files_in(tmp_path) == ["notes.txt", "notes.txt.gz"]


def test_import_into_a_file_that_is_no_archive_is_refused(exported, tmp_path, capsys):
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text)")
    assert main(["warc", "import", str(exported), "--db", str(other)]) == 1
    assert capsys.readouterr().err == (f"archiver warc import: error: {other} is not a news "
                                       "archive (it has no articles table)\n")
    assert rows(other, "SELECT name FROM sqlite_master") == [("notes",)]


def record_offsets(warc) -> list[int]:
    with open(warc, "rb") as stream:
        records = ArchiveIterator(stream)
        return [records.get_record_offset() for _ in records]


@pytest.mark.parametrize("compressed", [True, False])
def test_a_damaged_warc_stops_at_the_record_named_and_keeps_what_was_read_before_it(
        db, exported, tmp_path, compressed):
    whole = exported.read_bytes() if compressed else gzip.decompress(exported.read_bytes())
    intact = tmp_path / ("whole.warc.gz" if compressed else "whole.warc")
    intact.write_bytes(whole)
    offsets = record_offsets(intact)
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(whole[:len(whole) // 2])  # a download broken off half-way
    damaged = max(offset for offset in offsets if offset < len(whole) // 2)
    fresh = tmp_path / "fresh.db"

    result = warc_import(cut, fresh)
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    kept = rows(fresh, "SELECT count(*) FROM pages")[0][0]
    assert line == (f"archiver warc import: error: {cut}: damaged WARC record at offset "
                    f"{damaged}: the record is cut short; the {kept} pages read before it "
                    "were imported")
    # What was read before it: whole records only, their articles extracted; the run failed.
    responses_before = sum(record["type"] in ("response", "revisit")
                           for record in read_records(whole[:damaged]))
    assert 0 < kept == responses_before
    assert rows(fresh, "SELECT status FROM crawl_runs") == [("failed",)]
    assert rows(fresh, "SELECT count(*) FROM articles")[0][0] > 0
    assert [page["bytes"] for page in pages_of(fresh)] == [
        page["bytes"] for page in pages_of(db)][:kept]
    # The whole file imported after it adds the rest: the archive is as one import makes it.
    assert warc_import(intact, fresh).returncode == 0
    assert articles_and_comments(fresh) == articles_and_comments(db)
