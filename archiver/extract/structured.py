"""Structured data a page declares about itself: JSON-LD, microdata-free meta tags, OpenGraph."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from lxml import etree
from parsel import Selector

from .text import without_controls

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting",
    "liveblogposting", "scholarlyarticle", "techarticle", "posting", "webpage",
}
_LD_SCRIPTS = etree.XPath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]')
_META = etree.XPath("//meta[@content]")
# Microdata of another work the page cites, reviews or carries a comment on: a scholarly page's
# references each give their own authors (<li itemprop="citation" itemscope><meta
# itemprop="author" content="NH. Shear, SP. Spielberg, ">).
_OTHER_WORK = etree.XPath("ancestor::*[@itemprop='citation' or @itemprop='review' or "
                          "@itemprop='comment']")
# A trailing comma or a stray control character is the most common reason JSON-LD fails to parse.
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _load_json(text: str) -> Any:
    text = without_controls(text.strip().removeprefix("<!--").removesuffix("-->"))
    # Not strict: templates write an article's text into a string with its line breaks and
    # tabs raw ("articleBody": "{{ content }}"), which JSON does not allow.
    try:
        return json.loads(text, strict=False)
    except RecursionError:  # nested past the interpreter's limit: not worth reading
        return None
    except ValueError:
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return None


def _walk(node: Any):
    """Every JSON object in a JSON-LD document, through lists and @graph."""
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
            if isinstance(node.get(key), (list, dict)):
                yield from _walk(node[key])


def _types(node: dict) -> set[str]:
    kinds = node.get("@type") or []
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return {str(kind).lower() for kind in kinds}


def json_ld_objects(page: Selector) -> list[dict]:
    """All JSON objects found in the page's JSON-LD scripts, in document order."""
    objects = []
    for script in _LD_SCRIPTS(page.root):
        data = _load_json(script.text or "")
        objects.extend(_walk(data))
    return objects


def json_ld_article(objects: list[dict]) -> dict:
    """The object that describes the article itself (news and blog types before WebPage), its
    references to other objects of the page resolved."""
    ranked = [o for o in objects if _types(o) & ARTICLE_TYPES]
    ranked.sort(key=lambda o: ("webpage" in _types(o), not o.get("headline")))
    return _resolved(ranked[0], objects) if ranked else {}


def _resolved(node: dict, objects: list[dict]) -> dict:
    """`node` with each bare reference to another object of the page ("author": {"@id":
    ".../#/schema/person/1"}, as Yoast SEO writes its graph) replaced by that object."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}

    def lookup(value: Any) -> Any:
        if isinstance(value, list):
            return [lookup(item) for item in value]
        if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
            return by_id.get(value["@id"], value)
        return value

    return {key: lookup(value) for key, value in node.items()}


def meta_tags(page: Selector) -> dict[str, list[str]]:
    """`<meta name|property|itemprop=... content=...>` as lower-cased key -> values in order."""
    found: dict[str, list[str]] = defaultdict(list)
    for meta in _META(page.root):
        key = meta.get("property") or meta.get("name")
        if not key and not _OTHER_WORK(meta):
            key = meta.get("itemprop")
        value = (meta.get("content") or "").strip()
        if key and value:
            found[key.strip().lower()].append(value)
    return found


def names(value: Any) -> list[str]:
    """Names out of a JSON-LD person/organisation value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        # A person may be given in parts only: {"givenName": "Anna Giulia", "familyName": "Fink"}.
        name = value.get("name") or [part for key in ("givenName", "familyName")
                                     if isinstance(part := value.get(key), str) and part]
        if isinstance(name, list):
            name = " ".join(str(part) for part in name)
        return [str(name)] if name else []
    if isinstance(value, list):
        return [name for item in value for name in names(item)]
    return []


def text_values(value: Any) -> list[str]:
    """Strings out of a JSON-LD value that may be a string, a list or an object with a name."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in text_values(item)]
    if isinstance(value, dict):
        return names(value)
    return []
