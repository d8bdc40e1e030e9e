"""Pass each article once per run: the same canonical URL reached twice is dropped."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from archiver.items import Article


class DedupePipeline:
    def __init__(self, stats):
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if isinstance(item, Article):
            if item.canonical_url in self.seen:
                self.stats.inc_value("archiver/duplicates_dropped")
                raise DropItem(f"{item.url} is a duplicate of {item.canonical_url}")
            self.seen.add(item.canonical_url)
        return item
