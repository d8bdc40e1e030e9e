"""Write articles, fetched pages and errors to the SQLite archive, in batched transactions,
and record the run itself in `crawl_runs`.

An archive another process holds locked past `ARCHIVER_BUSY_TIMEOUT` fails a write: the batch
waits for the next one. If the last write of a run fails too, what it holds is kept in a
file beside the archive (`ARCHIVE.unsaved-RUN.pickle`), which the next run writes first.

At the end of a run, the extraction health of the articles it saved is measured per site and
compared with each site's history (`archiver.health`); each alert is a WARNING line.
"""

from __future__ import annotations

import glob
import logging
import pickle
import sqlite3
import time
from pathlib import Path

from scrapy import signals

from archiver.archive import Archive
from archiver.health import Thresholds, article_row, site_figures
from archiver.items import Article, CrawlError, Page
from archiver.signals import items_archived

from .validate import InvalidArticle

logger = logging.getLogger(__name__)


class ArchivePipeline:
    def __init__(self, crawler, path: str, batch_size: int, near_duplicate_threshold: float,
                 tracking_params: list[str], flush_seconds: float = 5.0,
                 busy_timeout: float = 30.0, health: Thresholds | None = None):
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = path
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.busy_timeout = busy_timeout
        self.pending_since: float | None = None
        self.near_duplicate_threshold = near_duplicate_threshold
        self.tracking_params = tracking_params
        self.archive: Archive | None = None
        self.run_id: int | None = None
        self.pending: dict[type, list] = {Article: [], Page: [], CrawlError: []}
        # Extraction health (None: not measured, ARCHIVER_HEALTH_ENABLED off): one small row
        # per article this run saved, as extracted (the archive keeps a value a recrawl no
        # longer finds, so its rows cannot show what this run missed).
        self.health = health
        self.health_rows: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(crawler, settings.get("ARCHIVE_DB"), settings.getint("ARCHIVER_BATCH_SIZE"),
                       settings.getfloat("ARCHIVER_NEAR_DUP_THRESHOLD"),
                       settings.getlist("ARCHIVER_TRACKING_PARAMS"),
                       settings.getfloat("ARCHIVER_FLUSH_SECONDS"),
                       settings.getfloat("ARCHIVER_BUSY_TIMEOUT"),
                       Thresholds(settings.getint("ARCHIVER_HEALTH_MIN_ARTICLES"),
                                  settings.getfloat("ARCHIVER_HEALTH_MAX_DROP"),
                                  settings.getfloat("ARCHIVER_HEALTH_MIN_BODY_SHARE"),
                                  settings.getfloat("ARCHIVER_HEALTH_MAX_CHANCE_OF_NONE"))
                       if settings.getbool("ARCHIVER_HEALTH_ENABLED") else None)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        # spider_closed comes after the core stats are final, so the run row gets all of them.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        self.archive = Archive(self.path, self.near_duplicate_threshold, self.tracking_params,
                               self.busy_timeout)
        spider = self.crawler.spider
        self.run_id = self.archive.start_run(spider.name, getattr(spider, "arguments", {}))
        logger.info("archiving into %s (run %s)", self.path, self.run_id)
        self.save_unsaved()

    def save_unsaved(self) -> None:
        """Write what earlier runs could not (the archive locked at their end), first, so a
        walk over what the archive knows knows it."""
        archive = Path(self.path)
        for spill in sorted(archive.parent.glob(glob.escape(archive.name) + ".unsaved-*.pickle")):
            pending = pickle.loads(spill.read_bytes())
            self.archive.save(pending[Article], pending[Page], pending[CrawlError],
                              run_id=self.run_id)
            spill.unlink()
            logger.info("archived what an earlier run left in %s: %d articles, %d pages",
                        spill, len(pending[Article]), len(pending[Page]))

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

    def flush(self) -> bool:
        """Write what is pending; False when the archive stayed locked (it stays pending)."""
        articles, pages, errors = (self.pending[kind] for kind in (Article, Page, CrawlError))
        if not (articles or pages or errors):
            return True
        try:
            self.archive.save(articles, pages, errors, run_id=self.run_id)
        except sqlite3.OperationalError as error:  # "database is locked"
            logger.warning("could not write to %s (%s): %d items wait for the next write",
                           self.path, error, len(articles) + len(pages) + len(errors))
            self.stats.inc_value("archiver/writes_postponed")
            return False
        self.stats.inc_value("archiver/articles_saved", len(articles))
        self.stats.inc_value("archiver/pages_saved", len(pages))
        self.stats.inc_value("archiver/errors_recorded", len(errors))
        # Workers sharing a frontier settle what the archive now holds (see archiver.frontier).
        self.crawler.signals.send_catch_log(items_archived, items=[*articles, *pages, *errors])
        if self.health is not None:
            self.health_rows += map(article_row, articles)
        for batch in self.pending.values():
            batch.clear()
        self.pending_since = None
        return True

    def close_spider(self):
        if not self.flush():
            spill = Path(f"{self.path}.unsaved-{self.run_id}.pickle")
            spill.write_bytes(pickle.dumps(self.pending))
            logger.error("%s stayed locked: what this run fetched is kept in %s; the next run "
                         "archives it", self.path, spill)
        self.check_health()

    def check_health(self) -> None:
        """Record this run's extraction health per site; log and count each alert (before
        `finish_run`, so the run's stats hold the count)."""
        if self.health is None:
            return
        try:
            alerts = self.archive.record_health(self.run_id, site_figures(self.health_rows),
                                                self.health)
        except sqlite3.OperationalError as error:  # locked: the crawl itself is archived
            logger.error("could not record the extraction health of run %s in %s: %s",
                         self.run_id, self.path, error)
            return
        for alert in alerts:
            logger.warning(alert.message)
        self.stats.set_value("archiver/health_alerts", len(alerts))

    def spider_closed(self, reason):
        saved = self.stats.get_value("archiver/articles_saved", 0)
        if reason != "finished":
            status = reason
        elif not saved and self.stats.get_value("archiver/errors_recorded", 0):
            status = "failed"
        else:
            status = "finished"
        try:
            self.archive.finish_run(self.run_id, status, self.stats.get_stats())
        except sqlite3.OperationalError as error:  # the next run marks it interrupted
            logger.error("could not record the end of run %s in %s: %s", self.run_id, self.path,
                         error)
        if status == "failed":
            logger.error("run %s failed: no article archived; see the errors table in %s",
                         self.run_id, self.path)
        self.archive.close()
