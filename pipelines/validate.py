"""Refuse articles that lack what makes them articles; the store records why."""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from archiver.items import Article

REQUIRED_FIELDS = ("title", "body")


class InvalidArticle(DropItem):
    """An article dropped for missing content: recorded in the archive's `errors` table."""


class ValidatePipeline:
    def process_item(self, item):
        if isinstance(item, Article):
            adapter = ItemAdapter(item)
            missing = [name for name in REQUIRED_FIELDS if not adapter.get(name)]
            if missing:
                raise InvalidArticle(f"no {' and no '.join(missing)} found on the page")
        return item
