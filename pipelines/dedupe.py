"""Pass each article once per run: the same article reached under two URLs is dropped.
(Copies of its text under other articles are found by the archive, across runs.)"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from archiver.dedupe import article_key
from archiver.items import Article


class DedupePipeline:
    def __init__(self, stats, tracking_params: list[str]):
        self.stats = stats
        self.tracking_params = tracking_params
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getlist("ARCHIVER_TRACKING_PARAMS"))

    def process_item(self, item):
        if isinstance(item, Article):
            key = article_key(item.canonical_url or item.url, self.tracking_params)
            if key in self.seen:
                self.stats.inc_value("archiver/duplicates_dropped")
                raise DropItem(f"{item.url} is a duplicate of {item.canonical_url}")
            self.seen.add(key)
        return item
