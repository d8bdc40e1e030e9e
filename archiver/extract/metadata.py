"""Title, authors, dates, language, tags and canonical URL, from the most trustworthy source.

For each field the order is: JSON-LD article object, then OpenGraph / `article:*` / other meta
tags, then the page's visible markup (`<h1>`, bylines, `<time datetime>`, `<html lang>`).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from parsel import Selector

from ..dedupe import canonicalize, same_site
from .structured import names, text_values
from .text import collapse

# "Title | Site", "Title - Site", "Title – Site": a <title> usually ends with the site's name.
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·»]\s+[^|\-–—:·»]{2,60}$")
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door|av|от|автор[ы]?:?)\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|&|\s\|\s)\s*", re.I)


def first(*values: str | None) -> str | None:
    for value in values:
        value = collapse(value)
        if value:
            return value
    return None


def title(page: Selector, ld: dict, meta: dict[str, list[str]]) -> str | None:
    """The headline: the page's own <h1> when it agrees with the declared title, else declared."""
    declared = first(*text_values(ld.get("headline")), *meta.get("og:title", []),
                     *meta.get("twitter:title", []))
    h1s = [collapse(h) for h in page.xpath("//h1").xpath("string()").getall()]
    h1s = [h for h in h1s if h]
    if declared:
        # Declared headlines get truncated or suffixed by SEO plugins; the matching h1 is whole.
        for h1 in h1s:
            if h1 == declared or h1.startswith(declared.rstrip(".… ")) or declared.startswith(h1):
                return h1
        return _TITLE_SUFFIX.sub("", declared) if declared not in h1s else declared
    if len(h1s) == 1:
        return h1s[0]
    page_title = first(page.xpath("//title/text()").get())
    return _TITLE_SUFFIX.sub("", page_title) if page_title else (h1s[0] if h1s else None)


def clean_author(name: str) -> list[str]:
    """'By A and B' -> ['A', 'B']."""
    name = _BY.sub("", collapse(name))
    return [part.strip(" .") for part in _AUTHOR_SPLIT.split(name) if part.strip(" .")]


def authors(page: Selector, ld: dict, meta: dict[str, list[str]]) -> list[str]:
    found = names(ld.get("author")) or meta.get("author", []) or meta.get("article:author", [])
    if not found:
        found = page.css('[rel="author"], [itemprop="author"] [itemprop="name"], .byline .author,'
                         ' .author-name, .byline').xpath("string()").getall()[:3]
    result: list[str] = []
    for name in found:
        if name.startswith(("http://", "https://")):
            continue  # article:author is often a profile URL, not a name
        for part in clean_author(name):
            if part and part not in result and len(part) <= 80:
                result.append(part)
    return result


def published(page: Selector, ld: dict, meta: dict[str, list[str]]) -> str | None:
    return first(*text_values(ld.get("datePublished")), *meta.get("article:published_time", []),
                 *meta.get("datepublished", []), *meta.get("date", []),
                 *meta.get("dc.date.issued", []),
                 page.css("article time[datetime], time[datetime]").attrib.get("datetime"))


def modified(page: Selector, ld: dict, meta: dict[str, list[str]]) -> str | None:
    return first(*text_values(ld.get("dateModified")), *meta.get("article:modified_time", []),
                 *meta.get("og:updated_time", []), *meta.get("datemodified", []))


def language(page: Selector, ld: dict, meta: dict[str, list[str]]) -> str | None:
    value = first(*text_values(ld.get("inLanguage")), page.xpath("/html/@lang").get(),
                  *meta.get("content-language", []), *meta.get("og:locale", []))
    return value.replace("_", "-") if value else None


def tags(page: Selector, ld: dict, meta: dict[str, list[str]]) -> list[str]:
    values = text_values(ld.get("keywords")) or meta.get("article:tag", []) \
        or meta.get("keywords", []) or meta.get("news_keywords", [])
    result: list[str] = []
    for value in values:
        for tag in value.split(","):
            tag = collapse(tag)
            if tag and tag not in result:
                result.append(tag)
    return result


def canonical_url(page: Selector, url: str, meta: dict[str, list[str]]) -> str:
    """The article's key: its declared canonical URL when that stays on the site, else `url`."""
    href = first(page.xpath('//link[contains(concat(" ", translate(@rel, "CANONICAL", '
                            '"canonical"), " "), " canonical ")]/@href').get(),
                 *meta.get("og:url", []))
    declared = urljoin(url, href) if href else None
    return canonicalize(declared if declared and same_site(declared, url) else url)
