"""End to end: several `scrapy crawl chain` workers sharing one frontier in a real Redis
(`ARCHIVER_REDIS_URL`) walk the demo chain once between them, a killed worker's share is taken
over by the next, and an unusable Redis ends a worker with one line."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest
import redis
from conftest import free_port, start_crawl
from test_crawl_interruptions import crawl_killed_after

from archiver.dedupe import canonicalize
from archiver.demo import DemoSite, serve


@pytest.fixture
def paginated_site():
    """The demo site with one comment thread a page: articles with comments are walked over
    further pages, whose requests carry the walk through Redis to any worker."""
    site = DemoSite.load()
    site.comments_per_page = 1
    with serve(site) as base_url:
        yield site, base_url


def chain_urls(site: DemoSite, base_url: str) -> list[str]:
    return [canonicalize(base_url + site.article_path(a)) for a in site.articles]


def fetched_per_url(db) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT url, count(*) FROM pages GROUP BY url"))


def run_stats(db) -> list[dict]:
    with sqlite3.connect(db) as connection:
        return [json.loads(stats or "{}") for (stats,) in
                connection.execute("SELECT stats FROM crawl_runs ORDER BY id")]


def both_joined(redis_url: str, render, patience: float = 15.0):
    """`render`, answering once two workers have joined the crawl (or `patience` seconds after
    the first request): on a loaded machine the second could start after the first had walked
    the whole chain, and begin it afresh."""
    client = redis.Redis.from_url(redis_url)
    deadline: list[float] = []

    def gated(path: str, base_url: str):
        if not deadline:
            deadline.append(time.monotonic() + patience)
        while time.monotonic() < deadline[0] and not any(
                client.zcard(key) >= 2 for key in client.keys("archiver:chain:*:workers")):
            time.sleep(0.05)
        return render(path, base_url)

    return gated


def test_two_workers_started_together_walk_the_chain_once(paginated_site, redis_url,
                                                          archive_path, open_archive):
    site, base_url = paginated_site
    site.render = both_joined(redis_url, site.render)
    middle = base_url + site.article_path(site.articles[len(site.articles) // 2])
    settings = {"ARCHIVER_REDIS_URL": redis_url, "DOWNLOAD_DELAY": "0.1"}
    workers = [start_crawl(archive_path, middle, settings) for _ in range(2)]
    logs = [worker.communicate(timeout=180)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], logs[0][-2000:] + logs[1][-2000:]

    archive = open_archive(archive_path)
    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == chain_urls(site, base_url)
    assert archive.db["articles"].count == len(site.articles)
    # Every page (articles and their comment pages) fetched once, by one worker or the other.
    fetched = fetched_per_url(archive_path)
    assert set(fetched.values()) == {1}
    assert {canonicalize(url) for url in fetched} >= set(chain_urls(site, base_url))
    assert len(fetched) > len(site.articles)  # comment pages walked too
    assert not archive.db["errors"].count
    stats = run_stats(archive_path)
    assert sum(s.get("archiver/pages_saved", 0) for s in stats) == len(fetched)
    # Each worker's archived comments are whole: walks carried across workers lose nothing.
    expected = sum(len(site.expected_comments(a)) for a in site.articles)
    assert archive.db["comments"].count == expected
    # The crawl is over: its state is cleared, the next run walks the chain again.
    assert redis.Redis.from_url(redis_url).keys("archiver:chain:*") == []


def test_a_killed_worker_is_taken_over_without_fetching_again_what_it_archived(
        paginated_site, redis_url, archive_path, open_archive):
    site, base_url = paginated_site
    start = base_url + site.article_path(site.articles[0])
    settings = {"ARCHIVER_REDIS_URL": redis_url, "ARCHIVER_REDIS_WORKER_TIMEOUT": "2",
                "LOG_LEVEL": "WARNING"}
    crawl_killed_after(archive_path, start, 3, settings)
    with sqlite3.connect(archive_path) as connection:
        archived_before = {url for (url,) in connection.execute("SELECT url FROM articles")}
    server = redis.Redis.from_url(redis_url)
    assert server.keys("archiver:chain:*"), "the killed worker's frontier is in Redis"

    second = start_crawl(archive_path, start, settings)
    log = second.communicate(timeout=180)[1]
    assert second.returncode == 0, log[-3000:]
    archive = open_archive(archive_path)
    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == chain_urls(site, base_url)
    # The articles the killed worker archived (their pages and comment pages) were not fetched
    # again. (A page it stored of an article it had not finished may be: that article was not
    # archived, its walk is done anew.)
    fetched = fetched_per_url(archive_path)
    assert 3 <= len(archived_before) < len(site.articles)
    again = {url: n for url, n in fetched.items() if n > 1
             and any(url.startswith(article) for article in archived_before)}
    assert again == {}
    # What the killed worker held (in flight, or fetched and not yet written) was taken over.
    assert run_stats(archive_path)[1].get("archiver/articles_taken_over", 0) >= 1
    assert server.keys("archiver:chain:*") == []


@pytest.mark.parametrize("url", ["redis://127.0.0.1:{port}/0", "not-a-redis-url",
                                 "redis://:s3cret@127.0.0.1:{port}/0"])
def test_an_unusable_redis_ends_the_worker_with_one_line(url, archive_path):
    url = url.format(port=free_port())  # nothing listens there
    worker = start_crawl(archive_path, "http://127.0.0.1:9/a/", {"ARCHIVER_REDIS_URL": url})
    stdout, stderr = worker.communicate(timeout=120)
    assert worker.returncode == 1
    assert "Traceback" not in stderr and "s3cret" not in stderr
    [line] = [line for line in stderr.splitlines() if "ERROR" in line]
    assert "cannot use the Redis at ARCHIVER_REDIS_URL=" in line
    assert not archive_path.exists()  # refused before anything was opened
