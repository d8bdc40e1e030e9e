"""Comment sections: the comments a page shows, threaded, and the state of the section.

Order of rules:

1. Cheap signals first. One XPath looks for anything comment-like (an id or class naming
   comments, a schema.org `Comment`, a heading such as "3 Comments" / "Kommentare" /
   "コメント"), one for a script-loaded provider; a page with neither is done.
2. Provider: Disqus, Facebook, Commento, Hyvor Talk, Coral, Giscus, utterances, Remark42, Isso,
   Viafoura, OpenWeb / Spot.IM, IntenseDebate, Livefyre; the first one in the page wins.
3. Comment items, the first rule with any wins:
   a. CMS markup: WordPress classic and block themes (`li.comment`, `li#comment-N`,
      `div.comment.depth-N`), Drupal (`article.comment`), Blogger, wpDiscuz, schema.org
      microdata items, any block whose class is the bare word "comment". An item whose only
      job is to wrap another (`li.comment > article.comment`) gives way to its wrapper; pingbacks,
      trackbacks and items in sidebars / widgets ("Recent comments") are left out.
   b. JSON-LD: the `comment` tree of the page's objects.
   c. Generic: inside a comments container (an id / class naming comments, or the parent of a
      comments heading), the repeated block (siblings sharing a tag + class signature) whose
      members hold a date, some text and an author-ish element.
4. Fields of an item, read from its own elements (nested items excluded): the id (its own id
   attribute, `data-comment-id`, microdata `itemid`, an id inside it, a Drupal `a#comment-N`
   anchor before it, its reply / permalink link, else a hash of article, author, date, text);
   the author (microdata name, `.fn`, `*author*` / `*user*` / `*name*` classes, `cite`) and
   its link; the date (`datetime` / `content` attributes, date-classed text, Drupal's
   timestamp, date-like text in the item's header); the text (`itemprop=text`, the
   `comment-content` family of classes, else the item without its header and furniture),
   paragraphs joined by a blank line, reply / edit / report / vote links, avatars, "says:" and
   moderation notes removed.
5. Threading: an explicit parent (`data-parent-id`, microdata / JSON-LD `parentItem`), else the
   nearest enclosing item, else the item before the replies container (`div.indented`,
   `.children`, `.replies`) that holds it.
6. The section: `open` from a comment form (`#respond`, `form.comment-form`, a form posting to a
   comment URL, "Leave a Reply") or a "comments are closed" notice; `count` from the comments
   heading ("3 thoughts on", "Comments (3)"), then JSON-LD / microdata `commentCount`, then a
   "3 Comments" link; `page_urls` from comment pagination (`comment-page-N`, `cpage=N`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag

from lxml import etree, html
from parsel import Selector

from ..dedupe import absolute_url, canonicalize
from ..items import Comment
from .metadata import iso_date
from .structured import json_ld_objects, names, text_values
from .text import collapse


@dataclass
class CommentSection:
    comments: list[Comment] = field(default_factory=list)  # in page order
    open: bool | None = None  # a form is offered / the page says comments are closed
    count: int | None = None  # the count the page states
    provider: str | None = None  # a script-loaded comment system, e.g. "disqus"
    page_urls: list[str] = field(default_factory=list)  # the section's other pages


# -- 1. cheap signals -------------------------------------------------------------------------

_LOWER = "translate(%s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_HEADING_TAGS = "self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
_SIGNALS = etree.XPath(
    "//*[contains(@id, 'omment') or contains(@class, 'omment') or contains(@id, 'OMMENT')"
    " or contains(@class, 'omentar') or contains(@id, 'omentar') or @id = 'respond'"
    " or contains(@class, 'leserbrief') or contains(@id, 'leserbrief')"
    " or contains(@itemtype, 'schema.org/Comment')"
    " or contains(@itemtype, 'schema.org/UserComments')"
    f" or (({_HEADING_TAGS}) and (contains(., 'omment') or contains(., 'OMMENT')"
    " or contains(., 'omentar') or contains(., 'омментари') or contains(., 'コメント')"
    " or contains(., 'houghts on') or contains(., 'esponse') or contains(., 'eave a Reply')))]"
)
_LD_WITH_COMMENTS = etree.XPath(
    "//script[contains(" + _LOWER % "@type" + ", 'ld+json')][contains(., 'omment')]")

# -- 2. providers -----------------------------------------------------------------------------

# (name, markers): a marker is looked for in ids, classes, tag names, src / data attributes and
# inline scripts, lower-cased.
PROVIDERS: list[tuple[str, tuple[str, ...]]] = [
    ("disqus", ("disqus",)),
    ("facebook", ("fb-comments", "fb:comments", "facebook.com/plugins/comments")),
    ("commento", ("cdn.commento.io", "commento.io/", "#commento")),
    ("hyvor-talk", ("hyvor-talk", "talk.hyvor.com")),
    ("coral", ("coral-talk", "coral_thread", "coral-thread", "createstreamembed",
               "coralproject")),
    ("giscus", ("giscus",)),
    ("utterances", ("utteranc.es",)),
    ("remark42", ("remark42",)),
    ("isso", ("data-isso", "isso-thread", "/isso/", "isso.min.js")),
    ("viafoura", ("viafoura", "vf-conversations")),
    ("openweb", ("spot.im", "spotim", "openweb", "data-spot-im")),
    ("intensedebate", ("intensedebate", "idc-container")),
    ("livefyre", ("livefyre",)),
]
_PROVIDER_XPATH = etree.XPath(
    "//*[contains(@id, 'disqus') or contains(@class, 'disqus') or contains(@src, 'disqus')"
    " or contains(@class, 'fb-comments') or name()='fb:comments'"
    " or contains(@src, 'facebook.com/plugins/comments')"
    " or @id='commento' or contains(@src, 'commento.io')"
    " or contains(@id, 'hyvor-talk') or self::hyvor-talk-comments or self::hyvor-talk-view"
    " or contains(@src, 'talk.hyvor.com')"
    " or contains(@id, 'coral_thread') or contains(@id, 'coral-thread')"
    " or contains(@class, 'coral-talk') or contains(@src, 'coralproject')"
    " or contains(@class, 'giscus') or contains(@src, 'giscus')"
    " or contains(@src, 'utteranc.es') or contains(@class, 'utterances')"
    " or contains(@id, 'remark42') or contains(@src, 'remark42')"
    " or @data-isso or contains(@id, 'isso-thread') or contains(@src, '/isso/')"
    " or contains(@class, 'viafoura') or contains(@src, 'viafoura') or self::vf-conversations"
    " or contains(@src, 'spot.im') or contains(@src, 'openweb') or @data-spotim-module"
    " or @data-spot-im or contains(@class, 'spot-im') or contains(@id, 'spot-im')"
    " or contains(@src, 'intensedebate') or contains(@id, 'idc-container')"
    " or contains(@src, 'livefyre') or contains(@id, 'livefyre') or contains(@class, 'livefyre')"
    " or (self::script and not(@src) and (contains(., 'disqus')"
    " or contains(., 'Coral.createStreamEmbed') or contains(., 'remark42')"
    " or contains(., 'commento.io') or contains(., 'giscus.app') or contains(., 'utteranc.es')"
    " or contains(., 'livefyre') or contains(., 'intensedebate') or contains(., 'spot.im')"
    " or contains(., 'viafoura') or contains(., 'talk.hyvor.com')))]"
)


def _provider(root: etree._Element) -> str | None:
    """Rule 2: the first script-loaded comment system the page embeds."""
    for element in _PROVIDER_XPATH(root):
        if element.tag == "script" and not element.get("src"):
            haystack = (element.text or "").lower()
        else:
            parts = [element.tag if isinstance(element.tag, str) else "",
                     *(element.get(a) or "" for a in ("id", "class", "src"))]
            parts += [a for a in ("data-isso", "data-spot-im", "data-spotim-module")
                      if element.get(a) is not None]
            if element.get("id") == "commento":
                parts.append("#commento")
            haystack = " ".join(parts).lower()
        for name, markers in PROVIDERS:
            if any(marker in haystack for marker in markers):
                return name
    return None


# -- classes and ids --------------------------------------------------------------------------

_WORD = (r"(?:comments?|kommentare?|komment|comentarios?|commentaires?|commento|commenti|"
         r"leserbrief\w*|leserpost|reactions?|discussion)")
_WORD_RE = re.compile(_WORD)
# Class tokens (lower case) that mark an element as a widget, not words of a comment.
_JUNK_EXACT = {"hidden", "screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden",
               "is-hidden", "says", "edit-link", "comment-edit-link", "comment-reply-link",
               "reply-link", "replylink", "comment-awaiting-moderation", "element-invisible"}
_JUNK_TOKEN = re.compile(
    r"(?:^|[-_])(?:reply|says|avatars?|gravatar|userpic|moderation|edit|votes?|voting|like|"
    r"likes|liked|rating|ratings|report|flag|actions?|tools|toolbar|share|sharing|karma|"
    r"thumbs|upvote|downvote|badge)(?:$|[-_])|commentreply|replybutton|likebutton")
_AUTHOR_RANK = {
    "fn": 2, "wp-block-comment-author-name": 2, "comment__author": 2, "comment-author-name": 2,
    "username": 2, "comment-username": 2, "author-name": 2, "authorname": 2, "commenter": 2,
    "comment-author": 3, "author": 3, "autor": 3, "name": 3, "user": 3, "user-name": 3,
    "nickname": 3, "nick": 3, "comment_author": 3, "field--name-uid": 3, "comment-name": 3,
    "commentname": 3,
}
_AUTHOR_TOKEN = re.compile(r"author|autor|user-?name|username|nick|commenter|verfasser|"
                           r"(?:^|[-_])(?:name|user|poster)$|[a-z](?:name|user)$")
_DATE_TOKEN = re.compile(r"date|time|datum|zeit|fecha|stamp|posted|published|meta|when|"
                         r"(?:^|[-_])ago(?:$|[-_])")
_TEXT_EXACT = {"field--name-comment-body", "field-name-comment-body", "wp-block-comment-content",
               "comment__content", "comment__body", "comment__text", "comment-copy",
               "comment-story", "comment-entry", "commentbody", "comment_body"}
_TEXT_TOKEN = re.compile(r"(?:comment|kommentar|komment|comentario|commentaire|commento|reply|"
                         r"message|msg|post|answer)s?[-_]*(?:content|text|texte|txt|message|"
                         r"copy|story|entry|body)")
_TEXT_NOT = ("-button", "-link", "-count", "-form", "-title", "-field", "-input", "-label",
             "-toggle", "-icon", "-meta")
_TEXT_WEAK = {"content", "text", "body", "message", "entry", "entry-content", "description",
              "copy", "comment", "txt", "e-content", "comment-body"}
_META_TOKEN = re.compile(r"(?:^|[-_])(?:meta|metadata|commentmetadata|info|header|heading|"
                         r"footer|byline|vcard|details|head|author|user|date|time)(?:$|[-_])")
_REPLIES_TOKEN = re.compile(r"(?:^|[-_])(?:children|child|replies|indented|answers|nested|"
                            r"sub-?comments?|subthread|thread-replies|comment-replies)"
                            r"(?:$|[-_])")
_ZONE_TOKEN = re.compile(r"(?:^|[-_])(?:widget\w*|sidebar|secondary|recentcomments|"
                         r"recent-comments|tab-comments|most-commented)(?:$|[-_])")
_CONTAINER_TOKEN = re.compile(rf"^[a-z0-9_-]*?{_WORD}(?:[-_]*(?:area|section|wrap|wrapper|"
                              r"list|container|block|holder|box|module|inner|thread|main|"
                              r"panel|outer|entries|items|tab|modul|bereich|liste|content))*$")
_ITEM_ID = re.compile(r"(?:^|[-_])(?:comments?|kommentare?|komment|comentario|commentaire|cmt|"
                      r"c|reply|answer|message|msg|post)[-_]?(?:body[-_]|item[-_]|content[-_])?"
                      r"(\d+)(?:_\d+)?$|^(\d+)$", re.I)
_VOLATILE_TOKEN = re.compile(r"\d|^(?:even|odd|alt|first|last|parent|byuser|bypostauthor|"
                             r"highlander-comment|new|selected|active|open|closed|"
                             r"(?:is|has|thread|depth|comment-author|by)-.*)$")

_JUNK, _AUTHOR, _DATE, _TEXT, _META, _REPLIES, _ZONE, _CONTAINER = (1 << i for i in range(8))


@dataclass(frozen=True)
class _Marks:
    flags: int
    author_rank: int
    text_rank: int


@lru_cache(maxsize=8192)
def _marks_of(names_: str) -> _Marks:
    """What a class (or id) attribute says about its element; memoised, comments repeat them."""
    flags, author_rank, text_rank = 0, 9, 9
    for token in names_.lower().split():
        if token in _TEXT_EXACT or (_TEXT_TOKEN.search(token) and token != "comment-body"
                                    and not token.endswith(_TEXT_NOT)):
            text_rank = min(text_rank, 1)
        elif token in _TEXT_WEAK:
            text_rank = min(text_rank, 2)
        elif token in _JUNK_EXACT or _JUNK_TOKEN.search(token):
            flags |= _JUNK
        if token in _AUTHOR_RANK:
            author_rank = min(author_rank, _AUTHOR_RANK[token])
        elif _AUTHOR_TOKEN.search(token) and not re.search(r"avatar|url|link|bio|box", token):
            author_rank = min(author_rank, 4)
        if _DATE_TOKEN.search(token):
            flags |= _DATE
        if _META_TOKEN.search(token):
            flags |= _META
        if _REPLIES_TOKEN.search(token):
            flags |= _REPLIES
        if _ZONE_TOKEN.search(token):
            flags |= _ZONE
        if _CONTAINER_TOKEN.match(token):
            flags |= _CONTAINER
    if author_rank < 9:
        flags |= _AUTHOR
    if text_rank < 9:
        flags |= _TEXT
    return _Marks(flags, author_rank, text_rank)


def _marks(element: etree._Element) -> _Marks:
    return _marks_of(element.get("class") or "")


def _has(element: etree._Element, flag: int) -> bool:
    return bool(_marks_of(element.get("class") or "").flags & flag)


def _zone_flags(element: etree._Element) -> int:
    return _marks_of(element.get("class") or "").flags | _marks_of(
        (element.get("id") or "").replace("#", "")).flags


def _excluded(element: etree._Element) -> bool:
    """Inside a comment form, or in a sidebar / widget ("Recent comments") rather than in a
    comment section."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "form" or ancestor.get("id") == "respond":
            return True
        flags = _zone_flags(ancestor)
        if flags & _CONTAINER:
            return False
        if ancestor.tag == "aside" or flags & _ZONE:
            return True
    return False


# -- dates ------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
    "januar": 1, "jänner": 1, "jän": 1, "februar": 2, "märz": 3, "mrz": 3, "mai": 5,
    "juni": 6, "juli": 7, "okt": 10, "oktober": 10, "dez": 12, "dezember": 12,
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4,
    "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11,
    "grudnia": 12,
}
_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + ")"
_TIME = (r"(?:\s*(?:,|at|um|à|a las|às|alle|om|в|kl\.|-|–|\||@|/)?\s*"
         r"(\d{1,2})[:h](\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\b\.?)?)?")
_DATE_PATTERNS = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ,]+(\d{1,2}):(\d{2}))?")),
    ("ymd", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日" + _TIME)),
    ("dmy", re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b" + _TIME)),
    ("mdy", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b" + _TIME)),
    ("dMy", re.compile(r"\b(\d{1,2})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?" + _MONTH +
                       r"\.?,?\s+(?:de\s+)?(\d{4})\b" + _TIME, re.I)),
    ("Mdy", re.compile(_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b" + _TIME,
                       re.I)),
]
_RELATIVE_DATE = re.compile(
    r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
    r"\bvor\s+\d+\s+(?:sekunden|minuten|stunden?|tagen?|wochen?|monaten?|jahren?)\b|"
    r"\bil y a\s+\d+|\bhace\s+\d+|\b(?:yesterday|gestern|hier|ayer|today|heute)\b|"
    r"\d+\s*(?:分|時間|日)前|\d+\s+(?:минут|час|дн|недел|месяц)\w*\s+назад", re.I)


def _year(value: str) -> int:
    year = int(value)
    return year + (2000 if year < 70 else 1900) if year < 100 else year


def date_in(text: str | None) -> str | None:
    """The first date written in `text` ("14 May 2024 at 18:02", "05.03.2024, 10:14",
    "March 5, 2024", "2024年3月5日"), as ISO 8601 via `iso_date`; None when there is none."""
    if not text:
        return None
    text = text[:300]
    for kind, pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groups()
        if kind == "ymd":
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif kind == "dmy":
            day, month, year = int(groups[0]), int(groups[1]), _year(groups[2])
        elif kind == "mdy":
            month, day, year = int(groups[0]), int(groups[1]), _year(groups[2])
            if month > 12:
                month, day = day, month
        elif kind == "dMy":
            day, month, year = int(groups[0]), _MONTHS[groups[1].lower()], int(groups[2])
        else:
            month, day, year = _MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
        value = f"{year:04d}-{month:02d}-{day:02d}"
        if len(groups) > 4 and groups[3] is not None and groups[4] is not None:
            hour, minute = int(groups[3]), int(groups[4])
            meridiem = (groups[5] or "").lower() if len(groups) > 5 else ""
            hour += 12 if meridiem == "p" and hour < 12 else 0
            hour = 0 if meridiem == "a" and hour == 12 else hour
            if hour < 24 and minute < 60:
                value += f"T{hour:02d}:{minute:02d}:00"
        date = iso_date(value)
        if date:
            return date
    return None


def _is_dated(text: str) -> bool:
    return date_in(text) is not None or bool(_RELATIVE_DATE.search(text[:300]))


def _from_timestamp(value: str) -> str | None:
    """A Unix timestamp (Drupal's `data-comment-timestamp`) as ISO 8601 in UTC."""
    value = value.strip()
    if not value.isdigit() or not 9 <= len(value) <= 10:
        return None
    return datetime.fromtimestamp(int(value), tz=UTC).isoformat()


# -- text -------------------------------------------------------------------------------------

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "table", "tr", "td", "th",
    "figure", "hr", "center", "address", "details", "summary",
}
_JUNK_TAGS = {
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea",
    "svg", "img", "picture", "iframe", "object", "embed", "video", "audio", "canvas", "link",
    "meta", "nav", "dialog", "menu",
}
_SPACE = re.compile(r"[\s\u00a0\u200b\u2009\u202f\ufeff]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MODERATION = (r"(?:your|dein|ihr|votre|tu|il tuo) (?:comment|kommentar|commentaire|comentario|"
               r"commento) (?:is|muss|wird|est|está|è) (?:awaiting moderation|noch freigegeben "
               r"werden|noch moderiert|en attente de modération|pendiente de moderación|"
               r"in attesa di moderazione)\.?|this comment is awaiting moderation\.?")
_MODERATION_RE = re.compile(_MODERATION, re.I)
# Whole lines that are widgets, not words of the comment.
_JUNK_LINE = re.compile(
    r"\(?\s*(?:reply|antworten|antwort|répondre|repondre|responder|rispondi|beantworten|"
    r"ответить|返信|report|report comment|melden|signaler|edit|bearbeiten|modifier|editar|"
    r"quote|zitieren|citer|like|gefällt mir|j'aime|me gusta|share|teilen|partager|permalink|"
    r"cancel reply|log in to reply|login to reply|reply ↓|↓|↑|\d+\s*likes?|liked by \d+ "
    r"(?:person|people)|loading\.*|(?:says|sagt|schreibt|dit|dice|scrive|говорит)\s*:?|"
    + _MODERATION + r")\s*\)?", re.I)
_SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|schrieb|meint|dit|a écrit|écrit|dice|"
                   r"escribió|dijo|scrive|говорит|пишет)\s*:?\s*$", re.I)
_NOT_VERIFIED = re.compile(r"\s*\((?:not verified|nicht überprüft|nicht verifiziert|"
                           r"non vérifié|no verificado)\)\s*$", re.I)


def _is_junk(element: etree._Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag in _JUNK_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if tag == "a":
        href = element.get("href") or ""
        if "replytocom=" in href or href.endswith(("#respond", "#reply")):
            return True
    return _has(element, _JUNK)


def _paragraphs(root: etree._Element, skip: set | frozenset = frozenset(),
                items: set | frozenset = frozenset()) -> list[str]:
    """The text of `root` as paragraphs: block elements and blank lines (`<br><br>`) break
    them, one `<br>` breaks a line; junk, `skip` and the `items` inside `root` left out."""
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        for block in _PARAGRAPH_BREAK.split("".join(pieces)):
            lines = [line for line in (collapse(part) for part in block.split("\n")) if line]
            lines = [line for line in lines if not _JUNK_LINE.fullmatch(line)]
            text = _MODERATION_RE.sub("", "\n".join(lines)).strip()
            if text:
                paragraphs.append(text)
        pieces.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.tag in _BLOCKS:
                flush()
            if node is not root and node.tail:
                pieces.append(_SPACE.sub(" ", node.tail))
            continue
        if node is not root and (node in skip or node in items or _is_junk(node)):
            if node.tail:
                pieces.append(_SPACE.sub(" ", node.tail))
            continue
        if node.tag == "br":
            pieces.append("\n")
        elif node.tag in _BLOCKS:
            flush()
        if node.text:
            pieces.append(_SPACE.sub(" ", node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    flush()
    return paragraphs


def _inline_text(element: etree._Element, skip: set | frozenset = frozenset()) -> str:
    return collapse(" ".join(_paragraphs(element, skip)))


_STRING = etree.XPath("string()")


def _string(element: etree._Element) -> str:
    return collapse(_STRING(element))


# -- 3a. items the markup declares ------------------------------------------------------------

_CLASS_TOKEN = ("contains(concat(' ', translate(normalize-space(@class), 'COMENT', 'coment'),"
                " ' '), ' %s ')")
_MARKUP_ITEMS = etree.XPath(
    "//*[" + " or ".join(_CLASS_TOKEN % token for token in (
        "comment", "pingback", "trackback", "wc-comment", "wpd-comment", "comment-item",
        "comment_default", "js-comment"))
    + " or (self::li and (starts-with(@id, 'comment-') or starts-with(@id, 'li-comment-')))"
    " or (@itemscope and (contains(@itemtype, 'schema.org/Comment')"
    " or contains(@itemtype, 'schema.org/UserComments')))"
    " or (@data-comment-user-id and (self::article or self::div))]"
)
_ITEM_TAGS = {"li", "div", "article", "section", "dd", "p", "blockquote", "tr", "td", "aside",
              "details"}
_SKIPPED_ITEMS = re.compile(r"(?:^|\s)(?:pingback|trackback)(?:\s|$)", re.I)
_LISTS = {"ul", "ol", "dl"}


def _nearest(element: etree._Element, items: set) -> etree._Element | None:
    return next((a for a in element.iterancestors() if a in items), None)


def _list_between(inner: etree._Element, outer: etree._Element) -> bool:
    """A list or replies container sits between `inner` and its enclosing item `outer`."""
    for ancestor in inner.iterancestors():
        if ancestor is outer:
            return False
        if ancestor.tag in _LISTS or _has(ancestor, _REPLIES):
            return True
    return False


def _markup_items(root: etree._Element) -> list[etree._Element]:
    """Rule 3a: the elements the page's markup declares as comments, wrappers collapsed."""
    found = [e for e in _MARKUP_ITEMS(root) if e.tag in _ITEM_TAGS and not _excluded(e)]
    if not found:
        return []
    candidates = set(found)
    # An item inside another with no list between is the other's body when it is the only
    # one (`li.comment > article.comment`); when there are several, the outer one wraps them.
    bodies: dict[etree._Element, list[etree._Element]] = {}
    for element in found:
        outer = _nearest(element, candidates)
        if outer is not None and not _list_between(element, outer):
            bodies.setdefault(outer, []).append(element)
    dropped = set()
    for outer, inner in bodies.items():
        dropped.add(inner[0] if len(inner) == 1 else outer)
    return [e for e in found if e not in dropped
            and not _SKIPPED_ITEMS.search(e.get("class") or "")]


# -- 3c. generic: the repeated block of a comments container ---------------------------------

_HEADING = re.compile(
    r"^\W*(?:(?:\d[\d.,]*|one|no|ein|eine|keine|un|une|aucun|uno|una)\s+)?(?:comments?|"
    r"thoughts? on|responses?|replies|reactions?|kommentare?|leserkommentare|leserbriefe|"
    r"commentaires?|comentarios?|commenti|reacties|komentarze?|комментари\w*)\b|"
    r"^\W*(?:leave a (?:comment|reply)|schreibe einen kommentar|kommentar schreiben)|"
    r"^\W*(?:\d+\s*件の)?コメント", re.I)
_AUTHORISH = etree.XPath(
    "boolean(descendant::*[@itemprop='author' or self::cite or contains(@class, 'uthor')"
    " or contains(@class, 'utor') or contains(@class, 'name') or contains(@class, 'Name')"
    " or contains(@class, 'user') or contains(@class, 'User') or contains(@class, 'nick')])")
_HAS_TIME = etree.XPath("boolean(descendant::time or descendant::*[@datetime])")
_HEADING_TAGS_SET = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOT_CONTAINERS = {"html", "body", "form", "a", "span", "textarea", "input", "script", "button",
                   "label", "i", "em", "b", "strong", "img", "svg", "time", "p", "li", "option",
                   "select", "style", "link", "meta", "iframe", "h1"}


@lru_cache(maxsize=8192)
def _signature(tag: str, classes: str) -> str:
    tokens = sorted(t for t in classes.lower().split() if not _VOLATILE_TOKEN.search(t))
    return tag + "." + ".".join(tokens)


def _containers(signals: list) -> tuple[list[etree._Element], list[etree._Element]]:
    """Comments containers: elements named for comments, and the parents of comments
    headings; the outermost of nested ones. Returns (named containers, all containers)."""
    named, headed = [], []
    for element in signals:
        tag = element.tag
        if tag in _HEADING_TAGS_SET:
            parent = element.getparent()
            if parent is not None and parent.tag not in ("html", "body") and \
                    _HEADING.search(_string(element)[:200]) and not _excluded(element):
                headed.append(parent)
        elif tag not in _NOT_CONTAINERS and not _ITEM_ID.search(element.get("id") or "") and \
                _zone_flags(element) & _CONTAINER and not _zone_flags(element) & _ZONE and \
                not _excluded(element):
            named.append(element)
    everything = set(named) | set(headed)
    outermost = [e for e in dict.fromkeys([*named, *headed])
                 if not any(a in everything for a in e.iterancestors())]
    return [e for e in outermost if e in set(named)], outermost


def _looks_like_comment(element: etree._Element, signature: str) -> bool:
    text = _string(element)
    if len(text) < 15 or len(text) > 20_000:
        return False
    if not (_HAS_TIME(element) or _is_dated(text)):
        return False
    return bool(_WORD_RE.search(signature)) or _AUTHORISH(element)


def _generic_items(containers: list[etree._Element]) -> list[etree._Element]:
    """Rule 3c: the most common block of a comments container that reads as comments; a
    block that repeats among siblings (nested repeats are the replies)."""
    best: list[etree._Element] = []
    best_key: tuple[int, int] = (0, 0)
    for container in containers:
        siblings: dict[tuple[Any, str], int] = {}
        members: dict[str, list[etree._Element]] = {}
        stack = list(reversed(container))
        while stack:
            element = stack.pop()
            if not isinstance(element.tag, str) or element.tag in _JUNK_TAGS or \
                    element.get("id") == "respond":
                continue
            signature = _signature(element.tag, element.get("class") or "")
            key = (element.getparent(), signature)
            siblings[key] = siblings.get(key, 0) + 1
            members.setdefault(signature, []).append(element)
            stack.extend(reversed(element))
        repeated = {signature for (_, signature), n in siblings.items() if n >= 2}
        for signature, elements in members.items():
            if elements[0].tag not in _ITEM_TAGS or elements[0].tag == "p":
                continue
            single = len(elements) == 1 and bool(_WORD_RE.search(signature))
            if signature not in repeated and not single:
                continue
            good = [e for e in elements if _looks_like_comment(e, signature)]
            if not good or len(good) * 2 < len(elements) or (len(good) < 2 and not single):
                continue
            key2 = (len(good), -sum(1 for _ in good[0].iterancestors()))
            if key2 > best_key:
                best, best_key = good, key2
    return best


# -- 4. the fields of an item -----------------------------------------------------------------

_DATE_ITEMPROPS = {"datecreated", "datepublished", "commenttime", "uploaddate", "datemodified"}
_PARENT_ATTRIBUTES = ("data-parent-id", "data-parent", "data-parentid",
                      "data-parent-comment-id", "data-reply-to", "data-in-reply-to")
_ID_ATTRIBUTES = ("data-comment-id", "data-commentid", "data-comment", "data-id", "itemid")
_FRAGMENT_ID = re.compile(r"#(?:comment|c|kommentar|comentario|commentaire|cmt)[-_]?(\d+)$",
                          re.I)
_REPLY_TO = re.compile(r"[?&]replytocom=(\d+)")


@dataclass
class _Read:
    element: etree._Element | None
    comment_id: str | None
    parent_ref: str | None
    author: str | None
    author_url: str | None
    published: str | None
    text: str


def _id_from_ref(value: Any) -> str | None:
    """A comment id out of an `@id` / `identifier` / URL / attribute value."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("identifier") or value.get("url")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    fragment = value.rsplit("#", 1)[1] if "#" in value else value
    match = _ITEM_ID.search(fragment)
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
        if sibling.tag == "a" and not _string(sibling):
            match = _ITEM_ID.search(sibling.get("id") or sibling.get("name") or "")
            return (match.group(1) or match.group(2)) if match else None
        if sibling.tag not in ("mark", "span"):
            return None
        sibling = sibling.getprevious()
    return None


def _date_of(element: etree._Element) -> str | None:
    for attribute in ("datetime", "content", "title", "data-datetime", "data-date"):
        value = (element.get(attribute) or "").strip()
        if value:
            date = iso_date(value) if len(value) < 40 and not value.isdigit() else None
            date = date or date_in(value)
            if date:
                return date
    stamp = element.get("data-comment-timestamp") or element.get("data-timestamp")
    if stamp:
        return _from_timestamp(stamp)
    return date_in(_inline_text(element))


def _clean_author(name: str) -> str | None:
    name = _NOT_VERIFIED.sub("", _SAYS.sub("", collapse(name))).strip(" :|-–—·,")
    name = re.sub(r"^(?:by|von|par|por|от)\s+", "", name, flags=re.I)
    return name if 0 < len(name) <= 100 else None


def _own_id(item: etree._Element) -> str | None:
    match = _ITEM_ID.search(item.get("id") or "")
    if match:
        return match.group(1) or match.group(2)
    for attribute in _ID_ATTRIBUTES:
        comment_id = _id_from_ref(item.get(attribute))
        if comment_id:
            return comment_id
    return None


def _read_item(item: etree._Element, items: set, url: str) -> _Read:
    """Rule 4: the fields of one item, from its own elements (nested items left out)."""
    author_el, author_rank = None, 9
    text_el, text_rank = None, 9
    dates: list[tuple[int, int, etree._Element]] = []
    furniture: list[etree._Element] = []
    parent_ref = next((item.get(a) for a in _PARENT_ATTRIBUTES if item.get(a)), None)
    inner_ids: list[str] = []
    links: list[etree._Element] = []
    stack = list(reversed(item))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element in items:
            continue
        itemprop = (element.get("itemprop") or "").lower()
        if element.get("datetime") or itemprop in _DATE_ITEMPROPS:
            dates.append((0, len(dates), element))
        elif element.get("data-comment-timestamp"):
            dates.append((3, len(dates), element))
        if itemprop == "parentitem" and parent_ref is None:
            parent_ref = element.get("href") or element.get("content") or \
                element.get("itemid") or _string(element)
        elif itemprop in ("url", "identifier"):
            inner_ids.append(element.get("href") or element.get("content") or _string(element))
        for attribute in ("id", "name", "data-comment-id", "data-commentid"):
            if element.get(attribute):
                inner_ids.append(element.get(attribute) or "")
        if element.tag == "a" and element.get("href"):
            links.append(element)
        if _is_junk(element):
            continue
        marks = _marks(element)
        if itemprop in ("author", "creator"):
            rank = 1
        elif itemprop == "name" and author_rank == 1 and author_el in element.iterancestors():
            rank = 0
        elif marks.flags & _AUTHOR:
            rank = marks.author_rank
        else:
            rank = 5 if element.tag == "cite" else 9
        if rank < author_rank:
            author_el, author_rank = element, rank
        rank = 0 if itemprop in ("text", "commenttext", "reviewbody") else marks.text_rank
        if rank < text_rank:
            text_el, text_rank = element, rank
        if marks.flags & _DATE and element.tag != "time":
            dates.append((1 if element.tag == "a" or element.get("title") else 2, len(dates),
                          element))
        if marks.flags & (_META | _AUTHOR | _DATE) or element.tag in ("header", "footer",
                                                                      "time"):
            furniture.append(element)
        stack.extend(reversed(element))

    author = author_url = None
    if author_el is not None:
        author = _clean_author(_inline_text(author_el))
        link = author_el if author_el.tag == "a" else next(
            (a for a in author_el.iter("a") if a.get("href")), None)
        parent = author_el.getparent()
        if link is None and parent is not None and parent.tag == "a":
            link = parent
        href = (link.get("href") or "").strip() if link is not None else ""
        if href and not href.startswith(("#", "javascript:", "mailto:")) and \
                "replytocom" not in href:
            author_url = absolute_url(url, href)

    published = date_el = None
    for _, _, element in sorted(dates, key=lambda entry: entry[:2]):
        if text_el is not None and text_el in element.iterancestors():
            continue  # a date written in the comment is not the comment's date
        published = _date_of(element)
        if published:
            date_el = element
            break

    # Cut the header: the author, the date and the elements made of little else.
    cut = {e for e in (author_el, date_el) if e is not None}
    removed: set = set()
    for element in furniture:
        if element is text_el or element in cut or (
                text_el is not None and element in text_el.iterancestors()) or \
                any(a in removed for a in element.iterancestors()):
            continue
        if len(_inline_text(element, cut)) < 25:
            removed.add(element)
    skip = cut | removed
    paragraphs = _paragraphs(text_el if text_el is not None else item, skip, items)
    if not paragraphs:
        paragraphs = _paragraphs(item, cut, items)
    if published is None:
        # The visible date, wherever the header writes it.
        for element in furniture:
            published = date_in(_inline_text(element))
            if published:
                break
    comment_id = _own_id(item) or next(
        (m.group(1) or m.group(2) for m in map(_ITEM_ID.search, inner_ids) if m), None) or \
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
        comment_id = next(filter(None, map(_id_from_ref, inner_ids)), None)
    return _Read(item, comment_id, _id_from_ref(parent_ref) if parent_ref else None, author,
                 author_url, published, "\n\n".join(paragraphs))


def _fallback_id(article_url: str, author: str | None, published: str | None, text: str) -> str:
    """A stable id for a comment without one: the article, the author, the date, the text."""
    key = "\n".join((canonicalize(article_url), author or "", published or "", text))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- 5. threading -----------------------------------------------------------------------------


def _thread_parent(element: etree._Element, items: set) -> etree._Element | None:
    """The enclosing item, or the item just before the replies container that holds this."""
    for ancestor in element.iterancestors():
        if ancestor in items:
            return ancestor
        replies = _has(ancestor, _REPLIES)
        if ancestor.tag not in _LISTS and not replies:
            continue
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


def _build(reads: list[_Read], article_url: str) -> list[Comment]:
    """Ids, threading and positions for the items that hold some text."""
    reads = [read for read in reads if read.text]
    for read in reads:
        read.comment_id = read.comment_id or _fallback_id(article_url, read.author,
                                                          read.published, read.text)
    by_element = {read.element: read for read in reads}
    elements = set(by_element)
    comments: list[Comment] = []
    depth_of: dict[str, int] = {}
    for read in reads:
        comment_id = read.comment_id or ""
        if comment_id in depth_of:
            continue  # the same comment twice ("Top comments" and the thread)
        if read.parent_ref is not None:
            parent_id = read.parent_ref if read.parent_ref not in ("", "0", comment_id) else None
        else:
            parent = _thread_parent(read.element, elements) if read.element is not None else None
            parent_id = by_element[parent].comment_id if parent is not None else None
        depth = depth_of.get(parent_id, 0) + 1 if parent_id is not None else 0
        depth_of[comment_id] = depth
        comments.append(Comment(comment_id=comment_id, parent_id=parent_id, author=read.author,
                                author_url=read.author_url, published=read.published,
                                text=read.text, position=len(comments), depth=depth))
    return comments


# -- 3b. JSON-LD ------------------------------------------------------------------------------

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _ld_text(value: Any) -> str:
    text = value if isinstance(value, str) else " ".join(text_values(value))
    if _HTML_TAG.search(text):
        try:
            fragment = html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            return collapse(_HTML_TAG.sub(" ", text))
        return "\n\n".join(_paragraphs(fragment))
    blocks = (collapse(block) for block in _PARAGRAPH_BREAK.split(text.replace("\r", "")))
    return "\n\n".join(block for block in blocks if block)


def _is_comment_node(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kinds = node.get("@type") or []
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    lowered = {str(kind).lower() for kind in kinds}
    return bool(lowered & {"comment", "answer"}) or (not lowered and "text" in node)


def _json_ld_reads(objects: list[dict], url: str, article_url: str) -> list[_Read]:
    """Rule 3b: every Comment in the `comment` trees of the page's JSON-LD, in tree order."""
    reads: list[_Read] = []
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
        author_value = author_value[0] if isinstance(author_value, list) and author_value \
            else author_value
        author_names = names(author_value)
        href = author_value.get("url") if isinstance(author_value, dict) else None
        published = next(filter(None, (iso_date(v) for key in ("dateCreated", "datePublished")
                                       for v in text_values(node.get(key)))), None)
        comment_id = next(filter(None, (_id_from_ref(node.get(key))
                                        for key in ("@id", "identifier", "url"))), None)
        explicit = _id_from_ref(node.get("parentItem"))
        read = _Read(None, comment_id, parent_id or explicit,
                     _clean_author(author_names[0]) if author_names else None,
                     absolute_url(url, href) if isinstance(href, str) and href else None,
                     published, _ld_text(node.get("text") or node.get("commentText") or ""))
        if not read.text:
            continue
        reads.append(read)
        read.comment_id = read.comment_id or _fallback_id(article_url, read.author, published,
                                                          read.text)
        replies = node.get("comment")
        replies = replies if isinstance(replies, list) else [replies] if replies else []
        stack.extend((reply, read.comment_id) for reply in reversed(replies))
    return reads


def _as_int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value < 100_000_000 else None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 9:
        return int(value.strip())
    return None


def _ld_count(objects: list[dict]) -> int | None:
    for obj in objects:
        value = obj.get("commentCount")
        for candidate in [value, *text_values(value)]:
            number = _as_int(candidate)
            if number is not None:
                return number
    return None


# -- 6. the section: open, count, other pages -------------------------------------------------

_FORMS = etree.XPath(
    "//*[@id='respond' or @id='commentform' or @id='comment-form' or @id='comments-form'"
    " or contains(@class, 'comment-respond') or contains(@class, 'comment-form')"
    " or contains(@class, 'wp-block-post-comments-form') or contains(@class, 'commentform')"
    " or (self::form and (contains(@action, 'comment') or contains(@id, 'comment')"
    " or contains(@class, 'comment') or contains(@action, 'kommentar')))"
    " or (self::textarea and (@name='comment' or contains(@id, 'comment')"
    " or contains(@name, 'comment') or contains(@name, 'kommentar')))]")
_HAS_FORM = etree.XPath("boolean(descendant-or-self::*[self::form or self::textarea"
                        " or self::iframe])")
_OPEN_PHRASE = re.compile(
    r"^\W*(?:leave|post|write|add|submit) (?:a |your |new )?(?:comment|reply|response)|"
    r"schreibe? einen kommentar|kommentar (?:schreiben|verfassen|hinzufügen|abgeben)|"
    r"hinterlasse einen kommentar|(?:laisser|laissez|ajouter|écrire) un commentaire|"
    r"(?:deja|dejar|escribe|escribir|añadir|agregar) un comentario|lascia un commento|"
    r"(?:оставить|оставьте|добавить|написать) комментарий|コメントを(?:残す|書く|投稿)|"
    r"^コメントする|geef een reactie|reactie plaatsen", re.I)
_CLOSED = re.compile(
    r"comments? (?:are|is) (?:now )?(?:closed|disabled|turned off|switched off|not (?:allowed|"
    r"available|enabled|open))|commenting (?:is|has been) (?:now )?(?:closed|disabled|"
    r"turned off)|comments (?:have been )?(?:closed|disabled|turned off) (?:for|on)|"
    r"^\W*comments (?:closed|off)\W*$|"
    r"kommentare (?:sind|wurden) (?:geschlossen|deaktiviert)|kommentarfunktion (?:ist|wurde) "
    r"(?:geschlossen|deaktiviert)|kommentare geschlossen|"
    r"les commentaires sont (?:fermés|clos|désactivés)|commentaires fermés|"
    r"los comentarios están (?:cerrados|desactivados)|comentarios cerrados|"
    r"комментарии (?:закрыты|отключены)|i commenti sono (?:chiusi|disabilitati)|"
    r"commenti chiusi|reacties zijn gesloten|コメントは(?:受け付けていません|締め切られました)",
    re.I)
_CLOSED_TEXT = etree.XPath(
    "//text()[contains(., 'losed') or contains(., 'isabled') or contains(., 'urned off')"
    " or contains(., 'witched off') or contains(., 'not allowed') or contains(., 'omments off')"
    " or contains(., 'eschlossen') or contains(., 'eaktiviert') or contains(., 'ermés')"
    " or contains(., 'clos') or contains(., 'errados') or contains(., 'esactivados')"
    " or contains(., 'закрыты') or contains(., 'отключены') or contains(., 'hiusi')"
    " or contains(., 'isabilitati') or contains(., 'esloten') or contains(., 'コメントは')]"
    "[not(ancestor::script or ancestor::style)]")
_CLOSED_CLASSES = etree.XPath(
    "//*[contains(@class, 'comments-closed') or contains(@class, 'comments-disabled')"
    " or contains(@class, 'comment-closed') or contains(@class, 'nocomments')"
    " or contains(concat(' ', @class, ' '), ' no-comments ') or contains(@class, 'comments-off')]"
    "[not(self::body or self::html or self::article)]")
_OPEN_TEXT = etree.XPath(
    "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::a"
    " or self::button or self::label or self::legend or self::summary]"
    "[contains(., 'omment') or contains(., 'eply') or contains(., 'omentar')"
    " or contains(., 'ommento') or contains(., 'омментари') or contains(., 'コメント')"
    " or contains(., 'eactie')]")


def _open_state(root: etree._Element) -> bool | None:
    """True when the page offers a comment form, False when it says comments are closed."""
    for element in _FORMS(root):
        if element.tag in ("form", "textarea") or _HAS_FORM(element):
            return True
        text = _string(element)
        if text and not _CLOSED.search(text) and not _excluded(element):
            return True
    for node in _CLOSED_TEXT(root):
        parent = node.getparent()
        text = _string(parent) if parent is not None else collapse(str(node))
        if len(text) < 300 and _CLOSED.search(text):
            return False
    for element in _CLOSED_CLASSES(root):
        if not _OPEN_PHRASE.search(_string(element)):
            return False
    for element in _OPEN_TEXT(root):
        text = _string(element)
        if len(text) < 80 and _OPEN_PHRASE.search(text) and not _excluded(element):
            return True
    return None


_NUMBER = r"(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+)"
_COUNT_WORDS = (r"(?:comments?|thoughts?|responses?|replies|reactions?|kommentare?|"
                r"leserkommentare|commentaires?|comentarios?|commenti|comentários|reacties|"
                r"komentarz\w*|комментари\w*|отзыв\w*|antworten|gedanken|réponses?|respuestas?|"
                r"risposte)")
_COUNTS = [
    re.compile(_NUMBER + r"\s*" + _COUNT_WORDS + r"\b", re.I),
    re.compile(_COUNT_WORDS + r"\s*[(\[:]\s*" + _NUMBER + r"\s*[)\]]?", re.I),
    re.compile(_NUMBER + r"\s*件(?:の)?コメント|コメント\s*[（(]?\s*" + _NUMBER),
]
_ONE = re.compile(r"^\W*(?:one|ein|eine|einen|un|une|uno|una|один|одна)\s+(?:comment|thought|"
                  r"response|reply|reaction|kommentar|gedanke|gedanken|antwort|commentaire|"
                  r"réponse|comentario|respuesta|commento|risposta|комментарий)", re.I)
_NONE = re.compile(r"^\W*(?:no|keine|aucun|sin|nessun|нет)\s+(?:comments?|thoughts?|"
                   r"responses?|replies|kommentare|antworten|commentaires?|comentarios?|"
                   r"commenti|комментариев)", re.I)
_TITLES = etree.XPath(
    "//*[contains(@class, 'comments-title') or contains(@class, 'comment-title')"
    " or contains(@class, 'comments-count') or contains(@class, 'comment-count')"
    " or contains(@class, 'wp-block-comments-title') or @id='comments-title'"
    " or contains(@class, 'comments-heading') or contains(@class, 'comment-heading')]"
    "[not(ancestor::form)]")
_COUNT_LINKS = etree.XPath(
    "//a[contains(@href, '#comments') or contains(@href, '#respond')"
    " or contains(@href, '#disqus_thread') or contains(@class, 'comments-link')]"
    " | //*[contains(@class, 'comments-link')]//a")
_ITEMPROP_COUNT = etree.XPath("//*[@itemprop='commentCount' or @itemprop='interactionCount']")


def count_in(text: str) -> int | None:
    """The number of comments a title or heading states: "3 thoughts on “X”", "Comments (3)",
    "Ein Kommentar", "No comments", "コメント 3件"; None when it states none."""
    text = collapse(text)
    if not text or len(text) > 250:
        return None
    for pattern in _COUNTS:
        match = pattern.search(text)
        if match:
            digits = next(group for group in match.groups() if group)
            return int(re.sub(r"\D", "", digits)[:9])
    if _ONE.search(text):
        return 1
    if _NONE.search(text):
        return 0
    return None


def _stated_count(root: etree._Element, signals: list, containers: list,
                  objects: list[dict], url: str) -> int | None:
    """Rule 6: the count the comments heading states, then JSON-LD / microdata, then a
    "3 Comments" link to the page's own comments."""
    in_section = set(containers)
    headings = [e for e in signals if e.tag in _HEADING_TAGS_SET and e.tag != "h1" and (
        e.getparent() in in_section or any(a in in_section for a in e.iterancestors()))]
    for element in [*_TITLES(root), *headings]:
        number = count_in(_string(element))
        if number is not None and not _excluded(element):
            return number
    number = _ld_count(objects) if objects else None
    if number is not None:
        return number
    for element in _ITEMPROP_COUNT(root):
        value = element.get("content") or _string(element)
        if element.get("itemprop") == "interactionCount":
            match = re.search(r"(?:UserComments|Comments?)\D*(\d+)", value)
            value = match.group(1) if match else ""
        number = _as_int(value)
        if number is not None:
            return number
    current = canonicalize(url)
    for link in _COUNT_LINKS(root):
        href = link.get("href") or ""
        target = absolute_url(url, href) if href else None
        if target and canonicalize(target) == current and not _excluded(link):
            number = count_in(_string(link))
            if number is not None:
                return number
    return None


_PAGER_LINKS = etree.XPath(
    "//*[contains(@class, 'comment-navigation') or contains(@class, 'comments-navigation')"
    " or contains(@class, 'comment-pagination') or contains(@class, 'comments-pagination')"
    " or contains(@class, 'comment-nav') or contains(@class, 'comments-nav')"
    " or starts-with(@id, 'comment-nav') or starts-with(@id, 'comments-nav')"
    " or contains(@class, 'comment-pager') or contains(@class, 'comments-pager')"
    " or contains(@class, 'commentnavi') or contains(@class, 'wp-paginate-comments')]//a[@href]"
    " | //a[contains(@href, '/comment-page-') or contains(@href, 'cpage=')]")
_CONTAINER_PAGER = etree.XPath(
    "descendant::*[contains(@class, 'pager') or contains(@class, 'pagination')"
    " or contains(@class, 'page-numbers') or contains(@class, 'nav-links')]"
    "[not(ancestor-or-self::form)]//a[@href]")


def _page_urls(root: etree._Element, url: str, containers: list) -> list[str]:
    """Rule 6: the comment section's other pages, absolute, in page order, once each."""
    links = [*_PAGER_LINKS(root), *(a for c in containers for a in _CONTAINER_PAGER(c))]
    seen = {canonicalize(url)}
    pages = []
    for link in links:
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")) or "replytocom" in href:
            continue
        absolute = absolute_url(url, href)
        if not absolute or not absolute.startswith(("http://", "https://")):
            continue
        absolute = urldefrag(absolute)[0]
        key = canonicalize(absolute)
        if key not in seen:
            seen.add(key)
            pages.append(absolute)
    return pages


# -- the rules together -----------------------------------------------------------------------


def find_comments(page: Selector, url: str, article_url: str | None = None) -> CommentSection:
    """The comment section of `page`, saved from `url`. `article_url` (default `url`) is the
    article the comments belong to: ids of comments without one of their own hash it."""
    root = getattr(page, "root", None)
    if not isinstance(root, etree._Element):
        return CommentSection()
    article_url = article_url or url
    signals = _SIGNALS(root)
    provider = _provider(root)
    has_ld = bool(_LD_WITH_COMMENTS(root))
    if not signals and provider is None and not has_ld:
        return CommentSection()

    objects = json_ld_objects(page) if has_ld else []
    named, containers = _containers(signals) if signals else ([], [])
    comments: list[Comment] = []
    items = _markup_items(root) if signals else []
    if items:
        item_set = set(items)
        comments = _build([_read_item(item, item_set, url) for item in items], article_url)
    if not comments and objects:
        comments = _build(_json_ld_reads(objects, url, article_url), article_url)
    if not comments and containers:
        items = _generic_items(containers)
        item_set = set(items)
        comments = _build([_read_item(item, item_set, url) for item in items], article_url)
    return CommentSection(
        comments=comments,
        open=_open_state(root),
        count=_stated_count(root, signals, containers, objects, url),
        provider=provider,
        page_urls=_page_urls(root, url, named) if signals else [],
    )
