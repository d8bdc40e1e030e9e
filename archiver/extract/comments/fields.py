"""Rule 4: the fields of one comment item (id, author, date, text, title), read from its own
elements, and the id of a comment without one."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ...dedupe import absolute_url, w3lib_canonical
from ..metadata import iso_date
from ..text import collapse
from .dates import date_at, date_in, from_timestamp, is_dated
from .items import entry_of
from .marks import (
    AUTHOR,
    DATE,
    ITEM_ID,
    JUNK,
    META,
    SUBJECT,
    TEXT,
    Marks,
    has,
    marks_of,
)
from .paragraphs import (
    JUNK_TAGS,
    SAYS,
    inline_text,
    inline_text_without,
    is_reply_link,
    paragraphs_of,
    plain_text,
    string,
)

_DATE_ITEMPROPS = {"datecreated", "datepublished", "commenttime", "uploaddate", "datemodified"}
_PARENT_ATTRIBUTES = ("data-parent-id", "data-parent", "data-parentid",
                      "data-parent-comment-id", "data-reply-to", "data-in-reply-to")
_ID_ATTRIBUTES = ("data-comment-id", "data-commentid", "data-comment", "data-review-id",
                  "data-id", "itemid")
_FRAGMENT_ID = re.compile(r"#(?:comment|c|kommentar|comentario|commentaire|cmt)[-_]?(\d+)$",
                          re.I)
_REPLY_TO = re.compile(r"[?&](?:replytocom|id_forum)=(\d+)")  # WordPress, SPIP
_BY = re.compile(r"^(?:(?:comment|posted|written)\s+by|(?:kommentar|geschrieben|verfasst)\s+von|"
                 r"commentaire\s+(?:de|par)|comentario\s+de|commento\s+di|by|von|par|por|от)\s+",
                 re.I)
_SAYS = re.compile(rf"\s*{SAYS}\s*(?::|\.\.\.|…)?\s*$", re.I)  # Blogger: "Name said..."
# A text whose first line names its author: "Betina sagt:", "Name a dit :" (no author element).
_SAID_LINE = re.compile(rf"^(?P<name>[^\n]{{1,60}}?)\s+{SAYS}\s*:\s*(?:\n|$)", re.I)
# A role badge next to the name: "Martina Berg<br><span>Autor</span>", wpDiscuz's
# `<div class="wc-comment-label"><span>Autor</span></div>`; no name of its own.
ROLE_BADGE = re.compile(r"(?:post |site |blog )?(?:author|autor|autorin|auteur|autore|admin|"
                        r"administrator|administrateur|administrador|moderator|moderatorin|"
                        r"modérateur|moderador|redaktion|rédaction|redacción|redazione|"
                        r"editor)", re.I)
_NOT_VERIFIED = re.compile(r"\s*\((?:not verified|nicht überprüft|nicht verifiziert|"
                           r"non vérifié|no verificado)\)\s*$", re.I)


# Pingbacks and trackbacks: a class token of the item ("pingback", "type-trackback"), else
# "Pingback: Other Blog", "Pingback von …" as the author or the text's start, or WordPress's
# excerpt of the linking post, "[…] linked words […]", as the text.
_KIND_CLASS = re.compile(r"(?:^|[\s_-])(ping|track)-?backs?(?:\s|$)", re.I)
_KIND_LABEL = re.compile(r"^(ping|track)-?back(?:s?\s*:|\s+(?:von|from|de|by|di|van|od|от)\b)"
                         r"\s*", re.I)
_EXCERPT_MARKS = ("[…]", "[...]", "[&hellip;]")


@dataclass
class Read:
    element: etree._Element | None
    comment_id: str | None
    parent_ref: str | None
    author: str | None
    author_url: str | None
    published: str | None
    text: str
    kind: str = "comment"


def mark_kind(read: Read) -> None:
    """Pingbacks and trackbacks: marked by class (`read.kind`), by their label ("Pingback:
    Other Blog", "Trackback von …") on the author or the text, or by WordPress's excerpt of
    the linking post as the text ("[…] words […]"); the label cut, the linking post's title
    the author."""
    label = _KIND_LABEL.match(read.author or "")
    if label:
        read.author = clean_author(read.author[label.end():])
    else:
        label = _KIND_LABEL.match(read.text)
        if label:
            rest = read.text[label.end():]
            if read.author is None:  # "Pingback: Other Blog\n[…] words […]"
                first, _, rest = rest.partition("\n")
                read.author = first
            read.text = rest.strip()
    if label:
        read.kind = label.group(1).lower() + "back"
    elif read.kind == "comment":
        text = read.text.strip(" |·•-–—\n")
        if text.startswith(_EXCERPT_MARKS) and text.endswith(_EXCERPT_MARKS) and len(text) > 12:
            read.kind = "pingback"


def id_from_ref(value: Any) -> str | None:
    """A comment id out of an `@id` / `identifier` / URL / attribute value."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("identifier") or value.get("url")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    fragment = value.rsplit("#", 1)[1] if "#" in value else value
    match = ITEM_ID.search(fragment)
    if match:
        return match.group(1) or match.group(2)
    if "#" in value and fragment:
        return fragment[:100]
    return None if value.startswith(("http://", "https://", "/")) else value[:100]


def _anchor_id(item: etree._Element) -> str | None:
    """Drupal puts an empty `<a id="comment-N"></a>` just before the comment's element."""
    sibling = item.getprevious()
    for _ in range(3):
        if sibling is None or not isinstance(sibling.tag, str):
            return None
        if sibling.tag == "a" and not string(sibling):
            match = ITEM_ID.search(sibling.get("id") or sibling.get("name") or "")
            return (match.group(1) or match.group(2)) if match else None
        if sibling.tag not in ("mark", "span"):
            return None
        sibling = sibling.getprevious()
    return None


def _date_of(element: etree._Element) -> str | None:
    # Judge.me writes its date only into an empty span's `data-content`.
    for attribute in ("datetime", "content", "title", "data-datetime", "data-date",
                      "data-content"):
        value = (element.get(attribute) or "").strip()
        if value:
            date = iso_date(value) if len(value) < 40 and not value.isdigit() else None
            date = date or date_in(value)
            if date:
                return date
    stamp = element.get("data-comment-timestamp") or element.get("data-timestamp")
    if stamp:
        return from_timestamp(stamp)
    return date_in(inline_text(element))


def clean_author(name: str) -> str | None:
    name = collapse(name)
    if " " in name:  # not a name that is only "says" or "by"
        name = _BY.sub("", _SAYS.sub("", name))  # "Name says:", "by Name"
    if ")" in name:
        name = _NOT_VERIFIED.sub("", name)
    name = name.strip(" :|-–—·,")
    return name if 0 < len(name) <= 100 else None


# What joins a name to the date after it: "Julia on 11/08/2020", "Ben 19. Juni 2018",
# "Name — 17.07, 2011 @ 13:04", "Name says: January 20, 2020", "Name · 3 days ago".
_JOINER = re.compile(r"(?:[\s,;|/·•@—–-]|\b(?:on|at|am|um|le|el|il|op|em|den|dnia)\b)*$", re.I)
# Runs of letters: the words of a name, not its digits.
_WORDS = re.compile(r"[^\W\d_]+")
_DATED_TAIL = re.compile(r"\s+[—–|•·@/]+\s+(?=\d[^\n]*(?:\d{4}|\d:\d\d))")


def split_dated(name: str) -> tuple[str, str | None]:
    """An author that ends with the comment's date ("Rolf Buckpesch 29.07.2020 // 12:56",
    "Julia on 11/08/2020 at 9:52", "Ben 19. Juni 2018 um 15:28 Uhr"): the name alone, and the
    date when it can be read. Not a date with more words after it ("Camp 2014, 5.4.2014,
    Frankfurt am Main"): that is a title."""
    found = date_at(name)
    if found is None:
        tail = _DATED_TAIL.search(name)  # a date no pattern reads: "— 17.07, 2011 @ 13:04"
        found = (tail.start(), len(name), None) if tail else None
    if found is None or found[0] == 0 or len(_WORDS.findall(name[found[1]:])) > 1:
        return name, None
    head = _JOINER.sub("", name[:found[0]])
    cleaned = clean_author(head) if WORDY.search(head) else None
    return (cleaned, found[2]) if cleaned else (name, None)


def _own_id(item: etree._Element) -> str | None:
    match = ITEM_ID.search(item.get("id") or "")
    if match:
        return match.group(1) or match.group(2)
    for attribute in _ID_ATTRIBUTES:
        comment_id = id_from_ref(item.get(attribute))
        if comment_id:
            return comment_id
    return None


def _author_link(author_el: etree._Element, url: str) -> str | None:
    link = author_el if author_el.tag == "a" else next(
        (a for a in author_el.iter("a") if a.get("href")), None)
    parent = author_el.getparent()
    if link is None and parent is not None and parent.tag == "a":
        link = parent
    href = (link.get("href") or "").strip() if link is not None else ""
    if not href or href.startswith(("#", "javascript:", "mailto:")) or "replytocom" in href:
        return None
    return href if href.startswith(("https://", "http://")) else absolute_url(url, href)


_NO_MARKS = Marks(0, 9, 9.0)
_ROLES = AUTHOR | TEXT | DATE | META
_ROLE_TAGS = {"cite", "header", "footer", "time"}
_SUBJECT_TAGS = {"h2", "h3", "h4", "h5", "h6"}
_INNER_ID_ATTRIBUTES = ("id", "name", "data-comment-id", "data-commentid")
_RDFA = {"text": "text", "content": "text", "datecreated": "datecreated",
         "created": "datecreated", "date": "datecreated", "datepublished": "datecreated",
         "author": "author", "creator": "author", "has_creator": "author"}


def _rdfa(value: str | None) -> str:
    """An RDFa `property` ("schema:text", "dc:date dc:created") as the itemprop it means."""
    for term in (value or "").split():
        meaning = _RDFA.get(term.rsplit(":", 1)[-1].lower())
        if meaning:
            return meaning
    return ""


def _first_two(entry: tuple) -> tuple:
    return entry[:2]


def _walk(item: etree._Element) -> Iterator[tuple[Any, etree._Element]]:
    """The elements under the item (not the item itself) and the other parts of its entry
    (`entry_of`: a `<dl>`'s term and descriptions), with the walker that found them, so that
    the caller can skip an element's subtree."""
    for part in entry_of(item):
        walker = etree.iterwalk(part, events=("start",))
        if part is item:
            next(walker)
        for _, element in walker:
            yield walker, element


def read_item(item: etree._Element, items: set, url: str) -> Read:
    """Rule 4: the fields of one item, from its own elements (nested items left out)."""
    author_el, author_rank = None, 9
    text_el, text_rank, text_at = None, 9.0, 0
    dates: list[tuple[int, int, etree._Element]] = []
    furniture: list[etree._Element] = []
    titles: list[tuple[int, etree._Element]] = []  # (position, element): headings, subjects
    item_keys = item.keys()
    parent_ref = next((item.get(a) for a in _PARENT_ATTRIBUTES if a in item_keys), None)
    inner_ids: list[str] = []
    links: list[etree._Element] = []
    own_id = _own_id(item)
    alive = []  # lxml makes a new proxy for an element nobody holds; the text pass reuses these
    for walker, element in _walk(item):
        alive.append(element)
        tag = element.tag
        if element in items or tag in JUNK_TAGS and tag not in ("meta", "link"):
            walker.skip_subtree()
            continue
        keys = element.keys()
        itemprop = ""
        marks = _NO_MARKS
        if keys:
            get = element.get
            if tag == "a" and "href" in keys:
                links.append(element)
            if own_id is None:
                inner_ids.extend(get(name) or "" for name in _INNER_ID_ATTRIBUTES if name in keys)
            if "itemprop" in keys:
                itemprop = (get("itemprop") or "").lower()
            elif "property" in keys:
                itemprop = _rdfa(get("property"))
            if "datetime" in keys or itemprop in _DATE_ITEMPROPS:
                dates.append((0, len(dates), element))
            elif "data-comment-timestamp" in keys:
                dates.append((3, len(dates), element))
            if itemprop == "parentitem":
                parent_ref = parent_ref or get("href") or get("content") or get("itemid") or \
                    string(element)
            elif itemprop in ("url", "identifier"):
                inner_ids.append(get("href") or get("content") or string(element))
            if "class" in keys:
                marks = marks_of(get("class") or "")
            if marks.flags & JUNK or tag in JUNK_TAGS or "hidden" in keys or (
                    "aria-hidden" in keys and get("aria-hidden") == "true") or (
                    tag == "a" and is_reply_link(get("href") or "")):
                walker.skip_subtree()
                continue
        flags = marks.flags
        if tag in _SUBJECT_TAGS or flags & SUBJECT:
            titles.append((len(alive), element))
        if itemprop or flags & _ROLES or tag in _ROLE_TAGS:
            if itemprop in ("author", "creator"):
                rank = 1
            elif itemprop == "name" and author_rank == 1 and \
                    author_el in element.iterancestors():
                rank = 0
            elif flags & AUTHOR:
                rank = marks.author_rank
                if author_rank > rank > 2 and ROLE_BADGE.fullmatch(string(element)):
                    rank = 8  # a badge ("wc-comment-label"): the name only when none is
            else:
                rank = 5 if tag == "cite" else 9
            if rank < author_rank:
                author_el, author_rank = element, rank
            text = 0.0 if itemprop in ("text", "commenttext", "reviewbody") else marks.text_rank
            if text < text_rank:
                text_el, text_rank, text_at = element, text, len(alive)
            if flags & DATE and tag != "time":
                dates.append((1 if tag == "a" or "title" in keys else 2, len(dates), element))
            if flags & (META | AUTHOR | DATE) or tag in ("header", "footer", "time"):
                furniture.append(element)

    match = _KIND_CLASS.search(item.get("class") or "")
    kind = match.group(1).lower() + "back" if match else "comment"
    if author_el is None:
        author_el = _byline_name(furniture)
    if author_el is None and kind != "comment" and links:
        author_el = links[0]  # "Pingback: <a href=…>Other Blog</a>": the linking post
    author = clean_author(_name_of(author_el)) if author_el is not None else None
    author_url = _author_link(author_el, url) if author_el is not None else None
    published = date_el = None
    dates.sort(key=_first_two)
    for _, _, element in dates:
        published = _date_of(element)
        if published:
            date_el = element
            break

    if published is None:
        # A short leaf that is a date ("12.03.2024, 08:15") outside the text: the visible date.
        text_part = set(text_el.iter()) if text_el is not None else ()
        for element in alive:
            if not len(element) and element.tag not in ("p", "blockquote") and \
                    element not in text_part and element.text and len(element.text) < 60 and \
                    (published := date_in(element.text)):
                date_el = element
                break
    cut = {e for e in (author_el, date_el) if e is not None}
    paragraphs = []
    if text_el is not None:
        inside = set(text_el.iterdescendants())
        paragraphs = paragraphs_of(text_el, cut | _header(
            [e for e in furniture if e in inside], cut), items)
        if paragraphs and titles:
            paragraphs = _titled(paragraphs, titles, text_el, text_at, cut, set(furniture))
    if not paragraphs:  # the item itself, without its header
        paragraphs = paragraphs_of(item, cut | _header(furniture, cut), items)
    if author is None and paragraphs:
        author, author_url, paragraphs = _said_by(paragraphs, links, url)
    if author is None and paragraphs:
        author, author_url, paragraphs = _profile_line(paragraphs, links, url)
    if published is None:
        # The visible date, wherever the header writes it.
        for element in furniture:
            published = date_in(inline_text(element))
            if published:
                break

    comment_id = own_id or next(
        (m.group(1) or m.group(2) for m in map(ITEM_ID.search, inner_ids) if m), None) or \
        _anchor_id(item)
    if comment_id is None:
        for link in links:
            href = link.get("href") or ""
            match = _REPLY_TO.search(href) or (
                _FRAGMENT_ID.search(href) if text_el is None or
                text_el not in link.iterancestors() else None)
            if match:
                comment_id = match.group(1)
                break
    if comment_id is None and item.get("itemscope") is not None:
        comment_id = next(filter(None, map(id_from_ref, inner_ids)), None)
    return Read(item, comment_id, id_from_ref(parent_ref) if parent_ref else None, author,
                author_url, published, "\n\n".join(paragraphs), kind)


def _name_of(author_el: etree._Element) -> str:
    """The author element's text without the role badges in it ("Martina Berg<br><span
    class="p3_comment_author">Autor</span>"), unless the badge is all it says."""
    if len(author_el):
        badges = {e for e in author_el.iterdescendants() if isinstance(e.tag, str) and
                  e.tag != "br" and ROLE_BADGE.fullmatch(string(e))}
        if badges:
            name = inline_text_without(author_el, badges)
            if name:
                return name
    return plain_text(author_el)


# An author found in a comment's text, its link, and the text without the line that named it.
_NamedLines = tuple[str | None, str | None, list[str]]


def _said_by(paragraphs: list[str], links: list, url: str) -> _NamedLines:
    """An author no element marks, written as the text's first line: "<strong>Betina</strong>
    sagt:", "Name says:", "Nimi kirjoitti:"; the line cut from the text, the name's link kept."""
    said = _SAID_LINE.match(paragraphs[0])
    name = clean_author(said.group("name")) if said else None
    if name is None or len(name.split()) > 5:
        return None, None, paragraphs
    first = paragraphs[0][said.end():].strip()
    link = next((a for a in links if string(a) == name), None)
    return (name, _author_link(link, url) if link is not None else None,
            [first, *paragraphs[1:]] if first else paragraphs[1:])


# A link to a member's page: "/user/profil/07879a1e/anaya60.html", "/user/Marianne1.html",
# "/members/ana/", "/benutzer/ana".
_PROFILE_HREF = re.compile(r"/(?:users?|profiles?|profil|members?|mitglied(?:er)?|benutzer|"
                           r"nutzer|usuarios?|utenti|utilisateurs?|membres?)/[^/?#]", re.I)


def _profile_line(paragraphs: list[str], links: list, url: str) -> _NamedLines:
    """An author no element marks, written as the text's first line that is all a link to the
    member's page (`<strong><a href="/user/profil/…/anaya60.html">anaya60</a></strong>` above
    the words); the line cut from the text, the link the author's."""
    first, _, rest = paragraphs[0].partition("\n")
    name = clean_author(first)
    if name is None or len(name.split()) > 5:
        return None, None, paragraphs
    link = next((a for a in links if string(a) == first and
                 _PROFILE_HREF.search(a.get("href") or "")), None)
    if link is None:
        return None, None, paragraphs
    rest = rest.strip()
    return (name, _author_link(link, url),
            [rest, *paragraphs[1:]] if rest else paragraphs[1:])


def _byline_name(furniture: list) -> etree._Element | None:
    """A byline's first bold part that is no date: "<strong>Sam</strong> on <strong>Feb 21,
    2024</strong>" (Shopify Product Reviews); or the bold name a header or meta line opens
    with: `<div class="metas"><b>Par Bruno Gobin,</b> le mercredi 15 mai 2019</div>`."""
    for element in furniture:
        if "byline" in (element.get("class") or ""):
            for bold in element.iter("strong", "b"):
                text = string(bold)
                if text and not is_dated(text):
                    return bold
    for element in furniture:
        bold = _opening_bold(element)
        if bold is not None:
            text = string(bold)
            if _WORDS.search(text) and len(text.split()) <= 6 and not is_dated(text):
                return bold
    return None


def _opening_bold(element: etree._Element) -> etree._Element | None:
    """The `<b>` / `<strong>` an element's text starts with, if any."""
    while not (element.text or "").strip() and len(element):
        element = element[0]
        if not isinstance(element.tag, str):
            return None
        if element.tag in ("b", "strong"):
            return element
    return None


WORDY = re.compile(r"[^\W\d_]|[^\s\w.,:;!?()'\"+\-]")  # a letter, or an emoji


def _titled(paragraphs: list[str], titles: list, text_el: etree._Element, text_at: int,
            cut: set, furniture: set) -> list[str]:
    """Rule 4: the title the commenter gave the comment (a heading or a subject-classed element
    of the item's own, before its text part and outside it and the header) as the first
    paragraph; not when the text starts with it: Drupal makes a missing subject from the
    body's first words ("There is a car park behind…")."""
    around = set(text_el.iterancestors())
    around_cut = {ancestor for e in cut for ancestor in e.iterancestors()}
    for at, element in titles:
        if at >= text_at:
            break
        ancestors = set(element.iterancestors())
        if element in around or element in cut or element in around_cut or \
                not ancestors.isdisjoint(cut):
            continue  # holds the text, or is / holds / sits in the author or the date
        if not has(element, SUBJECT) and (element in furniture or
                                          not ancestors.isdisjoint(furniture)):
            continue  # a heading of the header ("<h4>Name</h4>")
        title = inline_text(element)
        if title and len(title) <= 200 and WORDY.search(title):
            said = collapse(" ".join(paragraphs[:3]))
            return paragraphs if said.startswith(title.rstrip(" .…")) else [title, *paragraphs]
    return paragraphs


def _header(furniture: list, cut: set) -> set:
    """The blocks of furniture made of the author, the date (`cut`) and little else."""
    removed: set = set()
    for element in furniture:
        if element in cut or any(a in removed for a in element.iterancestors()):
            continue
        size = len(string(element)) - sum(
            len(string(e)) for e in cut if element in e.iterancestors())
        if size < 30:
            removed.add(element)
    return removed


def fallback_id(article_url: str, author: str | None, published: str | None, text: str) -> str:
    """A stable id for a comment without one: the article, the author, the date, the text.
    The article is hashed in the URL form archived ids were made with (`w3lib_canonical`)."""
    key = "\n".join((w3lib_canonical(article_url), author or "", published or "", text))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
