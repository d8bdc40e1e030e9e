"""The archive on its own: schema, upserts that keep first_seen, chains, batches."""

from __future__ import annotations

import pytest

from archiver.archive import MIGRATIONS, Archive, decompress
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


def test_a_batch_is_one_transaction(archive):
    broken = article("b")
    broken.authors = [object()]  # cannot be stored as JSON
    with pytest.raises(TypeError):
        archive.save([article("a"), broken])
    assert archive.db["articles"].count == 0


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


def test_a_recrawl_adds_new_comments_and_keeps_edited_texts_as_versions(archive):
    archive.save([with_comments(("1", "First."), ("2", "Second."))])
    archive.save([with_comments(("1", "First, edited."), ("2", "Second."), ("3", "Third."))])
    rows = comment_rows(archive)
    assert set(rows) == {"1", "2", "3"}
    assert rows["1"]["text"] == "First, edited."
    assert rows["1"]["first_seen"] < rows["3"]["first_seen"]
    [version] = archive.db["comment_versions"].rows
    assert (version["comment_id"], version["version"], version["text"]) == ("1", 1, "First.")
    archive.save([with_comments(("1", "Edited twice."), ("2", "Second."), ("3", "Third."))])
    texts = [v["text"] for v in archive.db["comment_versions"].rows_where(order_by="version")]
    assert texts == ["First.", "First, edited."]


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
