"""Write articles, fetched pages and errors to the SQLite archive, in batched transactions,
and record the run itself in `crawl_runs`."""

from __future__ import annotations

import logging
import time

from scrapy import signals

from archiver.archive import Archive
from archiver.items import Article, CrawlError, Page

from .validate import InvalidArticle

logger = logging.getLogger(__name__)


class ArchivePipeline:
    def __init__(self, crawler, path: str, batch_size: int, near_duplicate_threshold: float,
                 tracking_params: list[str], flush_seconds: float = 5.0):
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = path
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.pending_since: float | None = None
        self.near_duplicate_threshold = near_duplicate_threshold
        self.tracking_params = tracking_params
        self.archive: Archive | None = None
        self.run_id: int | None = None
        self.pending: dict[type, list] = {Article: [], Page: [], CrawlError: []}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(crawler, settings.get("ARCHIVE_DB"), settings.getint("ARCHIVER_BATCH_SIZE"),
                       settings.getfloat("ARCHIVER_NEAR_DUP_THRESHOLD"),
                       settings.getlist("ARCHIVER_TRACKING_PARAMS"),
                       settings.getfloat("ARCHIVER_FLUSH_SECONDS"))
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        # spider_closed comes after the core stats are final, so the run row gets all of them.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        self.archive = Archive(self.path, self.near_duplicate_threshold, self.tracking_params)
        spider = self.crawler.spider
        self.run_id = self.archive.start_run(spider.name, getattr(spider, "arguments", {}))
        logger.info("archiving into %s (run %s)", self.path, self.run_id)

    def process_item(self, item):
        if type(item) in self.pending:
            self.pending[type(item)].append(item)
            if self.pending_since is None:
                self.pending_since = time.monotonic()
            # A full batch, or one waiting long (a slow, polite crawl): a run killed now loses
            # at most that much.
            if sum(map(len, self.pending.values())) >= self.batch_size or \
                    time.monotonic() - self.pending_since >= self.flush_seconds:
                self.flush()
        return item

    def item_dropped(self, item, response, exception):
        if isinstance(exception, InvalidArticle):
            logger.error("not archived: %s: %s", item.url, exception)
            self.process_item(CrawlError(url=item.url, reason=str(exception),
                                         status=response.status if response else None))

    def flush(self) -> None:
        articles, pages, errors = (self.pending[kind] for kind in (Article, Page, CrawlError))
        if not (articles or pages or errors):
            return
        self.archive.save(articles, pages, errors, run_id=self.run_id)
        self.stats.inc_value("archiver/articles_saved", len(articles))
        self.stats.inc_value("archiver/pages_saved", len(pages))
        self.stats.inc_value("archiver/errors_recorded", len(errors))
        for batch in self.pending.values():
            batch.clear()
        self.pending_since = None

    def close_spider(self):
        self.flush()

    def spider_closed(self, reason):
        saved = self.stats.get_value("archiver/articles_saved", 0)
        if reason != "finished":
            status = reason
        elif not saved and self.stats.get_value("archiver/errors_recorded", 0):
            status = "failed"
        else:
            status = "finished"
        self.archive.finish_run(self.run_id, status, self.stats.get_stats())
        if status == "failed":
            logger.error("run %s failed: no article archived; see the errors table in %s",
                         self.run_id, self.path)
        self.archive.close()
