"""Extraction: one page's HTML in, an `Article` out. Pure functions, no network, no database.

`extract` never raises: a page it cannot read gives an `Article` with empty fields.
"""

from __future__ import annotations

import logging

from lxml import etree
from parsel import Selector

from ..dedupe import canonicalize
from ..items import Article
from . import metadata
from .attribution import add_sources, find_attribution
from .body import article_paragraphs
from .navigation import find_neighbours
from .structured import json_ld_article, json_ld_objects, meta_tags, names
from .text import decode_html

__all__ = ["extract", "parse"]

logger = logging.getLogger(__name__)


def parse(html: str | bytes) -> tuple[str, Selector]:
    """Decoded text and its parsed tree; an unparseable page gives an empty document."""
    text = decode_html(html).replace("\x00", "")
    try:
        page = Selector(text=text or "<html></html>", type="html")
        if page.root is None:
            raise ValueError("empty document")
    except (ValueError, etree.ParserError):
        page = Selector(text="<html></html>", type="html")
    return text, page


def extract(html: str | bytes, url: str) -> Article:
    """Every field of the article page at `url`."""
    article = Article(url=url, canonical_url=canonicalize(url))
    try:
        _fill(article, html, url)
    except Exception:  # a page must never stop a crawl; log it and keep what was found
        logger.exception("extraction failed on %s", url)
    return article


def _fill(article: Article, html: str | bytes, url: str) -> None:
    text, page = parse(html)
    ld = json_ld_article(json_ld_objects(page))
    meta = meta_tags(page)
    article.canonical_url = metadata.canonical_url(page, url, meta)
    article.title = metadata.title(page, ld, meta)
    article.authors = metadata.authors(page, ld, meta)
    article.published, article.modified = metadata.dates(page, ld, meta)
    article.language = metadata.language(page, ld, meta)
    article.tags = metadata.tags(page, ld, meta)
    article.prev_url, article.next_url = find_neighbours(page, url)

    paragraphs = article_paragraphs(page.root, text, url)
    if paragraphs and article.title and paragraphs[0] == article.title:
        paragraphs = paragraphs[1:]
    credits = find_attribution(paragraphs)
    add_sources(credits.sources, names(ld.get("sourceOrganization")) + names(ld.get("isBasedOn"))
                + meta.get("source", []) + meta.get("dc.source", []))
    article.body = "\n\n".join(credits.paragraphs) or None
    article.attribution = credits.sources
    article.attribution_raw = credits.raw
