"""Conditional requests: a recrawl asks whether a page changed since the archive stored it
(ETag / Last-Modified), and a "304 Not Modified" reuses the stored response."""

from __future__ import annotations

import json

from archiver.conditional import conditional_headers
from archiver.dedupe import canonicalize
from archiver.demo import DemoSite, serve


def last_stats(archive) -> dict:
    run = next(archive.db["crawl_runs"].rows_where(order_by="id desc", limit=1))
    return json.loads(run["stats"])


def test_a_stored_responses_validators_become_the_requests_conditions():
    day = "Tue, 05 May 2026 08:00:00 GMT"
    assert conditional_headers({"ETag": ['"abc"'], "Last-Modified": [day],
                                "Content-Type": ["text/html"]}) == {
        "If-None-Match": '"abc"', "If-Modified-Since": day}
    assert conditional_headers({"etag": ['W/"x"'], "last-modified": []}) == {
        "If-None-Match": 'W/"x"'}
    assert conditional_headers({"Content-Type": ["text/html"]}) == {}


def test_a_recrawl_downloads_only_the_pages_that_changed(crawl, archive_path, open_archive):
    site = DemoSite.load()
    start, changed = site.articles[0], site.articles[1]
    with serve(site) as base_url:
        url = base_url + site.article_path(start)
        crawl(archive_path, url)
        archive = open_archive(archive_path)
        first_pages = archive.db["pages"].count
        assert "archiver/not_modified" not in last_stats(archive)

        changed.paragraphs[0] += " An update: the council met again on Friday."
        crawl(archive_path, url)
    stats = last_stats(archive)
    # Every page but the changed article's came back "304 Not Modified", read from the archive.
    second_pages = archive.db["pages"].count - first_pages
    assert stats["archiver/not_modified"] == second_pages - 1
    assert archive.db["articles"].count == len(site.articles)
    assert [row["article_url"] for row in archive.db["article_versions"].rows] == [
        canonicalize(base_url + site.article_path(changed))]
    for article in site.articles:  # each read whole, comments and links as before
        row = archive.article(canonicalize(base_url + site.article_path(article)))
        assert row["body"] == site.expected_body(article)
        assert row["last_seen"] > row["first_seen"]
    assert archive.db["comments"].count == sum(
        len(site.expected_comments(article)) for article in site.articles)


def test_conditional_requests_can_be_turned_off(crawl, archive_path, open_archive):
    site = DemoSite.load()
    with serve(site) as base_url:
        url = base_url + site.article_path(site.articles[0])
        crawl(archive_path, url, max_articles=2)
        crawl(archive_path, url, {"ARCHIVER_CONDITIONAL_REQUESTS": "false"}, max_articles=2)
    stats = last_stats(open_archive(archive_path))
    assert "archiver/not_modified" not in stats
