"""Many workers, one frontier: what turns a crawl into a worker of a crawl shared through Redis
when `ARCHIVER_REDIS_URL` is set (scrapy-redis's scheduler and duplicate filter, this
project's shared seen-keys), and nothing at all when it is not."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.asyncio import create_looping_call

from .frontier import Frontier, RedisFrontier, default_prefix
from .signals import items_archived

logger = logging.getLogger(__name__)


class RedisUnavailable(Exception):
    """ARCHIVER_REDIS_URL names no Redis this worker can use."""


def frontier_for(crawler: Crawler, spider_name: str, start_urls: list[str]) -> Frontier:
    """The crawl's frontier: in memory, or (with `ARCHIVER_REDIS_URL`) in Redis, in which case
    the crawler's scheduler settings are set to scrapy-redis's, keyed by the crawl's prefix.

    Called from the spider's `from_crawler`, the only place that knows both the settings
    (not frozen yet) and the start URLs the default key is made from."""
    settings = crawler.settings
    url = settings.get("ARCHIVER_REDIS_URL")
    if not url:
        return Frontier()
    prefix = settings.get("ARCHIVER_REDIS_KEY") or default_prefix(spider_name, start_urls)
    # Priority "spider": a scheduler setting given on the command line (-s) still wins.
    settings.setdict({
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        # A killed worker's queue must outlive it; a finished crawl is cleared by its frontier.
        "SCHEDULER_PERSIST": True,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
    }, priority="spider")
    frontier = RedisFrontier(connect(url), prefix,
                             settings.getfloat("ARCHIVER_REDIS_WORKER_TIMEOUT"))
    logger.info("sharing the frontier %s in the Redis at %s as worker %s", prefix, redacted(url),
                frontier.worker)
    heartbeat = create_looping_call(frontier.heartbeat)

    def opened() -> None:
        frontier.join()
        heartbeat.start(frontier.worker_timeout / 3, now=False)

    def closed(reason: str) -> None:
        if heartbeat.running:
            heartbeat.stop()
        frontier.leave(reason)

    crawler.signals.connect(opened, signal=signals.spider_opened, weak=False)
    crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)
    crawler.signals.connect(lambda items: frontier.archived(items), signal=items_archived,
                            weak=False)
    crawler.signals.connect(_taken(frontier), signal=signals.request_reached_downloader,
                            weak=False)
    crawler.signals.connect(lambda item: frontier.dropped(item), signal=signals.item_dropped,
                            weak=False)
    return frontier


def _taken(frontier: RedisFrontier):
    # A request out of the shared queue makes this worker the holder of its article.
    def taken(request: Any) -> None:
        if (key := request.meta.get("article_key")) is not None:
            frontier.taken(key)
    return taken


def connect(url: str) -> Any:
    """A client of the Redis at `url`, answering; RedisUnavailable (one line why) if not."""
    import redis  # the 'redis' extra: only a shared crawl needs it

    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)
        server.ping()
    except (ValueError, redis.RedisError) as error:
        raise RedisUnavailable(f"cannot use the Redis at ARCHIVER_REDIS_URL={redacted(url)}: "
                               f"{error}") from None
    return server


def redacted(url: str) -> str:
    """`url` without its password: it goes into logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)).geturl()
