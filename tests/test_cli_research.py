"""`archiver search`, `archiver export`, `archiver stats` on the archive of a real crawl."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from collections import Counter

import pytest
from conftest import copy_of, crawl_demo_site

from archiver.archive import Archive
from archiver.cli import main
from archiver.demo import DemoSite
from archiver.items import Article

pyarrow_parquet = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The demo site crawled into a real archive, once for the module; each test gets a copy."""
    return crawl_demo_site(tmp_path_factory.mktemp("crawled") / "archive.db")


@pytest.fixture
def db(crawled, tmp_path):
    return copy_of(crawled, tmp_path)


@pytest.fixture
def site():
    return DemoSite.load()


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *arguments],
                          capture_output=True, text=True, timeout=120)


def test_search_prints_the_best_matches_with_the_words_marked(db):
    result = run("search", "rail freight", "--db", str(db))
    assert result.returncode == 0, result.stderr
    first_hit = result.stdout.split("\n\n")[0].splitlines()
    assert first_hit[0] == "Rail Freight Volumes on Eastern Corridor Rise for Third Month"
    assert "/rail-freight-volumes-on-eastern-corridor-rise/>  2026-02-26T07:45:00+00:00" in (
        first_hit[1])
    assert "[Rail] [freight]" in first_hit[2]
    assert result.stdout.rstrip().endswith("1 article matches 'rail freight'.")


def test_search_json_gives_lists_and_keeps_to_the_limit(db, capsys):
    assert main(["search", "the", "--db", str(db), "--json", "--limit", "3"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 3
    assert all(isinstance(hit["authors"], list) and hit["authors"] for hit in hits)
    assert {"canonical_url", "url", "title", "published", "attribution", "snippet"} <= set(
        hits[0])


def test_search_ranks_a_match_in_the_title_first(db, capsys):
    archive = Archive(db)  # a story that names grid operators often, not in its title
    archive.save([Article(
        url="https://news.example/winter/", canonical_url="https://news.example/winter/",
        title="A cold week ahead", body="Grid operators said they were ready for the cold. "
                                        "Heating demand will rise, grid operators added.")])
    archive.close()
    main(["search", "grid operators", "--db", str(db), "--json"])
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["title"].startswith("Baltic Grid Operators")


def test_search_takes_fts_syntax_and_falls_back_to_plain_words(db, capsys):
    main(["search", '"transport corridor" OR Nordic', "--db", str(db), "--json"])
    titles = {hit["title"] for hit in json.loads(capsys.readouterr().out)}
    assert "Rail Freight Volumes on Eastern Corridor Rise for Third Month" in titles
    assert "Nordic Defence Ministers Agree on Joint Airspace Monitoring" in titles
    # Not FTS5 syntax: an unbalanced quote, a hyphen. Searched as the words they hold.
    for query, words in (('rail "freight', '"rail" "freight"'),
                         ("freight-volumes", '"freight" "volumes"')):
        assert main(["search", query, "--db", str(db), "--json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out)[0]["title"] == (
            "Rail Freight Volumes on Eastern Corridor Rise for Third Month")
        assert err == f"archiver search: not FTS5 syntax, searched as its words: {words}\n"


def test_search_comments(db, capsys):
    assert main(["search", "gearbox", "--comments", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Grain Exporters Weigh New Quotas" in out and "[gearbox]" in out
    assert out.rstrip().endswith("1 comment matches 'gearbox'.")


def searched_titles(capsys, *arguments: str) -> list[str]:
    assert main(["search", "the", "--limit", "100", "--json", *arguments]) == 0
    return sorted(hit["title"] for hit in json.loads(capsys.readouterr().out))


def test_search_filters_by_source_author_days_site_and_language(db, site, capsys):
    def titles(condition) -> list[str]:
        return sorted(article.title for article in site.articles if condition(article))

    everything = searched_titles(capsys, "--db", str(db))
    assert everything == titles(lambda a: True)
    assert searched_titles(capsys, "--db", str(db), "--source", "baltic wire") == titles(
        lambda a: "Baltic Wire" in site.expected_attribution(a))
    assert searched_titles(capsys, "--db", str(db), "--author", "Anna Weber") == titles(
        lambda a: a.author == "Anna Weber")
    assert searched_titles(capsys, "--db", str(db), "--since", "2026-03-04",
                           "--until", "2026-03-07") == titles(
        lambda a: "2026-03-04" <= a.published[:10] <= "2026-03-07")
    with Archive(db) as archive:
        [(host,)] = archive.db.execute("SELECT DISTINCT site FROM articles").fetchall()
    assert searched_titles(capsys, "--db", str(db), "--site", "www." + host.upper(),
                           "--language", "en") == everything
    assert searched_titles(capsys, "--db", str(db), "--site", "elsewhere.example") == []
    assert searched_titles(capsys, "--db", str(db), "--language", "de") == []


def test_search_filters_comments_by_author_and_day(db, site, capsys):
    comments = [(comment["author"], comment["published"][:10]) for article in site.articles
                for comment in site.expected_comments(article)]
    author, written = comments[0]
    assert main(["search", "the OR a OR and", "--comments", "--limit", "500", "--json",
                 "--author", author, "--since", written, "--until", written,
                 "--db", str(db)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(hit["author"] == author and hit["published"][:10] == written
                        for hit in hits)


def test_search_refuses_a_day_it_cannot_read_and_a_source_for_comments(db):
    result = run("search", "rail", "--since", "March 4", "--db", str(db))
    assert result.returncode == 2 and "not a day (YYYY-MM-DD): 'March 4'" in result.stderr
    result = run("search", "rail", "--comments", "--source", "DEA News", "--db", str(db))
    assert result.returncode == 2 and "comments credit no source" in result.stderr


def test_search_marks_a_copy_with_the_article_it_copies(db, capsys):
    archive = Archive(db)
    original = archive.db.execute(
        "SELECT canonical_url, title, body, published FROM articles "
        "WHERE title LIKE 'Rail Freight%'").fetchone()
    copy = Article(url="https://other.example/rail/", canonical_url="https://other.example/rail/",
                   title=original[1], body=original[2], published="2026-03-30T10:00:00+00:00")
    archive.save([copy])
    archive.close()
    main(["search", "rail freight", "--db", str(db)])
    assert f"(copy of <{original[0]}>)" in capsys.readouterr().out


def test_export_jsonl_keeps_lists_and_csv_holds_them_as_json(db, tmp_path, site):
    assert main(["export", "--db", str(db), "--format", "jsonl",
                 "--output", str(tmp_path / "a.jsonl")]) == 0
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert len(rows) == len(site.articles)
    assert {row["title"] for row in rows} == {article.title for article in site.articles}
    assert all(isinstance(row["authors"], list) for row in rows)
    main(["export", "--db", str(db), "--format", "csv", "--output", str(tmp_path / "c.csv"),
          "--table", "comments"])
    with open(tmp_path / "c.csv", newline="", encoding="utf-8") as stream:
        comments = list(csv.DictReader(stream))
    assert len(comments) == sum(len(site.expected_comments(a)) for a in site.articles)
    assert {"article_url", "comment_id", "parent_id", "author", "text"} <= set(comments[0])
    main(["export", "--db", str(db), "--format", "csv", "--output", str(tmp_path / "a.csv")])
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as stream:
        assert all(isinstance(json.loads(row["authors"]), list) for row in csv.DictReader(stream))


def test_export_parquet_types_its_columns(db, tmp_path, site):
    assert main(["export", "--db", str(db), "--format", "parquet",
                 "--output", str(tmp_path / "a.parquet")]) == 0
    table = pyarrow_parquet.read_table(tmp_path / "a.parquet")
    assert table.num_rows == len(site.articles)
    assert table.schema.field("authors").type.value_type == "string"
    assert table.schema.field("comment_count").type == "int64"
    assert table.column("authors").to_pylist()[0] and isinstance(
        table.column("authors").to_pylist()[0], list)
    assert "site" in table.schema.names  # the generated column too
    assert sorted(table.column("title").to_pylist()) == sorted(a.title for a in site.articles)


def test_export_to_standard_output(db, site):
    result = run("export", "--db", str(db), "--format", "jsonl", "--output", "-")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(site.articles)


def test_export_into_a_closed_pipe_stops_quietly(db):
    process = subprocess.Popen([sys.executable, "-m", "archiver.cli", "export", "--db", str(db),
                                "--format", "jsonl", "--output", "-"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # `| head -0`: nobody reads
    stderr = process.communicate(timeout=120)[1].decode()
    assert process.returncode == 0 and "Traceback" not in stderr, stderr


def test_a_failed_export_leaves_the_file_there_was_and_no_part_file(db, tmp_path, monkeypatch,
                                                                     capsys):
    target = tmp_path / "out.parquet"
    target.write_bytes(b"an export from yesterday")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # pyarrow not installed
    assert main(["export", "--db", str(db), "--format", "parquet", "--output", str(target)]) == 1
    error = capsys.readouterr().err
    assert error.strip() == ("archiver export: error: parquet needs pyarrow: "
                             "pip install -e '.[export]'")
    assert target.read_bytes() == b"an export from yesterday"
    assert [path.name for path in tmp_path.iterdir()] == sorted(["archive.db", "out.parquet"])


def test_an_export_file_gets_the_permissions_of_any_new_file_or_keeps_its_own(db, tmp_path):
    # Written to a private temporary file first, then renamed: it must not stay private.
    old_umask = os.umask(0o022)
    try:
        main(["export", "--db", str(db), "--format", "jsonl", "--output", str(tmp_path / "new")])
        (tmp_path / "kept").write_text("an export from yesterday")
        (tmp_path / "kept").chmod(0o640)
        main(["export", "--db", str(db), "--format", "jsonl", "--output", str(tmp_path / "kept")])
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "kept").stat().st_mode) == 0o640
    assert (tmp_path / "kept").read_text() != "an export from yesterday"


@pytest.mark.parametrize("output, message", [
    ("{tmp}/no/such/folder/out.csv", "cannot write {tmp}/no/such/folder/out.csv: no folder"),
    ("{tmp}/archive.db", "{tmp}/archive.db is the archive itself: choose another --output"),
    ("-", None),
])
def test_export_errors_are_one_line(db, tmp_path, output, message):
    output = output.format(tmp=tmp_path)
    fmt = "csv" if output != "-" else "parquet"
    result = run("export", "--db", str(db), "--format", fmt, "--output", output)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    expected = (message.format(tmp=tmp_path) if message
                else "parquet is written to a file, not to standard output")
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_stats_say_what_the_archive_holds_and_each_site_s_health(db, site, capsys):
    archive = Archive(db)
    archive.db.execute("UPDATE articles SET authors = '[]' WHERE rowid IN (1, 2, 3)")
    archive.close()
    assert main(["stats", "--db", str(db), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == len(site.articles) and figures["crawl_runs"] == 1
    assert figures["comments"] == sum(len(site.expected_comments(a))
                                                for a in site.articles)
    assert figures["top_sources"][0] == ["DEA News", 12]
    assert figures["languages"] == [["en", len(site.articles)]]
    sections = Counter(site.expected_self_description(a)["section"] for a in site.articles)
    assert figures["top_sections"] == sorted(map(list, sections.items()),
                                             key=lambda pair: (-pair[1], pair[0]))[:10]
    assert figures["publishers"] == [[site.site_name, len(site.articles)]]
    [health] = figures["sites"]
    assert health["articles"] == len(site.articles)
    assert health["missing_authors"] == round(3 / len(site.articles), 3)
    assert health["missing_title"] == health["missing_body"] == 0
    assert figures["last_runs"][0]["status"] == "finished"
    assert figures["published"] == {"first": min(a.published for a in site.articles),
                                    "last": max(a.published for a in site.articles)}
    main(["stats", "--db", str(db)])
    out = capsys.readouterr().out
    assert f"{len(site.articles)} articles;" in out and "missing 0% / 0% / 20% / 0%" in out
    assert f"Publishers: {site.site_name} ({len(site.articles)})" in out


@pytest.mark.parametrize("command", [["search", "rail"], ["export", "--format", "jsonl",
                                                           "--output", "x.jsonl"], ["stats"]])
def test_a_missing_archive_is_an_error_and_no_file_is_made(tmp_path, command):
    missing = tmp_path / "missing.db"
    result = run(*command, "--db", str(missing))
    assert result.returncode == 1
    assert result.stderr.strip() == f"archiver {command[0]}: error: no archive at {missing}"
    assert not missing.exists()


@pytest.mark.parametrize("command", [["search", "rail"], ["stats"],
                                     ["export", "--format", "csv", "--output", "-"]])
def test_a_damaged_archive_is_a_one_line_error(db, command):
    with open(db, "r+b") as damaged:  # pages after the first overwritten, its header intact
        damaged.seek(4096)
        damaged.write(b"\xff" * 20000)
    result = run(*command, "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"archiver {command[0]}: error: {db}: "
                                     "database disk image is malformed")


def test_export_from_python_takes_only_the_tables_and_formats_it_knows(db):
    from archiver.errors import CommandError
    from archiver.export import export

    archive = Archive(db)
    with pytest.raises(CommandError, match="not pages as jsonl"):
        export(archive.db, "pages", "jsonl", "-")
    archive.close()


def test_bad_option_values_are_refused(db):
    result = run("search", "rail", "--db", str(db), "--limit", "0")
    assert result.returncode == 2 and "must be a whole number of at least 1" in result.stderr
    result = run("export", "--db", str(db), "--format", "xml", "--output", "x")
    assert result.returncode == 2 and "invalid choice: 'xml'" in result.stderr
