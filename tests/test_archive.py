"""The archive on its own: schema, upserts that keep first_seen, chains, batches."""

from __future__ import annotations

import sqlite3
import threading
import time
from unittest import mock

import pytest
import sqlite_utils

from archiver.archive import ARTICLE_URL_COLUMNS, MIGRATIONS, Archive, decompress, migrate
from archiver.dedupe import w3lib_canonical
from archiver.extract import extract
from archiver.extract.comments.fields import fallback_id
from archiver.items import Article, Comment, CrawlError, Page


def article(name: str, prev: str | None = None, next: str | None = None, **fields) -> Article:
    url = f"https://news.example/{name}/"
    return Article(url=url, canonical_url=url, title=name.title(), body=f"Body of {name}.",
                   prev_url=prev and f"https://news.example/{prev}/",
                   next_url=next and f"https://news.example/{next}/", **fields)


@pytest.fixture
def archive(tmp_path):
    opened = Archive(tmp_path / "a.db")
    yield opened
    opened.close()


def test_a_new_archive_has_every_table_wal_and_the_latest_schema(archive):
    assert {"articles", "articles_fts", "attributions", "comments", "pages", "errors",
            "crawl_runs"} <= set(archive.db.table_names())
    assert archive.db.journal_mode == "wal"
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_reopening_an_archive_does_not_migrate_twice(tmp_path):
    Archive(tmp_path / "a.db").close()
    reopened = Archive(tmp_path / "a.db")
    assert reopened.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    reopened.close()


def test_saving_an_article_again_keeps_first_seen_and_moves_last_seen(archive):
    archive.save([article("a", attribution=["DEA News"], attribution_raw=["(Source: DEA News)"])])
    first = archive.article("https://news.example/a/")
    archive.save([article("a", attribution=["DEA News"])])
    again = archive.article("https://news.example/a/")
    assert again["first_seen"] == first["first_seen"]
    assert again["last_seen"] > first["last_seen"]
    assert archive.db["articles"].count == 1
    assert list(archive.db["attributions"].rows) == [
        {"article_url": "https://news.example/a/", "source": "DEA News", "raw": None}]
    assert first["attribution"] == ["DEA News"]


def test_full_text_search_follows_updates(archive):
    archive.save([article("a")])
    match = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    assert archive.db.execute(match, ["Body"]).fetchone()[0] == 1
    changed = article("a")
    changed.body = "Rewritten text."
    archive.save([changed])
    assert archive.db.execute(match, ["Body"]).fetchone()[0] == 0
    assert archive.db.execute(match, ["Rewritten"]).fetchone()[0] == 1


def test_chains_run_oldest_to_newest_and_survive_cycles(archive):
    archive.save([article("b", "a", "c"), article("a", None, "b"), article("c", "b", None),
                  article("x", "z", "y"), article("y", "x", "z"), article("z", "y", "x")])
    chains = [[row["title"] for row in chain] for chain in archive.chains()]
    assert ["A", "B", "C"] in chains
    cycle = next(chain for chain in chains if "X" in chain)
    assert sorted(cycle) == ["X", "Y", "Z"]
    assert len(chains) == 2


def test_a_link_one_page_shows_joins_the_chain_though_the_other_does_not_show_it_back(archive):
    # The oldest page's lone "Next" and the newest's lone "Previous" were not read as links.
    archive.save([article("a"), article("b", "a", "c"), article("c", "b", "d"), article("d")])
    assert [[row["title"] for row in chain] for chain in archive.chains()] == [
        ["A", "B", "C", "D"]]


def test_pages_keep_the_body_compressed_and_errors_their_reason(archive):
    body = b"<html>" + b"x" * 10_000 + b"</html>"
    archive.save(pages=[Page(url="https://news.example/a/", final_url="https://news.example/a/",
                             status=200, headers={"Content-Type": ["text/html"]}, body=body,
                             fetched_at="2026-11-26T00:00:00+00:00")],
                 errors=[CrawlError(url="https://news.example/b/", reason="HTTP 500", status=500)])
    [page] = archive.db["pages"].rows
    assert len(page["body"]) < len(body) and decompress(page["body"]) == body
    [error] = archive.db["errors"].rows
    assert (error["url"], error["status"], error["reason"]) == (
        "https://news.example/b/", 500, "HTTP 500")


def test_a_response_s_bytes_are_stored_once(archive):
    def fetched(body: bytes, at: str) -> Page:
        return Page(url="https://news.example/a/", final_url="https://news.example/a/",
                    status=200, headers={}, body=body, fetched_at=at)

    same = b"<html>" + b"unchanged " * 1000 + b"</html>"
    archive.save(pages=[fetched(same, "2026-11-26T00:00:00+00:00")])
    archive.save(pages=[fetched(same, "2026-11-26T01:00:00+00:00"),
                        fetched(b"<html>edited</html>", "2026-11-26T02:00:00+00:00"),
                        fetched(same, "2026-11-26T03:00:00+00:00")])
    pages = list(archive.db["pages"].rows_where(order_by="id"))
    assert [page["body"] is not None for page in pages] == [True, False, True, False]
    assert [archive.page_body(page) for page in pages] == [same, same, b"<html>edited</html>",
                                                           same]


def test_a_batch_is_one_transaction(archive):
    broken = article("b")
    broken.authors = [object()]  # cannot be stored as JSON
    with pytest.raises(TypeError):
        archive.save([article("a"), broken])
    assert archive.db["articles"].count == 0


def test_a_run_whose_process_is_gone_is_marked_interrupted_when_the_next_run_starts(archive):
    killed = archive.start_run("chain", {"start_url": "https://news.example/a/"})
    url = "https://news.example/a/"
    fetched = Page(url=url, final_url=url, status=200, headers={}, body=b"<html></html>",
                   fetched_at="2026-03-01T10:00:00.000+00:00")
    archive.save([article("a")], [fetched], run_id=killed)
    live = archive.start_run("chain", {})  # this process: still running
    archive.db["crawl_runs"].update(killed, {"pid": 2**22 + 1})  # above Linux's pid_max: gone
    archive.start_run("chain", {})
    runs = {run["id"]: run for run in archive.db["crawl_runs"].rows}
    assert (runs[killed]["status"], runs[killed]["finished"], runs[killed]["articles"]) == (
        "interrupted", "2026-03-01T10:00:00.000+00:00", 1)
    assert runs[live]["status"] == "running"
    assert archive.article(url) is not None


def test_runs_record_status_counts_and_stats(archive):
    run_id = archive.start_run("chain", {"start_url": "https://news.example/a/"})
    archive.save([article("a")], run_id=run_id)
    archive.finish_run(run_id, "finished", {"item_scraped_count": 1})
    run = archive.db["crawl_runs"].get(run_id)
    assert (run["status"], run["articles"], run["errors"]) == ("finished", 1, 0)
    assert '"item_scraped_count": 1' in run["stats"]


def with_comments(*comments: tuple[str, str], complete: bool = True) -> Article:
    saved = article("a")
    saved.comments = [Comment(comment_id=cid, text=text, position=i)
                      for i, (cid, text) in enumerate(comments)]
    saved.comments_complete = complete
    return saved


def comment_rows(archive) -> dict[str, dict]:
    return {row["comment_id"]: row for row in archive.db["comments"].rows}


def test_a_comment_s_kind_is_stored_and_older_archives_gain_the_column(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    MIGRATIONS[0](db)  # an archive written before comments had a kind
    db.execute("PRAGMA user_version = 1")
    db["comments"].insert({"article_url": "https://news.example/a/", "comment_id": "1",
                           "text": "Stored before."})
    db.close()
    archive = Archive(tmp_path / "old.db")
    assert comment_rows(archive)["1"]["kind"] == "comment"
    saved = with_comments(("1", "Stored before."))
    saved.comments.append(Comment(comment_id="2", author="Other Blog", text="[…] linked […]",
                                  position=1, kind="pingback"))
    archive.save([saved])
    assert {cid: row["kind"] for cid, row in comment_rows(archive).items()} == {
        "1": "comment", "2": "pingback"}
    archive.close()


def test_a_recrawl_adds_new_comments_and_keeps_edited_texts_as_versions(archive):
    archive.save([with_comments(("1", "First."), ("2", "Second."))])
    archive.save([with_comments(("1", "First, edited."), ("2", "Second."), ("3", "Third."))])
    rows = comment_rows(archive)
    assert set(rows) == {"1", "2", "3"}
    assert rows["1"]["text"] == "First, edited."
    assert rows["1"]["first_seen"] < rows["3"]["first_seen"]
    [version] = archive.db["comment_versions"].rows
    assert (version["comment_id"], version["version"], version["text"]) == ("1", 1, "First.")
    archive.save([with_comments(("1", "Edited twice."), ("2", "Second, edited."), ("3", "Third."))])
    versions = [(v["comment_id"], v["version"], v["text"])
                for v in archive.db["comment_versions"].rows_where(order_by="comment_id, version")]
    assert versions == [("1", 1, "First."), ("1", 2, "First, edited."), ("2", 1, "Second.")]


def without_ids(*comments: tuple[str, str | None, str]) -> Article:
    """An article whose comments the page gives no id: (author, date, text) each."""
    saved = article("a")
    saved.comments = [
        Comment(comment_id=fallback_id(saved.url, author, published, text), author=author,
                published=published, text=text, position=i)
        for i, (author, published, text) in enumerate(comments)]
    return saved


def test_an_edited_comment_without_an_id_is_a_version_not_a_new_comment(archive):
    archive.save([without_ids(("Ana", "2026-03-01T10:00", "The bridge closed in 1998."),
                              ("Ben", None, "I remember the ferry that ran before it."))])
    first = comment_rows(archive)
    archive.save([without_ids(("Ana", "2026-03-01T10:00", "The bridge closed in 1999."),
                              ("Ben", None, "I remember the old ferry that ran before it."))])
    rows = comment_rows(archive)
    assert set(rows) == set(first)
    assert all(row["removed_at"] is None for row in rows.values())
    assert sorted(rows[v["comment_id"]]["author"] + ": " + v["text"]
                  for v in archive.db["comment_versions"].rows) == [
        "Ana: The bridge closed in 1998.", "Ben: I remember the ferry that ran before it."]


def test_a_new_comment_without_an_id_is_not_taken_for_an_edit_of_a_removed_one(archive):
    archive.save([without_ids(("Ana", None, "The bridge closed in 1998."))])
    archive.save([without_ids(("Ana", None, "Does anyone know when the tram line opens?"))])
    rows = comment_rows(archive)
    assert len(rows) == 2 and archive.db["comment_versions"].count == 0
    assert sorted(row["removed_at"] is None for row in rows.values()) == [False, True]


def test_vanished_comments_are_marked_removed_not_deleted_and_can_return(archive):
    archive.save([with_comments(("1", "First."), ("2", "Second."))])
    archive.save([with_comments(("1", "First."))])
    rows = comment_rows(archive)
    assert rows["1"]["removed_at"] is None and rows["2"]["removed_at"] is not None
    archive.save([with_comments(("1", "First."), ("2", "Second."))])
    assert comment_rows(archive)["2"]["removed_at"] is None


def test_an_incomplete_comment_section_removes_nothing(archive):
    archive.save([with_comments(("1", "First."), ("2", "Second."))])
    archive.save([with_comments(("1", "First."), complete=False)])
    assert all(row["removed_at"] is None for row in comment_rows(archive).values())


def test_comment_text_is_searchable(archive):
    archive.save([with_comments(("1", "A remark about tariffs."))])
    hits = archive.db.execute(
        "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH 'tariffs'").fetchone()[0]
    assert hits == 1


WIRE = " ".join([
    "Rescue teams reached the flooded villages in the north of the country on Tuesday after",
    "the river burst its banks overnight, officials said, adding that hundreds of families had",
    "spent the night on rooftops waiting for boats while the rain continued to fall. The",
    "regional governor said the army had been asked to help with the evacuation and that",
    "schools would stay closed until the end of the week as roads remain blocked by water and",
    "debris. Meteorologists expect the rain to ease on Thursday, but warned that water levels",
    "downstream could keep rising for several days as tributaries swell with runoff from the",
    "hills. Farmers in the valley said the harvest of maize and beans was lost in many fields,",
    "and that livestock had drowned where herders could not move animals to higher ground in",
    "time. Aid agencies have set up shelters in three towns and are distributing drinking",
    "water, blankets and food parcels, while health officials urged residents to boil water",
    "before drinking it to avoid outbreaks of disease. The national weather service said the",
    "rainfall recorded over the past two days was the highest for the month in forty years.",
])
UPDATE = " Updated: two more villages were evacuated."
SYNDICATED = " An extra closing line from the syndicating site."


def story(name: str, body: str, published: str | None = None) -> Article:
    saved = article(name)
    saved.title, saved.body, saved.published = "Floods in the north", body, published
    return saved


def test_an_exact_copy_under_another_url_is_linked_to_the_original(archive):
    archive.save([story("original", WIRE, "2026-03-01T10:00:00+00:00")])
    archive.save([story("copy", WIRE, "2026-03-02T10:00:00+00:00")])
    [link] = archive.db["duplicates"].rows
    assert (link["article_url"], link["duplicate_of"], link["kind"], link["similarity"]) == (
        "https://news.example/copy/", "https://news.example/original/", "exact", 1.0)
    assert archive.db["articles"].count == 2  # the copy is archived too: it is evidence


def test_a_syndicated_near_copy_links_to_the_earliest_published_even_if_archived_first(archive):
    rewritten = WIRE.replace("until the end of the week", "for the rest of the month") + (
        " Local radio stations broadcast the numbers of emergency shelters every hour.")
    archive.save([story("copy", rewritten, "2026-03-02T10:00:00+00:00")])
    archive.save([story("original", WIRE, "2026-03-01T10:00:00+00:00")])
    [link] = archive.db["duplicates"].rows
    assert (link["article_url"], link["duplicate_of"], link["kind"]) == (
        "https://news.example/copy/", "https://news.example/original/", "near")
    assert 0.8 <= link["similarity"] < 1.0


def test_an_unrelated_article_is_no_duplicate(archive):
    archive.save([story("a", WIRE)])
    archive.save([story("b", "Parliament approved the budget after a long night of debate, "
                             "with the opposition voting against every amendment the "
                             "government had proposed in the finance committee last week. " * 3)])
    assert archive.db["duplicates"].count == 0


def test_a_copy_rewritten_into_its_own_story_is_no_longer_linked_to_the_original(archive):
    archive.save([story("original", WIRE, "2026-03-01T10:00:00+00:00")])
    archive.save([story("copy", WIRE + SYNDICATED, "2026-03-02T10:00:00+00:00")])
    own_story = ("The city council voted on Monday to extend the tram line to the airport, "
                 "after a debate that lasted until the early hours of the morning. ") * 3
    archive.save([story("copy", own_story, "2026-03-02T10:00:00+00:00")])
    assert archive.db["duplicates"].count == 0
    archive.save([story("copy", WIRE + SYNDICATED, "2026-03-02T10:00:00+00:00")])
    assert [row["duplicate_of"] for row in archive.db["duplicates"].rows] == [
        "https://news.example/original/"]


def test_near_copies_are_found_across_runs_in_a_reopened_archive(tmp_path):
    first = Archive(tmp_path / "a.db")
    first.save([story("original", WIRE, "2026-03-01")])
    first.close()
    second = Archive(tmp_path / "a.db")
    second.save([story("copy", WIRE + " An extra closing line from the syndicating site.")])
    assert [row["duplicate_of"] for row in second.db["duplicates"].rows] == [
        "https://news.example/original/"]
    second.close()


def test_a_changed_article_keeps_its_earlier_text_and_unchanged_refetches_add_nothing(archive):
    archive.save([story("a", WIRE)])
    archive.save([story("a", WIRE)])
    assert archive.db["article_versions"].count == 0
    archive.save([story("a", WIRE + " Updated: two more villages were evacuated.")])
    archive.save([story("a", WIRE + " Updated: two more villages were evacuated.")])
    history = archive.versions("https://news.example/a/")
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["body"] == WIRE and history[1]["body"].endswith("were evacuated.")
    assert "+" in history[1]["changes"] and "evacuated" in history[1]["changes"]
    assert archive.db["articles"].count == 1 and archive.db["duplicates"].count == 0


KNOWN = {"authors": ["Anna Weber"], "published": "2026-03-01T10:00:00+00:00",
         "modified": "2026-03-02T08:00:00+00:00", "language": "en", "tags": ["floods"],
         "attribution": ["DEA News"], "attribution_raw": ["(Source attribution: DEA News)"],
         "prev_url": "https://news.example/before/", "next_url": "https://news.example/after/",
         "comments_open": True, "comment_count": 4, "comments_provider": "disqus"}


def known_story(body: str = WIRE) -> Article:
    saved = story("a", body)
    for name, value in KNOWN.items():
        setattr(saved, name, value)
    return saved


def test_a_recrawl_that_finds_less_keeps_every_value_the_archive_knew(archive):
    archive.save([known_story()])
    archive.save([story("a", WIRE)])  # the same page served degraded: no metadata at all
    row = archive.article("https://news.example/a/")
    assert {name: row[name] for name in KNOWN if name != "attribution_raw"} == {
        **{name: value for name, value in KNOWN.items() if name != "attribution_raw"},
        "comments_open": 1}
    assert [(a["source"], a["raw"]) for a in archive.db["attributions"].rows] == [
        ("DEA News", "(Source attribution: DEA News)")]
    assert archive.db["article_versions"].count == 0


def test_a_value_a_recrawl_finds_replaces_the_archived_one_false_and_zero_included(archive):
    archive.save([known_story()])
    found = story("a", WIRE, "2026-03-01T11:00:00+00:00")
    found.authors, found.attribution, found.attribution_raw = ["Ben Ode"], ["AFP"], ["(AFP)"]
    found.comments_open, found.comment_count = False, 0
    archive.save([found])
    row = archive.article("https://news.example/a/")
    assert (row["published"], row["authors"], row["attribution"]) == (
        "2026-03-01T11:00:00+00:00", ["Ben Ode"], ["AFP"])
    assert (row["comments_open"], row["comment_count"]) == (0, 0)
    assert [a["source"] for a in archive.db["attributions"].rows] == ["AFP"]
    assert row["tags"] == ["floods"]  # not found this time: kept


def test_a_date_found_only_as_its_day_keeps_the_archived_time_of_that_day(archive):
    archive.save([known_story()])
    archive.save([story("a", WIRE, "2026-03-01")])  # the day in the URL, the time undeclared
    assert archive.article("https://news.example/a/")["published"] == KNOWN["published"]
    archive.save([story("a", WIRE, "2026-03-04")])  # another day: the site corrected it
    assert archive.article("https://news.example/a/")["published"] == "2026-03-04"


def test_a_changed_text_on_a_degraded_page_is_a_version_and_keeps_the_metadata(archive):
    archive.save([known_story()])
    archive.save([story("a", WIRE + UPDATE)])
    row = archive.article("https://news.example/a/")
    assert (row["body"], row["published"], row["authors"]) == (
        WIRE + UPDATE, KNOWN["published"], KNOWN["authors"])
    assert [v["body"] for v in archive.versions("https://news.example/a/")] == [
        WIRE, WIRE + UPDATE]


def test_a_body_a_recrawl_reads_cut_short_by_a_paywall_keeps_the_full_archived_text(archive):
    archive.save([story("a", WIRE)])
    lede = WIRE[:WIRE.index("The regional")]
    archive.save([story("a", lede + "\n\nSubscribe to read the rest of this article.")])
    row = archive.article("https://news.example/a/")
    assert row["body"] == WIRE and archive.db["article_versions"].count == 0
    assert [r["title"] for r in archive.db.query(
        "SELECT title FROM articles_fts WHERE articles_fts MATCH 'meteorologists'")] == [
        "Floods in the north"]


def test_a_shorter_body_that_is_no_cut_of_the_archived_one_is_a_new_version(archive):
    archive.save([story("a", WIRE)])
    retraction = "This article has been withdrawn at the request of the authorities."
    archive.save([story("a", retraction)])
    assert archive.article("https://news.example/a/")["body"] == retraction
    archive.save([story("b", WIRE[:400])])  # paywalled from the first crawl: then read whole
    archive.save([story("b", WIRE)])
    assert [v["body"] for v in archive.versions("https://news.example/b/")] == [
        WIRE[:400], WIRE]


def test_a_recrawl_without_a_date_leaves_the_original_of_a_copy_the_original(archive):
    archive.save([story("original", WIRE, "2026-03-01T10:00:00+00:00")])
    archive.save([story("copy", WIRE + SYNDICATED, "2026-03-02T10:00:00+00:00")])
    archive.save([story("original", WIRE + UPDATE)])  # changed, and no date on the page
    assert [(d["article_url"], d["duplicate_of"]) for d in archive.db["duplicates"].rows] == [
        ("https://news.example/copy/", "https://news.example/original/")]


def test_a_recrawl_that_reads_no_comment_marks_none_removed_unless_the_page_says_none(archive):
    archive.save([with_comments(("1", "First."), ("2", "Second."))])
    archive.save([with_comments()])  # the comment section hidden behind a consent wall
    assert all(row["removed_at"] is None for row in comment_rows(archive).values())
    emptied = with_comments()
    emptied.comment_count = 0  # "No comments yet": every comment was deleted
    archive.save([emptied])
    assert all(row["removed_at"] is not None for row in comment_rows(archive).values())


def test_a_comment_seen_again_keeps_the_author_and_date_the_recrawl_did_not_find(archive):
    dated = with_comments(("1", "First."))
    dated.comments[0].author, dated.comments[0].published = "Ute", "2026-03-01T10:00:00+00:00"
    dated.comments[0].author_url = "https://ute.example/"
    archive.save([dated])
    archive.save([with_comments(("1", "First."))])
    row = comment_rows(archive)["1"]
    assert (row["author"], row["author_url"], row["published"]) == (
        "Ute", "https://ute.example/", "2026-03-01T10:00:00+00:00")


def hashed_comments(canonical_url: str) -> Article:
    """Article "a" under `canonical_url`, its two comments without ids of their own."""
    saved = article("a")
    saved.canonical_url = canonical_url
    first = Comment(fallback_id(canonical_url, "Ute", None, "First."), None, "Ute", None, None,
                    "First.")
    reply = Comment(fallback_id(canonical_url, "Kai", None, "Reply."), first.comment_id, "Kai",
                    None, None, "Reply.", 1, 1)
    saved.comments = [first, reply]
    return saved


def test_a_reply_read_flat_by_a_recrawl_keeps_its_place_in_the_thread(archive):
    threaded = with_comments(("1", "First."), ("2", "A reply."))
    threaded.comments[1].parent_id, threaded.comments[1].depth = "1", 1
    archive.save([threaded])
    archive.save([with_comments(("1", "First."), ("2", "A reply."))])  # the thread read flat
    assert (comment_rows(archive)["2"]["parent_id"], comment_rows(archive)["2"]["depth"]) == (
        "1", 1)


def test_hashed_comment_ids_stay_when_a_recrawl_finds_another_canonical_url(archive):
    # First archived without a declared canonical URL, at the address without its slash;
    # the site then declares one with the slash: the same article, the same comments.
    archive.save([hashed_comments("https://news.example/a")])
    before = comment_rows(archive)
    archive.save([hashed_comments("https://news.example/a/")])
    rows = comment_rows(archive)
    assert set(rows) == set(before)
    assert all(row["removed_at"] is None for row in rows.values())
    reply = next(row for row in rows.values() if row["text"] == "Reply.")
    assert before[reply["parent_id"]]["text"] == "First."


def test_site_given_comment_ids_are_never_rehashed(archive):
    archive.save([hashed_comments("https://news.example/a")])
    variant = with_comments(("7", "Ute's own id."))
    variant.canonical_url = "http://www.news.example/a/"
    archive.save([variant])
    assert "7" in comment_rows(archive)


def test_url_variants_of_an_archived_article_update_the_same_row(archive):
    archive.save([story("a", WIRE)])
    variant = story("a", WIRE)
    variant.canonical_url = "http://www.news.example/a?utm_source=feed"
    archive.save([variant])
    assert [row["canonical_url"] for row in archive.db["articles"].rows] == [
        "https://news.example/a/"]


def test_the_near_duplicate_index_tables_are_made_by_the_migrations(tmp_path):
    db = sqlite_utils.Database(tmp_path / "a.db")
    migrate(db)
    assert {"minhash_meta", "minhash_signatures", "minhash_bands"} <= set(db.table_names())


def test_an_archive_whose_near_duplicate_index_made_its_tables_opens_and_keeps_them(tmp_path):
    old = Archive(tmp_path / "a.db")
    old.save([story("original", WIRE, "2026-03-01")])
    # Archives at schema version 2 got the index's tables from the index itself.
    old.db.execute("PRAGMA user_version = 2")
    old.close()
    reopened = Archive(tmp_path / "a.db")
    assert reopened.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    reopened.save([story("copy", WIRE + " An extra closing line from the syndicating site.")])
    assert [row["duplicate_of"] for row in reopened.db["duplicates"].rows] == [
        "https://news.example/original/"]
    reopened.close()


def test_an_archive_opened_while_another_process_writes_to_it_waits_and_opens(tmp_path):
    # Two crawl workers opening a new archive at once: the first fills the near-duplicate
    # index's parameters while the second reads them. A transaction that read before the
    # other's write committed could not write after it, "database is locked".
    migrate(sqlite_utils.Database(tmp_path / "a.db"))
    other = sqlite3.connect(tmp_path / "a.db", isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode = wal")
    other.execute("BEGIN IMMEDIATE")

    def commit_later() -> None:
        time.sleep(0.5)
        other.execute("INSERT INTO minhash_meta (key, value) VALUES ('other', 'process')")
        other.execute("COMMIT")

    writer = threading.Thread(target=commit_later)
    writer.start()
    try:
        opened = Archive(tmp_path / "a.db")
    finally:
        writer.join()
        other.close()
    assert opened.db.execute("SELECT count(*) FROM minhash_meta").fetchone()[0] > 1
    opened.save([article("after")])
    assert opened.db["articles"].count == 1
    opened.close()


# --- Schema 4: URL keys written as published -------------------------------------------------

SPIP = "https://www.site.fr/spip.php?article8532"  # as the site links it: a bare query key
SEARCH = "https://www.site.fr/recherche?q=a:b"


def archived_in_the_old_form(url: str, body: str, published: str,
                             comments: tuple[str, ...] = ()) -> Article:
    saved = Article(url=url, canonical_url=w3lib_canonical(url), title="Floods in the north",
                    body=body, published=published, attribution=["DEA News"],
                    attribution_raw=["(Source attribution: DEA News)"])
    saved.comments = [Comment(comment_id=str(i), text=text, position=i)
                      for i, text in enumerate(comments)]
    return saved


def write_schema_3_archive(path) -> None:
    """An archive as schema 3 wrote it: canonical URLs and keys in w3lib's form
    ("spip.php?article8532=", "q=a%3Ab") in every table that holds one: an article with an
    earlier text, an edited comment and a credit, and a near copy of it."""
    with mock.patch("archiver.dedupe.canonicalize", w3lib_canonical):
        old = Archive(path)
        old.save([archived_in_the_old_form(SPIP, WIRE, "2026-03-01", ("First.",))])
        old.save([archived_in_the_old_form(SPIP, WIRE + UPDATE, "2026-03-01", ("First, edited.",))])
        old.save([archived_in_the_old_form(SEARCH, WIRE + SYNDICATED, "2026-03-02")])
    old.db.execute("PRAGMA user_version = 3")
    old.close()


@pytest.fixture
def migrated(tmp_path):
    write_schema_3_archive(tmp_path / "old.db")
    opened = Archive(tmp_path / "old.db")
    yield opened
    opened.close()


def test_write_schema_3_archive_holds_old_form_keys_in_every_table(tmp_path):
    write_schema_3_archive(tmp_path / "old.db")
    db = sqlite_utils.Database(tmp_path / "old.db")
    assert {row["canonical_url"]: row["key"] for row in db["articles"].rows} == {
        "https://www.site.fr/spip.php?article8532=": "https://site.fr/spip.php?article8532=",
        "https://www.site.fr/recherche?q=a%3Ab": "https://site.fr/recherche?q=a%3Ab"}
    for table, column in ARTICLE_URL_COLUMNS:
        assert {row[column] for row in db[table].rows} <= {
            "https://www.site.fr/spip.php?article8532=", "https://www.site.fr/recherche?q=a%3Ab"}
        assert db[table].count, table


def test_opening_a_schema_3_archive_rewrites_the_url_keys_of_every_table(migrated):
    assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    spip, search = "https://www.site.fr/spip.php?article8532", "https://www.site.fr/recherche?q=a:b"
    assert {row["canonical_url"]: row["key"] for row in migrated.db["articles"].rows} == {
        spip: "https://site.fr/spip.php?article8532", search: "https://site.fr/recherche?q=a:b"}
    both = {spip, search}
    expected = {("article_versions", "article_url"): {spip},
                ("duplicates", "article_url"): {search}, ("duplicates", "duplicate_of"): {spip},
                ("attributions", "article_url"): both, ("comments", "article_url"): {spip},
                ("comment_versions", "article_url"): {spip},
                ("minhash_signatures", "article_url"): both}
    assert {(table, column): {row[column] for row in migrated.db[table].rows}
            for table, column in ARTICLE_URL_COLUMNS} == expected
    # Nowhere else either: no column of any table holds an old-form key.
    for table in migrated.db.tables:
        for column in table.columns_dict:
            old_forms = migrated.db.execute(
                f"SELECT count(*) FROM [{table.name}] WHERE [{column}] LIKE '%article8532=%'"
                f" OR [{column}] LIKE '%q=a\\%3Ab%' ESCAPE '\\'").fetchone()[0]
            assert old_forms == 0, (table.name, column)
    assert migrated.db["errors"].count == 0


def test_a_recrawl_finds_an_article_archived_under_an_old_form_key(migrated):
    before = migrated.article("https://www.site.fr/spip.php?article8532")
    html = ("<html><head><title>Floods in the north</title>"
            '<meta property="article:published_time" content="2026-03-01"></head><body>'
            f"<article><h1>Floods in the north</h1><p>{WIRE}{UPDATE} Later: the river fell.</p>"
            "</article></body></html>")
    for url in (SPIP, SPIP + "="):  # as linked, and with an empty value: the same article
        again = extract(html, url)
        assert again.canonical_url == "https://www.site.fr/spip.php?article8532"
        again.comments = [Comment(comment_id="0", text="First, edited.", position=0)]
        migrated.save([again])
    assert migrated.db["articles"].count == 2
    after = migrated.article("https://www.site.fr/spip.php?article8532")
    assert after["first_seen"] == before["first_seen"] and after["last_seen"] > before["last_seen"]
    [comment] = migrated.db["comments"].rows
    assert (comment["comment_id"], comment["removed_at"]) == ("0", None)
    assert len(migrated.near_duplicates) == 2  # the changed text replaced its signature
    assert [(row["article_url"], row["duplicate_of"]) for row in migrated.db["duplicates"].rows] \
        == [("https://www.site.fr/recherche?q=a:b", "https://www.site.fr/spip.php?article8532")]


def test_after_the_rewrite_full_text_search_and_links_between_tables_line_up(migrated):
    db = migrated.db
    for index in ("articles_fts", "comments_fts"):
        db.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
    found = db.execute("SELECT a.canonical_url FROM articles_fts JOIN articles AS a"
                       " ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'syndicating'")
    assert found.fetchall() == [("https://www.site.fr/recherche?q=a:b",)]
    found = db.execute("SELECT c.article_url FROM comments_fts JOIN comments AS c"
                       " ON c.rowid = comments_fts.rowid WHERE comments_fts MATCH 'edited'")
    assert found.fetchall() == [("https://www.site.fr/spip.php?article8532",)]
    for table, column in ARTICLE_URL_COLUMNS:
        orphans = db.execute(f"SELECT {column} FROM {table} WHERE {column} NOT IN"
                             " (SELECT canonical_url FROM articles)").fetchall()
        assert orphans == [], (table, column)
    history = migrated.versions("https://www.site.fr/spip.php?article8532")
    assert [version["body"] for version in history] == [WIRE, WIRE + UPDATE]
    similar = dict(migrated.near_duplicates.query(WIRE + SYNDICATED))
    assert set(similar) == {"https://www.site.fr/spip.php?article8532",
                            "https://www.site.fr/recherche?q=a:b"}


def test_two_articles_whose_keys_become_one_are_kept_apart_and_reported(tmp_path, caplog):
    write_schema_3_archive(tmp_path / "old.db")
    db = sqlite_utils.Database(tmp_path / "old.db")
    # Imported by hand, after the crawl's row: the same search, its escape in lower case.
    imported = "https://www.site.fr/recherche?q=a%3ab"
    db["articles"].insert({"canonical_url": imported, "key": "https://site.fr/recherche?q=a%3ab",
                           "title": "Imported", "first_seen": "2099-01-01T00:00:00.000+00:00"})
    db["comments"].insert({"article_url": imported, "comment_id": "9", "text": "Imported."})
    db.close()
    archive = Archive(tmp_path / "old.db")
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    keys = {row["title"]: (row["canonical_url"], row["key"]) for row in archive.db["articles"].rows
            if "recherche" in row["canonical_url"]}
    assert keys == {"Floods in the north": ("https://www.site.fr/recherche?q=a:b",
                                            "https://site.fr/recherche?q=a:b"),
                    "Imported": (imported, "https://site.fr/recherche?q=a%3ab")}
    assert archive.db["comments"].get((imported, "9"))["text"] == "Imported."
    [error] = archive.db["errors"].rows
    assert error["url"] == imported and "https://www.site.fr/recherche?q=a:b" in error["reason"]
    assert imported in caplog.text
    archive.close()


def test_an_article_row_names_its_site_in_a_column_sqlite_computes(archive):
    archive.save([article("a"), Article(url="https://www.Other.example:8080/b/",
                                        canonical_url="https://www.Other.example:8080/b/",
                                        title="B", body="Text.")])
    sites = dict(archive.db.execute("SELECT canonical_url, site FROM articles").fetchall())
    assert sites == {"https://news.example/a/": "news.example",
                     "https://www.Other.example:8080/b/": "other.example:8080"}
