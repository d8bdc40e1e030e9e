"""End to end: `scrapy crawl chain` over the demo site on 127.0.0.1 into a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from archiver.archive import Archive
from archiver.dedupe import canonicalize
from archiver.demo import DemoSite, serve
from archiver.demo.site import HTML


def article_urls(base_url: str, site: DemoSite) -> list[str]:
    return [canonicalize(base_url + site.article_path(a)) for a in site.articles]


def last_run(archive) -> dict:
    run = next(archive.db["crawl_runs"].rows_where(order_by="id desc", limit=1))
    run["stats"] = json.loads(run["stats"])
    return run


def test_crawl_from_a_middle_article_archives_the_whole_chain_once_in_order(
    crawl, demo_site, served, archive_path, open_archive
):
    middle = demo_site.articles[len(demo_site.articles) // 2]
    crawl(archive_path, served + demo_site.article_path(middle))

    archive = open_archive(archive_path)
    chains = archive.chains()
    assert len(chains) == 1
    chain = chains[0]
    assert [row["canonical_url"] for row in chain] == article_urls(served, demo_site)
    for row, expected in zip(chain, demo_site.articles, strict=True):
        assert row["title"] == expected.title
        assert row["body"] == demo_site.expected_body(expected)
        assert row["attribution"] == demo_site.expected_attribution(expected)
        assert "(Source attribution" not in row["body"]
        declared = demo_site.expected_self_description(expected)
        assert {name: row[name] for name in declared} == declared
    assert archive.db["articles"].count == len(demo_site.articles)
    run = last_run(archive)
    assert run["status"] == "finished" and run["articles"] == len(demo_site.articles)
    assert json.loads(run["arguments"])["direction"] == "both"


def test_every_fetched_response_is_kept_compressed_in_pages(
    crawl, demo_site, served, archive_path, open_archive
):
    from archiver.archive import decompress

    first = demo_site.articles[0]
    crawl(archive_path, served + demo_site.article_path(first), max_articles=2)
    pages = list(open_archive(archive_path).db["pages"].rows_where("status = 200"))
    article_pages = [page for page in pages if "robots.txt" not in page["url"]]
    assert len(article_pages) == 2
    html = decompress(article_pages[0]["body"]).decode()
    assert first.title in html
    assert json.loads(article_pages[0]["headers"])["Content-Type"][0].startswith("text/html")
    assert len(article_pages[0]["sha256"]) == 64


def test_direction_prev_walks_only_to_older_articles(
    crawl, demo_site, served, archive_path, open_archive
):
    middle = len(demo_site.articles) // 2
    crawl(
        archive_path, served + demo_site.article_path(demo_site.articles[middle]), direction="prev"
    )
    archived = {row["canonical_url"] for row in open_archive(archive_path).articles()}
    assert archived == set(article_urls(served, demo_site)[: middle + 1])


def test_direction_next_walks_only_to_newer_articles(
    crawl, demo_site, served, archive_path, open_archive
):
    middle = len(demo_site.articles) // 2
    crawl(
        archive_path, served + demo_site.article_path(demo_site.articles[middle]), direction="next"
    )
    archived = {row["canonical_url"] for row in open_archive(archive_path).articles()}
    assert archived == set(article_urls(served, demo_site)[middle:])


def test_max_articles_bounds_the_run(crawl, demo_site, served, archive_path, open_archive):
    middle = demo_site.articles[len(demo_site.articles) // 2]
    crawl(archive_path, served + demo_site.article_path(middle), max_articles=3)
    archive = open_archive(archive_path)
    assert archive.db["articles"].count == 3
    assert last_run(archive)["stats"]["archiver/links_over_max_articles"] >= 1


def test_a_chain_that_cycles_is_walked_once(crawl, demo_site, archive_path, open_archive):
    articles = demo_site.articles[:5]
    articles[0] = replace(articles[0], prev=articles[-1].slug)
    articles[-1] = replace(articles[-1], next=articles[0].slug)
    site = DemoSite(articles)
    with serve(site) as base_url:
        crawl(archive_path, base_url + site.article_path(articles[2]))
    archive = open_archive(archive_path)
    assert archive.db["articles"].count == 5
    assert sorted(row["canonical_url"] for row in archive.articles()) == sorted(
        article_urls(base_url, site)
    )
    assert last_run(archive)["status"] == "finished"


def chain_back_to_the_oldest(crawl, demo_site, archive_path, suffix: str) -> list[str]:
    """Crawl three articles whose newest links "next" back to the oldest under another URL;
    the URLs fetched."""
    articles = demo_site.articles[:3]
    site = DemoSite(articles)
    with serve(site) as base_url:
        site.articles[2] = replace(
            articles[2], next=base_url + site.article_path(articles[0]) + suffix)
        crawl(archive_path, base_url + site.article_path(articles[0]), direction="next")
    archive = Archive(archive_path)
    try:
        assert archive.db["articles"].count == 3
        return [row["url"] for row in archive.db["pages"].rows]
    finally:
        archive.close()


def test_the_same_article_under_an_unknown_alias_is_recognised_and_not_walked_again(
        crawl, demo_site, archive_path):
    fetched = chain_back_to_the_oldest(crawl, demo_site, archive_path, "?id=9")
    # Fetched once more (nothing in the URL says it is the same), known by its canonical link.
    assert len(fetched) == 4 and fetched[-1].endswith("?id=9")


def test_a_tracking_variant_of_an_archived_article_is_never_requested(
        crawl, demo_site, archive_path):
    fetched = chain_back_to_the_oldest(crawl, demo_site, archive_path, "?utm_source=x#top")
    assert len(fetched) == 3 and not any("utm_source" in url for url in fetched)


def test_a_neighbour_on_another_site_is_not_followed(crawl, demo_site, archive_path, open_archive):
    articles = demo_site.articles[:4]
    articles[1] = replace(articles[1], next="http://other-site.invalid/2026/01/01/elsewhere/")
    site = DemoSite(articles)
    with serve(site) as base_url:
        crawl(archive_path, base_url + site.article_path(articles[0]))
    archive = open_archive(archive_path)
    archived = {row["canonical_url"] for row in archive.articles()}
    assert archived == set(article_urls(base_url, site)[:2])
    assert not any("other-site" in row["url"] for row in archive.db["pages"].rows)
    assert last_run(archive)["stats"]["archiver/offsite_links_skipped"] == 1


def test_a_start_url_that_404s_fails_the_run_with_a_clear_error(
    crawl, served, archive_path, open_archive
):
    result = crawl(archive_path, served + "/2026/01/01/no-such-article/")
    assert "could not fetch" in result.stderr and "HTTP 404" in result.stderr
    archive = open_archive(archive_path)
    run = last_run(archive)
    assert run["status"] == "failed" and run["articles"] == 0 and run["errors"] == 1
    [error] = archive.db["errors"].rows
    assert error["url"].endswith("/no-such-article/") and error["status"] == 404
    assert error["reason"] == "HTTP 404"
    assert [
        page["status"] for page in archive.db["pages"].rows if "no-such-article" in page["url"]
    ] == [404]


def test_a_page_without_article_text_is_recorded_as_an_error(
    crawl, demo_site, archive_path, open_archive
):
    articles = demo_site.articles[:3]
    articles[1] = replace(articles[1], paragraphs=[])
    site = DemoSite(articles)
    with serve(site) as base_url:
        crawl(archive_path, base_url + site.article_path(articles[0]))
    archive = open_archive(archive_path)
    [error] = archive.db["errors"].rows
    assert error["url"] == base_url + site.article_path(articles[1])
    assert "no body" in error["reason"]
    # The walk goes on past the empty page.
    assert archive.db["articles"].count == 2


def test_crawling_twice_keeps_one_row_per_article_and_updates_last_seen(
    crawl, demo_site, served, archive_path, open_archive
):
    start = served + demo_site.article_path(demo_site.articles[3])
    crawl(archive_path, start)
    first = {row["canonical_url"]: row for row in open_archive(archive_path).articles()}
    crawl(archive_path, start)
    archive = open_archive(archive_path)
    second = {row["canonical_url"]: row for row in archive.articles()}
    assert second.keys() == first.keys()
    assert archive.db["articles"].count == len(demo_site.articles)
    assert archive.db["attributions"].count == sum(
        len(demo_site.expected_attribution(a)) for a in demo_site.articles
    )
    for url, row in second.items():
        assert row["first_seen"] == first[url]["first_seen"]
        assert row["last_seen"] > first[url]["last_seen"]
    assert archive.db["crawl_runs"].count == 2
    assert (
        archive.db.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ["Japan"]
        ).fetchone()[0]
        >= 1
    )


@pytest.mark.parametrize("arguments, message", [
    ([], "chain needs a start URL"),
    (["-a", "start_url=ftp://news.example/a/"], "start_url must be http(s) URLs"),
    (["-a", "start_url=http://127.0.0.1:9/a/", "-a", "direction=sideways"],
     "direction must be one of both, prev, next"),
    (["-a", "start_url=http://127.0.0.1:9/a/", "-a", "max_articles=zero"],
     "max_articles must be a whole number"),
    (["-a", "start_url=http://127.0.0.1:9/a/", "-a", "max_articles=0"],
     "max_articles must be at least 1"),
    (["-a", "start_url=http://127.0.0.1:9/a/", "-a", "incremental=maybe"],
     "incremental must be true or false"),
])
def test_bad_spider_arguments_fail_with_a_clear_message_and_touch_nothing(
        archive_path, arguments, message):
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "chain", *arguments,
         "-s", f"ARCHIVE_DB={archive_path}"],
        cwd=archive_path.parent, capture_output=True, text=True, timeout=60,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "archiver.settings"})
    assert result.returncode != 0
    assert message in result.stderr.splitlines()[-1]
    assert not archive_path.exists()


def test_a_neighbour_that_cannot_be_fetched_is_recorded_and_the_run_goes_on(
        crawl, demo_site, archive_path, open_archive):
    articles = demo_site.articles[:3]
    site = DemoSite(articles)
    with serve(site) as base_url:
        site.articles[2] = replace(articles[2], next=base_url + "/2026/12/31/gone/")
        crawl(archive_path, base_url + site.article_path(articles[0]))
    archive = open_archive(archive_path)
    assert archive.db["articles"].count == 3
    [error] = archive.db["errors"].rows
    assert (error["url"], error["status"], error["reason"]) == (
        base_url + "/2026/12/31/gone/", 404, "HTTP 404")
    run = last_run(archive)
    assert (run["status"], run["articles"], run["errors"]) == ("finished", 3, 1)


class MislabelledSite(DemoSite):
    """The demo site in UTF-8, its pages saying ISO-8859-1 in the header and the meta tag."""

    def render(self, path: str, base_url: str):
        status, content_type, body = super().render(path, base_url)
        if content_type != HTML:
            return status, content_type, body
        return (status, "text/html; charset=iso-8859-1",
                body.replace(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">'))


def test_a_utf8_page_that_declares_another_charset_is_archived_as_utf8(
        crawl, demo_site, archive_path, open_archive):
    articles = [replace(demo_site.articles[0], title="Crème brûlée sales rise in Zürich"),
                demo_site.articles[1]]
    site = MislabelledSite(articles)
    with serve(site) as base_url:
        crawl(archive_path, base_url + site.article_path(articles[0]))
    titles = {row["title"] for row in open_archive(archive_path).articles()}
    assert "Crème brûlée sales rise in Zürich" in titles
