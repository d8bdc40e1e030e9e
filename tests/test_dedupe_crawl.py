"""End to end: one row per article whatever URL leads to it, copies linked, changes versioned."""

from __future__ import annotations

from dataclasses import replace

from archiver.dedupe import article_key
from archiver.demo import LINK_STYLES, DemoSite, serve


def test_a_syndicated_copy_on_another_site_is_linked_to_the_original(
        crawl, demo_site, archive_path, open_archive):
    original = demo_site.articles[7]
    paragraphs = list(original.paragraphs)
    paragraphs.insert(1, "Editors at the partner site added this paragraph of local context "
                         "for their readers before republishing the wire report in full.")
    paragraphs[-1] = paragraphs[-1].rsplit(".", 2)[0] + ", the agency concluded."
    copy = replace(original, slug="republished-japan-security-posture",
                   published="2026-03-06T12:00:00+00:00", paragraphs=paragraphs, comments=[],
                   prev="", next="")
    home, partner = DemoSite([original]), DemoSite([copy])
    with serve(home) as home_url, serve(partner) as partner_url:
        original_url = home_url + home.article_path(original)
        copy_url = partner_url + partner.article_path(copy)
        crawl(archive_path, f"{copy_url},{original_url}")
    archive = open_archive(archive_path)
    assert archive.db["articles"].count == 2
    [link] = archive.db["duplicates"].rows
    assert (link["article_url"], link["duplicate_of"], link["kind"]) == (
        copy_url, original_url, "near")
    assert 0.8 <= link["similarity"] < 1


def test_an_exact_copy_under_another_url_is_found(crawl, demo_site, archive_path, open_archive):
    first = demo_site.articles[2]
    again = replace(first, slug=first.slug + "-repost", published="2026-03-20T09:00:00+00:00",
                    comments=[])
    site = DemoSite([first, again])
    with serve(site) as base_url:
        crawl(archive_path, base_url + site.article_path(first))
    [link] = open_archive(archive_path).db["duplicates"].rows
    assert link["article_url"] == base_url + site.article_path(again)
    assert link["duplicate_of"] == base_url + site.article_path(first)
    assert (link["kind"], link["similarity"]) == ("exact", 1.0)


def test_an_article_edited_between_crawls_has_two_versions_and_recrawls_add_none(
        crawl, demo_site, served, archive_path, open_archive):
    article = demo_site.articles[4]
    start = served + demo_site.article_path(article)
    crawl(archive_path, start, max_articles=1)
    crawl(archive_path, start, max_articles=1)
    assert open_archive(archive_path).db["article_versions"].count == 0

    article.paragraphs.append("Update: the port authority confirmed the new schedule on Friday.")
    crawl(archive_path, start, max_articles=1)
    crawl(archive_path, start, max_articles=1)
    archive = open_archive(archive_path)
    history = archive.versions(start)
    assert [version["version"] for version in history] == [1, 2]
    assert history[0]["body"] == demo_site.expected_body(article).rsplit("\n\n", 1)[0]
    assert history[1]["body"] == demo_site.expected_body(article)
    assert "port authority" in history[1]["changes"]
    assert archive.db["articles"].count == 1


def test_every_url_variant_folds_to_one_article_and_none_is_fetched_twice(
        crawl, demo_site, archive_path, open_archive):
    styles = [None, *LINK_STYLES]
    articles = [replace(article, link_style=style, comments=[])
                for article, style in zip(demo_site.articles, styles, strict=False)]
    site = DemoSite(articles)
    with serve(site) as base_url:
        # Start from a variant too: a tracking-parameter URL of an article in the middle.
        middle = articles[len(articles) // 2]
        crawl(archive_path, base_url + site.article_path(middle) + "?utm_source=rss&fbclid=x")
    archive = open_archive(archive_path)
    urls = {row["canonical_url"] for row in archive.articles()}
    assert urls == {base_url + site.article_path(article) for article in articles}
    fetched = [row["url"] for row in archive.db["pages"].rows]
    assert len({article_key(url) for url in fetched}) == len(fetched) == len(articles)
    assert any(url.endswith("/amp/") for url in fetched)  # reached through an AMP link
    [chain] = archive.chains()
    assert len(chain) == len(articles)
