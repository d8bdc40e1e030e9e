"""Rule 5: threading (parents and depth) and the comments built from the items read."""

from __future__ import annotations

import re

from lxml import etree

from ...items import Comment
from .fields import WORDY, Read, fallback_id, mark_kind, split_dated
from .items import LISTS, mostly_links
from .marks import REPLIES, has
from .paragraphs import string


def _thread_parent(element: etree._Element, items: set,
                   sections: set | frozenset = frozenset()) -> etree._Element | None:
    """The enclosing item, or the item just before the replies container that holds this;
    the search stops at the comments container (`sections`)."""
    for ancestor in element.iterancestors():
        if ancestor in items:
            return ancestor
        if ancestor in sections:
            return None
        replies = has(ancestor, REPLIES)
        if ancestor.tag not in LISTS and not replies:
            continue
        if ancestor.getparent() in items:  # `li.comment > ol.children > li.comment`
            return ancestor.getparent()
        sibling = ancestor.getprevious()
        while sibling is not None and (not isinstance(sibling.tag, str) or
                                       sibling.tag in ("a", "mark", "span", "br")):
            sibling = sibling.getprevious()
        if sibling is None:
            continue
        if sibling in items:
            return sibling
        if replies:  # `div.comment-wrap > article.comment` + `div.replies`
            inner = next((e for e in sibling.iterdescendants() if e in items), None)
            if inner is not None:
                return inner
    return None


_LEVEL = re.compile(r"(?:^|[-_])(?:depth|level)[-_]?(\d{1,2})$")
_INDENTED = re.compile(r"(?:^|[-_])(?:indented|is-reply|is-child|child-comment|reply-comment)$")


def _level(element: etree._Element) -> int:
    """How deep a flat list says an item is: `depth-3`, `level-2`, `comment--indented`."""
    for token in (element.get("class") or "").lower().split():
        match = _LEVEL.search(token)
        if match:
            return int(match.group(1))
        if _INDENTED.search(token):
            return 2
    return 1


def _flat_parent(element: etree._Element, earlier: list[Read]) -> str | None:
    """In a flat list that marks depth with classes, the last earlier item a level up."""
    level = _level(element)
    if level > 1:
        for read in reversed(earlier):
            if read.element is not None and _level(read.element) < level:
                return read.comment_id
    return None


def build(reads: list[Read], article_url: str,
          sections: set | frozenset = frozenset()) -> list[Comment]:
    """Ids, threading and positions for the items that hold some text."""
    for read in reads:
        mark_kind(read)
        if read.author:
            read.author, dated = split_dated(read.author)
            read.published = read.published or dated
    # A pingback may have no words but the linking post's title (its `author`).
    reads = [read for read in reads if WORDY.search(read.text) and (
        read.author or read.published or read.element is None or
        not mostly_links(read.element, len(string(read.element)))) or
        read.kind != "comment" and read.author]
    for read in reads:
        read.comment_id = read.comment_id or fallback_id(article_url, read.author,
                                                         read.published, read.text)
    by_element = {read.element: read for read in reads if read.element is not None}
    elements = set(by_element)
    comments: list[Comment] = []
    depth_of: dict[str, int] = {}
    placed: list[Read] = []  # the reads of `comments`
    for read in reads:
        comment_id = read.comment_id or ""
        if comment_id in depth_of:
            continue  # the same comment twice ("Top comments" and the thread)
        if read.parent_ref is not None:
            parent_id = read.parent_ref if read.parent_ref not in ("", "0", comment_id) else None
        else:
            parent = _thread_parent(read.element, elements, sections) \
                if read.element is not None else None
            parent_id = by_element[parent].comment_id if parent is not None else None
            if read.element is not None and parent_id is None:
                parent_id = _flat_parent(read.element, placed)
        depth = depth_of.get(parent_id, 0) + 1 if parent_id is not None else 0
        depth_of[comment_id] = depth
        placed.append(read)
        comments.append(Comment(comment_id=comment_id, parent_id=parent_id, author=read.author,
                                author_url=read.author_url, published=read.published,
                                text=read.text, position=len(comments), depth=depth,
                                kind=read.kind))
    return comments


def merge_page(comments: list[Comment], page: list[Comment]) -> None:
    """Append the comments of a further comment page that `comments` lacks, in page order; a
    reply to a comment of an earlier page sits one level below it."""
    depth_of = {comment.comment_id: comment.depth for comment in comments}
    for comment in page:
        if comment.comment_id in depth_of:
            continue
        if comment.parent_id in depth_of:
            comment.depth = depth_of[comment.parent_id] + 1
        comment.position = len(comments)
        depth_of[comment.comment_id] = comment.depth
        comments.append(comment)
