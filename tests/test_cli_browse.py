"""`archiver browse`: the crawled archive served by Datasette on 127.0.0.1, read through its
JSON API."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from archiver.archive import Archive
from archiver.browse import metadata_for
from archiver.cli import main
from archiver.dedupe import canonicalize
from archiver.items import Article


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode({**params, "_shape": "objects"})
    with urllib.request.urlopen(f"{base}{path}?{query}", timeout=10) as response:
        return json.load(response)


def wait_until_serving(process: subprocess.Popen, url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "archiver browse stopped before serving"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url} within {timeout}s")


@pytest.fixture
def paginated(demo_site):
    return next(a for a in demo_site.articles if len(demo_site.comment_pages(a)) > 1)


def test_the_chain_query_runs_as_the_archive_s_chains(tmp_path):
    # Links shown on one side only (the oldest page's lone "Next" was not read) join too.
    url = "https://news.example/{}/".format
    archive = Archive(tmp_path / "archive.db")
    archive.save([Article(url=url(name), canonical_url=url(name), title=name,
                          prev_url=prev and url(prev), next_url=next_ and url(next_))
                  for name, prev, next_ in [("a", None, None), ("b", "a", "c"), ("c", "b", None),
                                            ("x", None, None)]])
    query = metadata_for(archive.path)["databases"]["archive"]["queries"]["chain"]["sql"]
    rows = archive.db.execute(query).fetchall()
    assert [(chain, position, title) for chain, position, title, *_ in rows] == [
        ("a", 1, "a"), ("a", 2, "b"), ("a", 3, "c"), ("x", 1, "x")]
    assert [[row["title"] for row in chain] for chain in archive.chains()] == [
        ["a", "b", "c"], ["x"]]
    archive.close()


def test_browse_serves_the_archive_with_facets_search_and_canned_queries(
        crawl, demo_site, served, archive_path, paginated, tmp_path):
    start = served + demo_site.article_path(paginated)
    crawl(archive_path, start, max_articles=3)
    article_url = canonicalize(start)
    port = free_port()
    log = (tmp_path / "browse.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "archiver.cli", "browse", "--db", str(archive_path),
         "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}/archive"
        wait_until_serving(process, base + ".json")

        database = get_json(base, ".json")
        visible = {table["name"] for table in database["tables"] if not table["hidden"]}
        assert {"articles", "comments", "attributions"} <= visible
        assert not visible & {"pages", "minhash_signatures", "minhash_bands", "minhash_meta"}
        assert {"chain", "comment_thread", "articles_by_source"} <= {
            query["name"] for query in database["queries"]}

        facets = get_json(base, "/articles.json", _size=0)["facet_results"]
        assert {"site", "language", "attribution", "authors", "tags"} <= set(facets)
        values = {name: {item["value"] for item in facet["results"]}
                  for name, facet in facets.items()}
        assert "DEA News" in values["attribution"] and paginated.author in values["authors"]
        assert values["site"] == {urllib.parse.urlsplit(served).netloc}

        found = get_json(base, "/articles.json", _search=paginated.title.split()[0])
        assert article_url in {row["canonical_url"] for row in found["rows"]}
        remark = paginated.comments[-1]
        said = get_json(base, "/comments.json", _search=remark.text.split()[0])
        assert str(remark.id) in {row["comment_id"] for row in said["rows"]}

        thread = get_json(base, "/comment_thread.json", article_url=article_url)["rows"]
        expected = demo_site.expected_comments(paginated)
        assert sorted(row["comment_id"] for row in thread) == sorted(
            comment["comment_id"] for comment in expected)
        # Each reply after the comment it answers, marked one level deeper.
        levels: dict[str, int] = {}
        for row in thread:
            level = row["author"].count("↳ ")
            assert level == (levels[row["parent_id"]] + 1 if row["parent_id"] else 0)
            levels[row["comment_id"]] = level
        assert max(levels.values()) >= 2

        chain = get_json(base, "/chain.json")["rows"]
        assert [row["position"] for row in chain] == [1, 2, 3]
        dates = [row["published"] for row in chain]
        assert dates == sorted(dates)
        by_source = get_json(base, "/articles_by_source.json", source="DEA News")["rows"]
        assert by_source and all(row["canonical_url"] for row in by_source)
    finally:
        process.terminate()
        returncode = process.wait(timeout=30)
        log.seek(0)
        output = log.read()
        log.close()
    assert returncode == 0, output[-3000:]
    assert "Finished server process" in output and "Traceback" not in output


def test_the_metadata_names_only_tables_columns_and_queries_the_archive_has(tmp_path):
    path = tmp_path / "news.db"
    archive = Archive(path)
    try:
        metadata = metadata_for(path)
        [(name, database)] = metadata["databases"].items()
        assert name == "news"  # as Datasette names the file
        db = archive.db
        for table, described in database["tables"].items():
            assert db[table].exists(), table
            columns = {row[1] for row in db.execute(f"PRAGMA table_xinfo([{table}])")}
            facets = [f if isinstance(f, str) else next(iter(f.values()))
                      for f in described.get("facets", [])]
            named = {*described.get("columns", {}), *facets, described.get("sort", "rowid"),
                     described.get("sort_desc", "rowid"), described.get("label_column", "rowid")}
            assert named - {"rowid"} <= columns, table
        for query in database["queries"].values():
            db.execute(query["sql"], {"article_url": None, "source": None}).fetchall()
    finally:
        archive.close()


@pytest.fixture
def empty_archive(tmp_path) -> Path:
    path = tmp_path / "archive.db"
    Archive(path).close()
    return path


def test_without_datasette_browse_names_the_extra_to_install(empty_archive, monkeypatch,
                                                             capsys):
    monkeypatch.setitem(sys.modules, "datasette.app", None)  # as if not installed
    assert main(["browse", "--db", str(empty_archive), "--port", str(free_port())]) == 1
    err = capsys.readouterr().err
    assert err == ("archiver browse: error: browsing needs Datasette: "
                   "pip install -e '.[browse]'\n")


def test_a_port_in_use_is_a_clear_error(empty_archive, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["browse", "--db", str(empty_archive), "--port", str(port)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"archiver browse: error: cannot serve on 127.0.0.1:{port}")
    assert "--port" in captured.err and captured.out == ""


def test_a_missing_archive_is_an_error_and_no_file_is_made(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert main(["browse", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == f"archiver browse: error: no archive at {missing}\n"
    assert not missing.exists()


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_bad_port_is_refused(port, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["browse", "--port", port])
    assert exit_.value.code == 2
    assert "must be a port number from 1 to 65535" in capsys.readouterr().err
