"""Rule 3b: comments in the `comment` trees of the page's JSON-LD, and its `commentCount`."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree, html

from ...dedupe import absolute_url
from ..metadata import iso_date
from ..text import collapse
from .fields import Read, clean_author, fallback_id, id_from_ref
from .paragraphs import paragraphs_of

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _strings(value: Any) -> list[str]:
    """The strings of a JSON-LD value: a string, a list of them, an object's name; one level
    deep only (a page's JSON can nest as deep as it likes)."""
    values = value if isinstance(value, list) else [value]
    found = []
    for item in values:
        if isinstance(item, dict):
            item = item.get("name") or item.get("@value")
        if isinstance(item, (str, int)) and not isinstance(item, bool):
            found.append(str(item))
    return found


def _ld_text(value: Any) -> str:
    text = " ".join(_strings(value))
    if _HTML_TAG.search(text):
        try:
            fragment = html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            return collapse(_HTML_TAG.sub(" ", text))
        return "\n\n".join(paragraphs_of(fragment))
    blocks = (collapse(block) for block in _PARAGRAPH_BREAK.split(text.replace("\r", "")))
    return "\n\n".join(block for block in blocks if block)


def _is_comment_node(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kinds = node.get("@type") or []
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    lowered = {str(kind).lower() for kind in kinds}
    return bool(lowered & {"comment", "answer"}) or (not lowered and "text" in node)


def json_ld_reads(objects: list[dict], url: str, article_url: str) -> list[Read]:
    """Rule 3b: every Comment in the `comment` trees of the page's JSON-LD, in tree order."""
    reads: list[Read] = []
    seen: set[int] = set()
    stack: list[tuple[Any, str | None]] = []
    for obj in reversed(objects):
        nested = [obj] if _is_comment_node(obj) else obj.get("comment")
        nested = nested if isinstance(nested, list) else [nested]
        stack.extend((node, None) for node in reversed(nested))
    while stack and len(reads) < 10_000:
        node, parent_id = stack.pop()
        if not _is_comment_node(node) or id(node) in seen:
            continue
        seen.add(id(node))
        author_value = node.get("author")
        if isinstance(author_value, list):
            author_value = author_value[0] if author_value else None
        author_names = _strings(author_value)
        href = author_value.get("url") if isinstance(author_value, dict) else None
        published = next(filter(None, (iso_date(v) for key in ("dateCreated", "datePublished")
                                       for v in _strings(node.get(key)))), None)
        comment_id = next(filter(None, (id_from_ref(node.get(key))
                                        for key in ("@id", "identifier", "url"))), None)
        read = Read(None, comment_id, parent_id or id_from_ref(node.get("parentItem")),
                    clean_author(author_names[0]) if author_names else None,
                    absolute_url(url, href) if isinstance(href, str) and href else None,
                    published, _ld_text(node.get("text") or node.get("commentText") or ""))
        if not read.text:
            continue
        read.comment_id = read.comment_id or fallback_id(article_url, read.author, published,
                                                         read.text)
        reads.append(read)
        replies = node.get("comment")
        replies = replies if isinstance(replies, list) else [replies] if replies else []
        stack.extend((reply, read.comment_id) for reply in reversed(replies))
    return reads


def as_int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value < 100_000_000 else None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 9:
        return int(value.strip())
    return None


def ld_count(objects: list[dict]) -> int | None:
    for obj in objects:
        value = obj.get("commentCount")
        for candidate in [value, *_strings(value)]:
            number = as_int(candidate)
            if number is not None:
                return number
    return None
