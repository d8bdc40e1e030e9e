"""Rule 3a, the comment items the markup declares (comments, readers' reviews), and rule 3c,
the generic repeated block of a comments container."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lxml import etree

from ..text import collapse
from .dates import is_dated
from .marks import (
    ITEM,
    ITEM_ID,
    JUNK,
    REPLIES,
    REVIEW_CLASS,
    REVIEW_REPLY_CLASS,
    REVIEW_TYPE,
    REVIEWS,
    VOLATILE_TOKEN,
    WORD_RE,
    Zones,
    class_marks,
    flags_of,
    has,
)
from .paragraphs import JUNK_TAGS, STRING, is_junk

# -- 3a. items the markup declares ------------------------------------------------------------

ITEM_TAGS = {"li", "div", "article", "section", "dd", "p", "blockquote", "tr", "td", "aside",
             "details"}
LISTS = {"ul", "ol", "dl"}


_SECTION_IDS = {"comment", "comments", "kommentar", "kommentare", "commentaires", "comentarios"}


def is_item(element: etree._Element) -> bool:
    """Rule 3a: markup that declares a comment."""
    if element.tag not in ITEM_TAGS:
        return False
    marks = class_marks(element)
    if marks.text_rank <= 1:
        return False  # a part of a comment: `section.comment-content.comment`
    element_id = element.get("id") or ""
    if element_id.lower() in _SECTION_IDS:
        return False  # the section's anchor (`aside#comment.comment`), not one comment
    if marks.flags & ITEM:
        return True
    if element.tag == "li" and element_id.startswith(("comment-", "li-comment-")):
        return True
    itemtype = element.get("itemtype") or ""
    if element.get("itemscope") is not None and (
            "schema.org/Comment" in itemtype or "schema.org/UserComments" in itemtype):
        return True
    if "Comment" in (element.get("typeof") or ""):  # RDFa: schema:Comment, sioct:Comment
        return True
    if element.tag == "dd":  # Blogger's classic `dt#c123.comment-author` + `dd.comment-body`
        term = _previous(element)
        return term is not None and term.tag == "dt" and bool(ITEM_ID.search(term.get("id") or ""))
    return element.get("data-comment-user-id") is not None and element.tag in ("article", "div")


def _previous(element: etree._Element) -> etree._Element | None:
    """The element before, HTML comments skipped."""
    sibling = element.getprevious()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getprevious()
    return sibling


def entry_of(item: etree._Element) -> list[etree._Element]:
    """A `<dd>` item with the `<dt>` before it and the entry's other `<dd>`s after it: Thesis
    and Blogger's classic templates write a comment's author (and date) in the `<dt>`, its
    words in the `<dd>`, Blogger its date in a second one (`dd.comment-footer`)."""
    if item.tag != "dd":
        return [item]
    term = _previous(item)
    parts = [term, item] if term is not None and term.tag == "dt" else [item]
    for sibling in item.itersiblings():
        if isinstance(sibling.tag, str):
            if sibling.tag != "dd":
                break
            parts.append(sibling)
    return parts


# A reader's review shows a rating or has a body of its own.
_RATED_OR_WRITTEN = etree.XPath(
    "boolean(descendant-or-self::*[@data-score or @data-rating or @itemprop='reviewRating' or "
    "@itemprop='reviewBody' or contains(@class, 'rating') or contains(@class, 'stars') or "
    "contains(@class, 'rev__body') or contains(@class, 'review-body') or "
    "contains(@class, 'review-content')])")
# What a review article has and a reader's review has not: the page's headline or the
# article's body (in the reviews section around it), headings linking elsewhere (teasers).
_HEADLINED = etree.XPath("boolean(descendant-or-self::h1 or descendant::*[@itemprop='articleBody'"
                         " or @itemprop='headline'])")
_HEADING_LINKING_ELSEWHERE = etree.XPath("boolean(descendant::*[self::h2 or self::h3 or self::h4]"
                                         "/descendant::a[@href])")


def is_review(element: etree._Element, reviews: set,
              headlined: dict[etree._Element, bool]) -> bool:
    """Rule 3a: a reader's review in a shop's or a blog's review widget (a `*-review` /
    `*-rev` block or schema.org `Review`, in a container naming reviews, with a rating or a
    body), or the shop's reply inside one; never a review article, whose text is the story.
    `reviews` are the reviews found so far; `headlined` keeps, per reviews section, whether
    it holds the page's headline or the article's body (asked once per section)."""
    classes = element.get("class") or ""
    if REVIEW_REPLY_CLASS.search(classes):
        return any(ancestor in reviews for ancestor in element.iterancestors())
    if not REVIEW_CLASS.search(classes) and not (
            element.get("itemscope") is not None and
            REVIEW_TYPE.search(element.get("itemtype") or "")):
        return False
    section = _reviews_section(element)
    if section is None or not _RATED_OR_WRITTEN(element) or _HEADING_LINKING_ELSEWHERE(element):
        return False
    if section not in headlined:
        headlined[section] = _HEADLINED(section)
    return not headlined[section]


def _reviews_section(element: etree._Element) -> etree._Element | None:
    """The nearest container naming reviews, below the page-wide <body>."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return None
        if flags_of(ancestor) & REVIEWS:
            return ancestor
    return None


def _nearest(element: etree._Element, items: set,
             sections: set | frozenset = frozenset()) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor in items:
            return ancestor
        if ancestor in sections:
            return None
    return None


def _list_between(inner: etree._Element, outer: etree._Element) -> bool:
    """A list or replies container sits between `inner` and its enclosing item `outer`."""
    for ancestor in inner.iterancestors():
        if ancestor is outer:
            return False
        if ancestor.tag in LISTS or has(ancestor, REPLIES):
            return True
    return False


def markup_items(candidates: list, zones: Zones,
                 sections: set | frozenset = frozenset()) -> list[etree._Element]:
    """Rule 3a: the elements the page's markup declares as comments, wrappers collapsed."""
    # In a sidebar or a dialog, or holding the comment form: not a comment.
    found = [e for e in candidates if not zones.excluded(e) and not _holds_form(e)]
    if not found:
        return []
    chosen = set(found)
    # An item inside another with no list between is the other's body when it is the only
    # one (`li.comment > article.comment`); when there are several, the outer one wraps them.
    bodies: dict[etree._Element, list[etree._Element]] = {}
    for element in found:
        outer = _nearest(element, chosen, sections)
        if outer is not None and not _list_between(element, outer):
            bodies.setdefault(outer, []).append(element)
    dropped = set()
    for outer, inner in bodies.items():
        if _own_text(outer, chosen) >= 20:
            continue  # the outer item has words of its own: the inner ones are its replies
        dropped.update(inner if len(inner) == 1 else [outer])
    return [e for e in found if e not in dropped]


def _holds_form(element: etree._Element) -> bool:
    """A form in the element itself, not in a reply / report widget of a comment."""
    for form in element.iter("form", "textarea"):
        widget = False
        for ancestor in form.iterancestors():
            if ancestor is element:
                break
            if has(ancestor, JUNK):
                widget = True
                break
        if not widget:
            return True
    return False


def _own_text(element: etree._Element, items: set) -> int:
    """Characters of text in `element` outside the items and lists of replies inside it."""
    size = len((element.text or "").strip())
    stack = list(element)
    while stack:
        child = stack.pop()
        size += len((child.tail or "").strip())
        if isinstance(child.tag, str) and child not in items and child.tag not in LISTS \
                and not has(child, REPLIES) and not is_junk(child):
            size += len((child.text or "").strip())
            stack.extend(child)
    return size


# -- 3c. generic: the repeated block of a comments container ---------------------------------

_AUTHORISH = etree.XPath(
    "boolean(descendant::*[@itemprop='author' or self::cite or contains(@class, 'uthor')"
    " or contains(@class, 'utor') or contains(@class, 'name') or contains(@class, 'Name')"
    " or contains(@class, 'user') or contains(@class, 'User') or contains(@class, 'nick')"
    " or contains(@class, 'forum-qui')])")  # SPIP's "who"
_HAS_TIME = etree.XPath("boolean(descendant::time or descendant::*[@datetime])")
# A comment's own permalink anchor opening the block, `<a name="comment-123">`,
# `<a id="forum123">` (headless WordPress themes, SPIP, hand-made templates): the block is
# one comment even when no class names its author.
_FIRST_NAMED = etree.XPath("(descendant-or-self::*[@id or @name])[1]")
_PERMALINK = re.compile(r"(?:^|[-_])(?:comments?|kommentare?|komment|comentarios?|"
                        r"commentaires?|cmt|reply|answer|forum)[-_]?\d+$", re.I)
_MAX_SCAN = 30_000


@lru_cache(maxsize=8192)
def _signature(tag: str, classes: str) -> str:
    """Tag and first lasting class: comments of one list differ in state classes ("odd",
    "depth-2", "is-highlighted", "read-more-target")."""
    token = next((t for t in classes.lower().split() if not VOLATILE_TOKEN.search(t)), "")
    return tag + "." + token


_LINKED = etree.XPath("descendant::a")


def mostly_links(element: etree._Element, size: int) -> bool:
    linked = sum(len(collapse(STRING(a))) for a in _LINKED(element))
    return linked > size * 0.6


def _looks_like_comment(element: etree._Element, signature: str) -> bool:
    text = collapse(" ".join(element.itertext()))
    if len(text) < 15 or len(text) > 20_000 or mostly_links(element, len(text)):
        return False
    if not _HAS_TIME(element) and not is_dated(text):
        return False
    return bool(WORD_RE.search(signature)) or _AUTHORISH(element) or _own_permalink(element)


def _own_permalink(element: etree._Element) -> bool:
    first = _FIRST_NAMED(element)
    return bool(first) and bool(_PERMALINK.search(first[0].get("id") or first[0].get("name")
                                                  or ""))


def generic_items(groups: list[list[etree._Element]]) -> list[etree._Element]:
    """Rule 3c: the block that repeats among siblings and reads as comments."""
    best: list[etree._Element] = []
    best_key: tuple[int, int] = (0, 0)
    for group in groups:
        siblings: dict[tuple[Any, str], int] = {}
        members: dict[str, list[etree._Element]] = {}
        stack = list(reversed(group))
        scanned = 0
        while stack and scanned < _MAX_SCAN:
            element = stack.pop()
            scanned += 1
            if not isinstance(element.tag, str) or element.tag in JUNK_TAGS or \
                    element.get("id") == "respond":
                continue
            signature = _signature(element.tag, element.get("class") or "")
            key = (element.getparent(), signature)
            siblings[key] = siblings.get(key, 0) + 1
            members.setdefault(signature, []).append(element)
            stack.extend(reversed(element))
        repeated = {signature for (_, signature), n in siblings.items() if n >= 2}
        for signature, elements in members.items():
            if elements[0].tag not in ITEM_TAGS or elements[0].tag == "p" or \
                    len(elements) > 2000:
                continue
            single = len(elements) == 1 and bool(WORD_RE.search(signature))
            if signature not in repeated and not single:
                continue
            good = [e for e in elements if _looks_like_comment(e, signature)]
            if not good or len(good) * 2 < len(elements) or (len(good) < 2 and not single):
                continue
            key2 = (len(good), -sum(1 for _ in good[0].iterancestors()))
            if key2 > best_key:
                best, best_key = good, key2
    return best
