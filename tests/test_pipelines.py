"""The pipelines on their own, built the way Scrapy builds them."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from archiver.items import Article, Page
from pipelines.dedupe import DedupePipeline
from pipelines.validate import InvalidArticle, ValidatePipeline


def test_an_article_without_title_or_body_is_refused_with_the_reason():
    pipeline = ValidatePipeline()
    with pytest.raises(InvalidArticle, match="no title and no body"):
        pipeline.process_item(Article(url="https://news.example/a/"))
    with pytest.raises(InvalidArticle, match="no body"):
        pipeline.process_item(Article(url="https://news.example/a/", title="A"))


def test_valid_articles_and_other_items_pass_validation():
    pipeline = ValidatePipeline()
    article = Article(url="https://news.example/a/", title="A", body="Text.")
    page = Page(url="u", final_url="u", status=200, headers={}, body=b"", fetched_at="t")
    assert pipeline.process_item(article) is article
    assert pipeline.process_item(page) is page


def test_the_same_canonical_article_passes_once_per_run():
    crawler = get_crawler()
    pipeline = build_from_crawler(DedupePipeline, crawler)
    first = Article(url="https://news.example/a/", canonical_url="https://news.example/a/")
    again = Article(url="https://news.example/a/?utm_source=x",
                    canonical_url="https://news.example/a/")
    assert pipeline.process_item(first) is first
    with pytest.raises(DropItem, match="duplicate of https://news.example/a/"):
        pipeline.process_item(again)
    assert crawler.stats.get_value("archiver/duplicates_dropped") == 1
