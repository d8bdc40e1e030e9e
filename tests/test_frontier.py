"""The frontier's parts on their own: seen-keys in memory and in a real Redis behave alike; the
Redis frontier starts a finished crawl afresh, takes over a dead worker's articles and leaves a
live one's; a further-page request, walk and all, survives scrapy-redis's queue."""

from __future__ import annotations

import time

import pytest
import redis
import scrapy
from scrapy_redis.queue import PriorityQueue

from archiver.frontier import Claim, RedisFrontier, RedisSeenKeys, SeenKeys, default_prefix, note
from archiver.items import Article, Comment
from archiver.page_walk import PageWalk


@pytest.fixture
def server(redis_url):
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture(params=["memory", "redis"])
def seen(request) -> SeenKeys | RedisSeenKeys:
    if request.param == "memory":
        return SeenKeys()
    return RedisSeenKeys(request.getfixturevalue("server"), "crawl:requested")


def test_a_key_is_new_once(seen):
    assert seen.add("a") is Claim.NEW
    assert seen.add("a") is Claim.SEEN
    assert "a" in seen and "b" not in seen
    assert len(seen) == 1


def test_a_limit_refuses_new_keys_once_reached_never_seen_ones(seen):
    assert [seen.add(key, limit=2) for key in "abc"] == [Claim.NEW, Claim.NEW, Claim.FULL]
    assert seen.add("a", limit=2) is Claim.SEEN
    assert "c" not in seen and len(seen) == 2


def test_two_workers_share_one_redis_set_and_its_pending_entries(server):
    one = RedisSeenKeys(server, "crawl:requested", "crawl:pending", "crawl:holders", "w1")
    two = RedisSeenKeys(server, "crawl:requested", "crawl:pending", "crawl:holders", "w2")
    assert one.add("a", note=note("http://s/a", "next")) is Claim.NEW
    assert two.add("a", note=note("http://s/a", "prev")) is Claim.SEEN
    assert server.hget("crawl:pending", "a") == b'["http://s/a", "next"]'
    assert server.hget("crawl:holders", "a") == b"w1"


def frontier(server, worker: str, timeout: float = 30) -> RedisFrontier:
    return RedisFrontier(server, "crawl", worker_timeout=timeout, worker=worker)


def test_a_dead_workers_articles_are_taken_over_a_live_ones_are_waited_for(server):
    dead, live, idle = frontier(server, "dead", 0.01), frontier(server, "live"), \
        frontier(server, "idle")
    for worker in (dead, live, idle):
        worker.join()
    time.sleep(0.05)  # the dead worker's heartbeat runs out
    dead.seen_keys("requested").add("a", note=note("http://s/a", "prev"))
    live.seen_keys("requested").add("b", note=note("http://s/b", "next"))
    assert idle.orphans() == ([("a", "http://s/a", "prev")], True)
    assert server.hget("crawl:holders", "a") == b"idle"
    dead.settled("a")  # too late: no longer the dead worker's to settle
    assert server.hexists("crawl:pending", "a")
    live.settled("b")
    # "a" is idle's own now; idle again with "a" neither in flight nor waiting for the archive:
    # its request was lost here (an error no errback saw), given up rather than asked forever.
    assert idle.orphans() == ([], False)
    assert not server.hexists("crawl:pending", "a")


def test_nothing_is_taken_over_while_the_queue_holds_requests(server):
    dead, idle = frontier(server, "dead", 0.01), frontier(server, "idle")
    dead.seen_keys("requested").add("a", note=note("http://s/a", "prev"))
    server.zadd("crawl:requests", {b"a request": 0})
    assert idle.orphans() == ([], True)


def test_an_archived_item_settles_its_article(server):
    worker = frontier(server, "w")
    worker.join()
    worker.seen_keys("requested").add("a", note=note("http://s/a", "both"))
    article = worker.owes(Article(url="http://s/a"), "a")
    worker.archived([Article(url="http://s/other"), article])
    assert not server.hexists("crawl:pending", "a")


def test_a_finished_crawl_is_cleared_by_its_last_worker_and_an_unfinished_one_is_kept(server):
    one, two = frontier(server, "one"), frontier(server, "two")
    one.join()
    two.join()
    one.seen_keys("requested").add("a", note=note("http://s/a", "both"))
    one.leave("shutdown")
    two.leave("finished")
    assert server.sismember("crawl:requested", "a")  # "a" is owed: the crawl goes on later
    one.join()  # resuming: the state stays
    assert server.sismember("crawl:requested", "a")
    one.settled("a")
    one.leave("finished")
    assert server.keys("crawl:*") == []


def test_joining_a_crawl_nobody_works_on_and_that_owes_nothing_starts_it_afresh(server):
    server.sadd("crawl:requested", "a")  # a crawl whose last worker was killed as it ended
    frontier(server, "w").join()
    assert not server.exists("crawl:requested")


def test_a_walk_survives_scrapy_redis_queue_to_another_worker(server):
    """scrapy-redis pickles a request with its cb_kwargs: the walk, its article and comments
    must come out whole, with the callbacks found on the other worker's spider."""

    class Spider(scrapy.Spider):
        name = "chain"

        def parse_further_page(self, response, walk, listed_url):
            pass

        def further_page_failed(self, failure):
            pass

    article = Article(url="http://s/a/", canonical_url="http://s/a/", title="A", body="Text",
                      comments=[Comment(comment_id="1", text="First")],
                      comment_pages=["http://s/a/comment-page-2/"])
    walk = PageWalk(article, "http://s/a/")
    one, two = Spider(), Spider()
    request = scrapy.Request(walk.next_page(), callback=one.parse_further_page,
                             errback=one.further_page_failed, dont_filter=True,
                             cb_kwargs={"walk": walk, "listed_url": walk.next_page()},
                             meta={"article_key": "s/a"})
    PriorityQueue(server, one, "crawl:requests").push(request)
    received = PriorityQueue(server, two, "crawl:requests").pop()
    assert received.callback == two.parse_further_page
    assert received.errback == two.further_page_failed
    assert received.meta["article_key"] == "s/a" and received.dont_filter
    carried = received.cb_kwargs["walk"]
    assert carried.article == article and carried.done == walk.done
    assert carried.next_page() == "http://s/a/comment-page-2/"


def test_the_default_key_names_the_spider_and_the_start_urls_sites():
    assert default_prefix("chain", ["https://www.Site.example/a/", "https://site.example/b/",
                                    "http://other.example:8080/c"]) == \
        "archiver:chain:other.example:8080+site.example"
