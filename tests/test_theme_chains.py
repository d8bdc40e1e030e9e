"""End to end: `scrapy crawl chain` over sites in the markup of widely used CMSs and themes
(`theme_sites.py`), started in the middle post, both directions."""

from __future__ import annotations

import pytest
from theme_sites import POSTS, ThemeSite

from archiver.dedupe import canonicalize
from archiver.demo import serve

MIDDLE = len(POSTS) // 2


def crawl_from_the_middle(theme: str, crawl, archive_path, open_archive,
                          site: ThemeSite | None = None):
    """Crawl `theme`'s site (or `site`, a variant of it) from its middle post: the archive, the
    posts' URLs (oldest first) and the URLs the crawl fetched."""
    site = site or ThemeSite(theme)
    with serve(site) as base_url:
        urls = [base_url + site.path(post) for post in POSTS]
        crawl(archive_path, urls[MIDDLE])
    archive = open_archive(archive_path)
    fetched = [row["url"] for row in archive.db["pages"].rows
               if not row["url"].endswith("/robots.txt")]
    return archive, urls, fetched


@pytest.mark.parametrize("theme", [
    "wordpress_block",  # Twenty Twenty-Four: .wp-block-post-navigation-link, rel=prev|next
    "wordpress_classic",  # Twenty Twenty-One: nav.post-navigation, .nav-previous / .nav-next
    "newspaper",  # tagDiv Newspaper: .td-post-next-prev, "Previous article" beside the link
    "blogger",  # #blog-pager: "Newer Post" is the next post, "Older Post" the previous one
    "drupal_head_links",  # Drupal 10 (Olivero): <link rel="prev|next"> in <head> only
    "drupal_flippy",  # Drupal 7 (Bartik): ul.flippy, a "Recent content" table in the sidebar
    "hugo_papermod",  # nav.paginav, newest first: "« Prev" (a.prev) is the newer post
    "jekyll_minimal_mistakes",  # nav.pagination > a.pagination--pager, bare "Previous" / "Next"
    "x_theme",  # Themeco X: icon links in the header's .x-nav-articles, newest first
])
def test_the_chain_is_walked_through_the_themes_post_navigation(
        theme, crawl, archive_path, open_archive):
    archive, urls, fetched = crawl_from_the_middle(theme, crawl, archive_path, open_archive)

    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == [canonicalize(url) for url in urls]
    for index, (row, post) in enumerate(zip(chain, POSTS, strict=True)):
        assert (row["title"], row["body"]) == (post.title, post.body)
        assert row["prev_url"] == (urls[index - 1] if index > 0 else None)
        assert row["next_url"] == (urls[index + 1] if index + 1 < len(urls) else None)
    # Each post fetched once, and besides them only their comment pages: no sidebar, calendar,
    # category, related-post or gallery link was taken for a neighbour.
    assert sorted(url for url in fetched if url in urls) == sorted(urls)
    others = [url for url in fetched if url not in urls]
    assert all(url.startswith(tuple(urls)) and ("/comment-page-" in url or "?page=" in url)
               for url in others)


@pytest.mark.parametrize("theme", [
    "movable_type",  # p.content-nav: "« Title | Main | Title »", no rel, no post-nav class
    "static_cards",  # an Astro / Tailwind blog: "Previous" + title cards in a classless nav
])
def test_a_post_navigation_no_class_names_is_walked_by_its_pairs_of_links(
        theme, crawl, archive_path, open_archive):
    archive, urls, fetched = crawl_from_the_middle(theme, crawl, archive_path, open_archive)

    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == [canonicalize(url) for url in urls]
    # The inner posts show a pair of links. The oldest and newest show one link, which alone
    # says too little ("Previous" and a title could be anything): their neighbours' links
    # place them in the chain.
    inner = range(1, len(urls) - 1)
    for index, row in enumerate(chain):
        assert row["prev_url"] == (urls[index - 1] if index in inner else None)
        assert row["next_url"] == (urls[index + 1] if index in inner else None)
    assert sorted(fetched) == sorted(urls)


def test_ghosts_read_more_cards_are_recommendations_not_neighbours(
        crawl, archive_path, open_archive):
    # Casper (Ghost's default theme) shows the three latest other posts under every post and
    # has no previous / next links: following the cards would jump to the newest posts.
    archive, urls, fetched = crawl_from_the_middle("ghost_casper", crawl, archive_path,
                                                   open_archive)
    [row] = archive.articles()
    assert (row["canonical_url"], row["title"], row["body"]) == (
        canonicalize(urls[MIDDLE]), POSTS[MIDDLE].title, POSTS[MIDDLE].body)
    assert (row["prev_url"], row["next_url"]) == (None, None)
    assert fetched == [urls[MIDDLE]]
