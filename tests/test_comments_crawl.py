"""End to end: comment sections crawled over loopback, archived once, kept across runs."""

from __future__ import annotations

import json

from archiver.dedupe import canonicalize
from archiver.demo import DemoComment

COLUMNS = ("comment_id", "parent_id", "author", "published", "text", "depth")


def archived_comments(archive, url: str) -> list[dict]:
    rows = archive.db["comments"].rows_where("article_url = ?", [url], order_by="position")
    return [{column: row[column] for column in COLUMNS} for row in rows]


def test_every_comment_is_archived_once_with_its_thread(
        crawl, demo_site, served, archive_path, open_archive):
    crawl(archive_path, served + demo_site.article_path(demo_site.articles[0]))
    archive = open_archive(archive_path)
    total = 0
    for article in demo_site.articles:
        url = canonicalize(served + demo_site.article_path(article))
        row = archive.article(url)
        expected = demo_site.expected_comments(article)
        assert archived_comments(archive, url) == expected, article.slug
        assert row["comments_open"] == demo_site.expected_comments_open(article), article.slug
        assert row["comment_count"] == demo_site.expected_comment_count(article), article.slug
        total += len(expected)
    assert archive.db["comments"].count == total
    assert max(row["depth"] for row in archive.db["comments"].rows) >= 3


def test_paginated_comments_are_merged_into_their_article(
        crawl, demo_site, served, archive_path, open_archive):
    paginated = next(a for a in demo_site.articles if len(demo_site.comment_pages(a)) > 1)
    crawl(archive_path, served + demo_site.article_path(paginated), max_articles=1)
    archive = open_archive(archive_path)
    assert archive.db["articles"].count == 1
    url = canonicalize(served + demo_site.article_path(paginated))
    assert archived_comments(archive, url) == demo_site.expected_comments(paginated)
    fetched = {row["url"] for row in archive.db["pages"].rows}
    assert {served + path for path in demo_site.comment_pages(paginated)[1:]} <= fetched


def test_comment_pages_that_link_each_other_are_listed_once_and_read_once(
        crawl, demo_site, served, archive_path, open_archive):
    # One thread a page: page 2's pager links pages 1 and 3, page 3's pages 2 and 4, ...
    article = next(a for a in demo_site.articles if len(demo_site.comment_pages(a)) > 1)
    article.comments_per_page = 1
    pages = [served + path for path in demo_site.comment_pages(article)]
    assert len(pages) >= 4
    # The article item as the spider yields it (the archive does not keep its page list).
    items = archive_path.parent / "articles.jsonl"
    feed = {items.as_uri(): {"format": "jsonlines", "item_classes": ["archiver.items.Article"]}}
    crawl(archive_path, pages[0], settings={"FEEDS": json.dumps(feed)}, max_articles=1)

    [item] = [json.loads(line) for line in items.read_text().splitlines()]
    listed = [canonicalize(url) for url in item["comment_pages"]]
    assert len(listed) == len(set(listed))
    assert {canonicalize(url) for url in pages[1:]} <= set(listed)
    archive = open_archive(archive_path)
    fetched = [row["url"] for row in archive.db["pages"].rows if "robots.txt" not in row["url"]]
    assert sorted(fetched) == sorted(set(fetched))
    assert set(pages[1:]) <= set(fetched)
    url = canonicalize(pages[0])
    assert archived_comments(archive, url) == demo_site.expected_comments(article)
    assert archive.db["comments"].count == len(article.comments)


def test_a_script_loaded_comment_provider_is_recorded(
        crawl, demo_site, served, archive_path, open_archive):
    disqus = next(a for a in demo_site.articles if a.comments_provider)
    crawl(archive_path, served + demo_site.article_path(disqus), max_articles=1)
    row = open_archive(archive_path).article(canonicalize(served + demo_site.article_path(disqus)))
    assert row["comments_provider"] == "disqus"
    assert row["comments_open"] is None


def test_a_recrawl_adds_updates_and_marks_removed_comments(
        crawl, demo_site, served, archive_path, open_archive):
    article = next(a for a in demo_site.articles if len(demo_site.comment_pages(a)) > 1)
    start = served + demo_site.article_path(article)
    url = canonicalize(start)
    crawl(archive_path, start, max_articles=1)
    before = {c["comment_id"]: c for c in archived_comments(open_archive(archive_path), url)}

    edited, deleted = article.comments[0], article.comments[-1]
    edited.text = "An edited remark."
    article.comments.remove(deleted)
    article.comments.append(DemoComment(id=999, author="Late Reader", text="A new remark.",
                                        published="2026-03-20T08:00:00+00:00"))
    crawl(archive_path, start, max_articles=1)

    archive = open_archive(archive_path)
    rows = {row["comment_id"]: row
            for row in archive.db["comments"].rows_where("article_url = ?", [url])}
    assert set(rows) == set(before) | {"999"}  # nothing duplicated, nothing deleted
    assert rows["999"]["text"] == "A new remark." and rows["999"]["removed_at"] is None
    assert rows[str(deleted.id)]["removed_at"] is not None
    assert rows[str(edited.id)]["text"] == "An edited remark."
    [version] = archive.db["comment_versions"].rows
    assert (version["comment_id"], version["text"]) == (str(edited.id),
                                                          before[str(edited.id)]["text"])
    unchanged = [cid for cid in before if cid not in (str(edited.id), str(deleted.id))]
    assert all(rows[cid]["removed_at"] is None for cid in unchanged)
