"""Extraction: one page's HTML in, an `Article` out. Pure functions, no network, no database.

Each field comes from the most trustworthy source present, in this order: a site profile
(`profiles/`), structured data (JSON-LD), meta tags (OpenGraph, `article:*`), the page's own
markup conventions, and trafilatura's generic extractor as the body's fallback.
`extract` never raises: a page it cannot read gives an `Article` with empty fields.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from lxml import etree
from parsel import Selector

from ..dedupe import canonicalize
from ..items import Article
from . import authors, metadata
from .attribution import add_sources, declared_sources, find_attribution
from .body import article_paragraphs
from .comments import CommentSection, find_comments
from .navigation import read_navigation
from .profiles import Profile, load_profiles, profile_for
from .structured import json_ld_article, json_ld_objects, meta_tags, names, text_values
from .text import collapse, decode_html, without_controls, without_php_errors

__all__ = ["extract", "extract_comments", "parse"]

logger = logging.getLogger(__name__)
# A body paragraph found this long inside a comment was read from the comment section.
_QUOTE_MIN_CHARS = 12


def parse(html: str | bytes) -> tuple[str, Selector]:
    """Decoded text and its parsed tree; an unparseable page gives an empty document."""
    # lxml refuses control characters in text; browsers show nothing for them either.
    text = without_php_errors(without_controls(decode_html(html)))
    try:
        page = Selector(text=text or "<html></html>", type="html")
        if page.root is None:
            raise ValueError("empty document")
    except (ValueError, etree.ParserError):
        page = Selector(text="<html></html>", type="html")
    return text, page


def _said_in_comments(paragraph: str, lines: set[str], said: str) -> bool:
    return paragraph in lines or len(paragraph) >= _QUOTE_MIN_CHARS and paragraph in said


def extract(html: str | bytes, url: str, profiles: tuple[Profile, ...] | None = None) -> Article:
    """Every field of the article page at `url`. `profiles` defaults to the packaged ones."""
    article = Article(url=url, canonical_url=canonicalize(url))
    try:
        _fill(article, html, url, load_profiles() if profiles is None else profiles)
    except Exception:  # a page must never stop a crawl; log it and keep what was found
        logger.exception("extraction failed on %s", url)
    return article


def extract_comments(html: str | bytes, url: str, article_url: str) -> CommentSection:
    """The comment section alone, e.g. of a second comment page of the article at
    `article_url`."""
    try:
        return find_comments(parse(html)[1], url, article_url)
    except Exception:  # as extract: a page must never stop a crawl
        logger.exception("comment extraction failed on %s", url)
        return CommentSection()


def _fill(article: Article, html: str | bytes, url: str, profiles: tuple[Profile, ...]) -> None:
    _, page = parse(html)
    profile = profile_for(url, profiles)
    found = {}
    if profile is not None:
        profile.remove_from(page)
        found = profile.extract(page, url)
    objects = json_ld_objects(page)
    ld = json_ld_article(objects)
    meta = meta_tags(page)
    page_title = metadata.document_title(page)  # both the title and the authors read it

    generic: dict[str, Callable[[], object]] = {
        "title": lambda: metadata.title(page, url, ld, meta, page_title),
        "authors": lambda: authors.authors(page, url, ld, meta, page_title),
        "published": lambda: metadata.published(page, url, ld, meta),
        "modified": lambda: metadata.modified(page, ld, meta),
        "tags": lambda: metadata.tags(ld, meta, url),
    }
    for name, compute in generic.items():
        setattr(article, name, found[name] if name in found else compute())
    article.modified = metadata.not_before(article.modified, article.published)
    # A profile's canonical URL is held to the same rules as the page's own.
    article.canonical_url = metadata.canonical_url(page, url, meta, found.get("canonical_url"))
    navigation = read_navigation(page, url)
    article.prev_url = found.get("prev_url") or navigation.prev_url
    article.next_url = found.get("next_url") or navigation.next_url

    declared_body = next(iter(text_values(ld.get("articleBody"))), None)
    # Comments first: what they say must not be taken for the article's own text.
    section = find_comments(page, url, article.canonical_url, objects)
    article.comments = section.comments
    article.comments_open = section.open
    article.comment_count = section.count
    article.comments_provider = section.provider
    article.comment_pages = section.page_urls
    article.text_pages = [page_url for page_url in navigation.text_pages
                          if page_url not in section.page_urls]
    article.first_page_url = navigation.first_page
    # Compared with whitespace collapsed: the body reader and the comment reader break lines
    # differently.
    comment_lines = [line for comment in section.comments for line in comment.text.split("\n\n")]
    lines_of_comments = {collapse(line) for line in comment_lines} | {
        collapse(comment.author) for comment in section.comments if comment.author}
    said_in_comments = "\n".join(lines_of_comments)

    article.description = found.get("description") or metadata.description(ld, meta)
    article.image_url = found.get("image_url") or metadata.image_url(url, ld, meta)
    article.section = found.get("section") or metadata.section(ld, meta)
    article.publisher = found.get("publisher") or metadata.site_name(ld, meta)
    paragraphs = found.get("body") or article_paragraphs(page.root, url, declared_body,
                                                         article.description)
    paragraphs = [p for p in paragraphs if not _said_in_comments(collapse(p), lines_of_comments,
                                                                  said_in_comments)]
    if paragraphs and paragraphs[0] == article.title:
        paragraphs = paragraphs[1:]
    credits = find_attribution(paragraphs)
    add_sources(credits.sources, found.get("attribution", []) + declared_sources(
        names(ld.get("sourceOrganization")) + text_values(ld.get("isBasedOn"))
        + meta.get("source", []) + meta.get("dc.source", []), article.canonical_url,
        metadata.site_name(ld, meta)))
    article.body = "\n\n".join(credits.paragraphs) or None
    article.attribution = credits.sources
    article.attribution_raw = credits.raw
    article.language = found.get("language") or metadata.language(page, ld, meta, article.body)
