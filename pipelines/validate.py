"""Refuse articles that lack what makes them articles; the store records why."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from archiver.items import Article, missing_content


class InvalidArticle(DropItem):
    """An article dropped for missing content: recorded in the archive's `errors` table."""


class ValidatePipeline:
    def process_item(self, item):
        if isinstance(item, Article) and (reason := missing_content(item)):
            raise InvalidArticle(reason)
        return item
