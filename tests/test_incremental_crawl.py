"""End to end: an incremental crawl (`-a incremental=true`) walks over what the archive knows
along its stored links and fetches only new articles and the ends of the known chain; so the
next run after a run that stopped half-way completes the chain without fetching it again."""

from __future__ import annotations

import json

from archiver.dedupe import canonicalize
from archiver.demo import DemoSite, serve


def fetched_articles(archive, site: DemoSite, base_url: str, run_id: int) -> set[str]:
    """The slugs of the articles whose own page run `run_id` fetched."""
    paths = {site.article_path(article): article.slug for article in site.articles}
    return {paths[url.removeprefix(base_url)] for (url,) in archive.db.execute(
        "SELECT url FROM pages WHERE run_id = ?", [run_id]) if url.removeprefix(base_url) in paths}


def walked_over(archive, run_id: int) -> int:
    stats = json.loads(archive.db["crawl_runs"].get(run_id)["stats"])
    return stats.get("archiver/known_articles_walked_over", 0)


def test_the_next_run_fetches_the_new_article_and_the_ends_of_the_known_chain(
        crawl, demo_site, archive_path, open_archive):
    site = DemoSite(demo_site.articles[:5])
    a = site.articles
    with serve(site) as base_url:
        start = base_url + site.article_path(a[2])
        crawl(archive_path, start, incremental="true")  # an empty archive: the whole chain
        site.articles.append(demo_site.articles[5])  # published since: a[4] links to it now
        crawl(archive_path, start, incremental="true")
    archive = open_archive(archive_path)
    assert fetched_articles(archive, site, base_url, 1) == {article.slug for article in a[:5]}
    # The start, the oldest and the newest known (either may have a new neighbour), the new one.
    assert fetched_articles(archive, site, base_url, 2) == {a[2].slug, a[0].slug, a[4].slug,
                                                            a[5].slug}
    assert walked_over(archive, 2) == 2
    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == [
        canonicalize(base_url + site.article_path(article)) for article in site.articles]


def test_an_incremental_run_completes_what_a_stopped_run_began_without_fetching_it_again(
        crawl, demo_site, archive_path, open_archive):
    site = DemoSite(demo_site.articles[:6])
    with serve(site) as base_url:
        start = base_url + site.article_path(site.articles[3])
        crawl(archive_path, start, max_articles=3)  # stopped early, as a killed run is
        first = {row["canonical_url"] for row in open_archive(archive_path).articles()}
        crawl(archive_path, start, incremental="true")
    archive = open_archive(archive_path)
    assert len(first) == 3
    assert archive.db["articles"].count == len(site.articles)
    refetched = {canonicalize(base_url + site.article_path(article))
                 for article in site.articles
                 if article.slug in fetched_articles(archive, site, base_url, 2)}
    # Of what the stopped run archived, only the start is fetched again.
    assert refetched & first == {canonicalize(start)}
    assert walked_over(archive, 2) == 2


def test_a_full_run_fetches_every_article_again(crawl, demo_site, archive_path, open_archive):
    site = DemoSite(demo_site.articles[:4])
    with serve(site) as base_url:
        start = base_url + site.article_path(site.articles[1])
        crawl(archive_path, start)
        crawl(archive_path, start)  # the default: incremental=false
    archive = open_archive(archive_path)
    assert fetched_articles(archive, site, base_url, 2) == {a.slug for a in site.articles}
    assert walked_over(archive, 2) == 0
