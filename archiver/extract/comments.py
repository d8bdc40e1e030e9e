"""Comment sections: the comments a page shows, threaded, and the state of the section.

Order of rules:

1. Cheap signals first: one pass over headings, scripts, iframes and forms, one XPath over
   attribute values mentioning "comment" (classes, ids, itemprop / itemtype / RDFa, comment-page
   links) and over classes and itemtypes naming reviews. A page where none of it concerns
   comments is done (well under a millisecond).
2. Provider: the first script-loaded comment system in page order: Disqus, Facebook, Commento,
   Hyvor Talk, Coral, Giscus, utterances, Remark42, Isso, Viafoura, OpenWeb / Spot.IM,
   IntenseDebate, Livefyre (script sources, inline embed snippets, their placeholders).
3. Comment items; the first rule that yields comments wins:
   a. markup that declares comments: WordPress classic and block themes (`li.comment`,
      `li#comment-N`, `div.comment.depth-N`), Drupal (`article.comment`), Blogger, wpDiscuz,
      schema.org `Comment` microdata and RDFa, any block whose class is the bare word
      "comment". An item that only wraps another's body (`li.comment > article.comment`) gives
      way to it; a block wrapping several items with no words of its own is no item; a
      `comment-content` part, pingbacks and trackbacks, items in a sidebar, widget, page
      footer, "Recent comments" box or dialog, and items holding the comment form are left out.
      Readers' reviews in shops and blogs too (Judge.me, Yotpo, Stamped.io, Shopify Product
      Reviews, WooCommerce, schema.org `Review`): a block whose class is `review` / `*-review` /
      `*-rev` or a `Review` item, in a container naming reviews (`*-reviews`, `#reviews`, not
      `category-reviews`), with a rating or a body, and the shop's reply inside one
      (`*-rev__reply`); not when that container holds the page's `h1`, `headline` or
      `articleBody` or the block's headings link elsewhere: a review article or teasers;
   b. JSON-LD: the `comment` trees of the page's objects (`@graph` included);
   c. generic: in a comments container (an element whose class or id names the comments, or
      the blocks after a heading such as "3 Comments", "Leave a Comment", "Kommentare",
      "Commentaires", "Comentarios", "Комментарии", "コメント"), the block that repeats among
      siblings (same tag and first lasting class) and holds some text that is not mostly
      links, a date (`<time>`, date-like or relative text) and, unless its class names
      comments, an author-ish element; nested repeats are the replies.
4. Fields, from an item's own elements (nested items left out):
   - id: the item's own id (`comment-123`, `li-comment-123`, `c123`, `cid-123`,
     `spr-review-123`), then `data-comment-id` / `data-review-id` / microdata `itemid`, an id
     inside it (`div-comment-123`), the empty Drupal anchor `a#comment-123` before it, its
     `replytocom=` / `#comment-123` links, microdata `url` / `identifier`; else sha1 of the
     canonical article URL, author, date and text (16 hex);
   - author: microdata / RDFa `author` > `name`, `.fn` and kin, `*author*` / `*user*` / `*name*`
     classes, `<cite>`, a byline's first bold name; without "says:", "by" and "(not
     verified)"; its link, made absolute;
   - published: `datetime` / microdata `dateCreated` / `datePublished` attributes, date-classed
     elements (their `title` or `data-content`, else their text), Drupal's
     `data-comment-timestamp`, a short leaf that is a date, then a date in the header's text;
     written in English, German, French, Spanish, Italian, Dutch, Portuguese, Russian, Polish
     or Japanese, ISO 8601 out;
   - text: microdata / RDFa `text` / `reviewBody`, Drupal's body field, the `comment-content`
     family of classes (`review-content`, `jdgm-rev__body` too), else the item itself; in both
     without the header (the author, the date and the blocks made of little else);
     paragraphs joined by a blank line, `<br>` a line break; reply / edit / report / vote /
     like / share widgets, avatars, "says:", hidden text and moderation notes left out. A
     title the commenter gave it (a heading or a `comment-title` / `*__subject` element of
     the item's own, before the text part and outside it and the header) comes first, unless
     the text starts with it (Drupal's subject made of the body's first words, "…" or not).
5. Threading: an explicit parent (`data-parent-id`, microdata / JSON-LD `parentItem`), else the
   nearest enclosing item, else the item just before the replies container (`div.indented`,
   `.children`, `.replies`, a list) that holds it, else for flat lists the last item a level
   up by its `depth-N` / `level-N` / `--indented` class. Depth follows the parent.
6. The section: `open` is True for a comment form (`#respond`, `form.comment-form`, a form or
   textarea named for comments, a "Leave a Reply" / "Kommentar schreiben" heading), False for
   a "comments are closed" notice (EN, DE, FR, ES, IT, NL, RU, JA), None otherwise; `count` is
   the number the comments title / heading states ("3 thoughts on", "Comments (3)", "Ein
   Kommentar"), else JSON-LD / microdata `commentCount`, else a "3 Comments" link to the page
   itself; `page_urls` are the comment pagination links of this article (`comment-page-N`,
   `cpage=N`, pagers inside the comments container), absolute, once each, without this page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlsplit

from lxml import etree, html
from parsel import Selector

from ..dedupe import absolute_url, canonicalize
from ..items import Comment
from .metadata import iso_date
from .structured import json_ld_objects
from .text import collapse

__all__ = ["CommentSection", "count_in", "date_in", "find_comments"]


@dataclass
class CommentSection:
    comments: list[Comment] = field(default_factory=list)  # in page order
    open: bool | None = None  # a form is offered (True) / the page says closed (False)
    count: int | None = None  # the count the page states, None if it states none
    provider: str | None = None  # a script-loaded comment system, e.g. "disqus"
    page_urls: list[str] = field(default_factory=list)  # the section's other pages


# -- classes and ids --------------------------------------------------------------------------

_WORD = (r"(?:comments?|kommentare?|komment|comentarios?|commentaires?|commento|commenti|"
         r"leserbrief\w*|leserpost|reactions?|discussion)")
_WORD_RE = re.compile(_WORD)
# Class tokens (lower case) of widgets inside a comment: not words of the comment.
_JUNK_EXACT = {"hidden", "screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden",
               "is-hidden", "says", "edit-link", "comment-edit-link", "comment-reply-link",
               "reply-link", "replylink", "comment-awaiting-moderation", "element-invisible"}
# A token is junk when its first or last segment is one of these words ("comment-reply",
# "reply-link", "vote-up"), not when the word sits inside ("js-comment-edit-hide").
_JUNK_WORD = (r"(?:reply|says|avatars?|gravatar|userpic|moderation|edit|votes?|voting|like|"
              r"likes|liked|rating|ratings|report|flag|actions?|tools|toolbar|share|sharing|"
              r"karma|thumbs|upvote|downvote|badge|score|points|reactions)")
_JUNK_TOKEN = re.compile(rf"^{_JUNK_WORD}(?:$|[-_])|[-_]{_JUNK_WORD}$|"
                         r"commentreply|replybutton|likebutton|replylink")
_AUTHOR_RANK = {
    "fn": 2, "wp-block-comment-author-name": 2, "comment__author": 2, "comment-author-name": 2,
    "username": 2, "comment-username": 2, "author-name": 2, "authorname": 2, "commenter": 2,
    "comment-author": 3, "author": 3, "autor": 3, "name": 3, "user": 3, "user-name": 3,
    "nickname": 3, "nick": 3, "comment_author": 3, "field--name-uid": 3, "comment-name": 3,
    "commentname": 3,
}
_AUTHOR_TOKEN = re.compile(r"author|autor|auteur|user-?name|username|nick|commenter|verfasser|"
                           r"benutzer|nutzer|usuario|utente|pseudo|"
                           r"(?:^|[-_])(?:name|user|poster|nombre|nome)$|[a-z](?:name|user)$")
_NOT_AUTHOR = re.compile(r"avatar|img|image|pic|photo|(?:author|autor|user|name)[-_]*(?:box|bio|"
                         r"url|link|info|card|desc)")
# ("stamped-review" is Stamped.io's, no timestamp)
_DATE_TOKEN = re.compile(r"date|time|datum|zeit|fecha|stamp(?!ed)|posted|published|submitted|"
                         r"meta|when|(?:^|[-_])ago(?:$|[-_])")
# Text classes, most specific first: Drupal's body field, then the comment-content family.
_TEXT_BODY = {"field--name-comment-body", "field-name-comment-body"}
_TEXT_EXACT = {"wp-block-comment-content", "comment__content", "comment__body", "comment__text",
               "comment-copy", "comment-story", "comment-entry", "commentbody", "comment_body"}
_TEXT_TOKEN = re.compile(r"(?:comment|kommentar|komment|comentario|commentaire|commento|reply|"
                         r"message|msg|post|answer|review|(?<![a-z])rev)s?[-_]*(?:content|text|"
                         r"texte|txt|message|copy|story|entry|body)")
_TEXT_NOT = ("-button", "-link", "-count", "-form", "-title", "-field", "-input", "-label",
             "-toggle", "-icon", "-meta")
_TEXT_WEAK = {"content", "text", "body", "message", "entry", "entry-content", "description",
              "copy", "comment", "txt", "e-content", "comment-body"}
# Reader reviews in shops and blogs: a review (Judge.me "jdgm-rev", "yotpo-review",
# "spr-review", schema.org `Review`), the shop's reply inside one ("jdgm-rev__reply",
# "stamped-review-reply"), a container naming reviews ("jdgm-rev-widg__reviews", "#reviews";
# not a post's category, "category-reviews").
_REVIEW_CLASS = re.compile(r"(?:^|[\s_-])(?:review|rev)(?:\s|$)", re.I)
_REVIEW_REPLY_CLASS = re.compile(r"(?:^|[\s_-])(?:review|rev)[-_]+(?:reply|response)(?:\s|$)",
                                 re.I)
_REVIEW_TYPE = re.compile(r"schema\.org/(?:User)?Review(?:\s|$)")
_REVIEWS_TOKEN = re.compile(r"^(?!category-|tag-|post-|format-|type-).*reviews")
# The title a commenter gave the comment ("comment-title", "comment__subject"), not the
# author's title ("user-title": "Moderator") nor the article's ("entry-title").
_SUBJECT_TOKEN = re.compile(r"(?:^|[-_])(?:title|subject|headline)$")
_NOT_SUBJECT = re.compile(r"(?:user|author|member|rank|job|entry|post|page|site|widget|section|"
                          r"product|prod|article|form|reply)[-_]*(?:title|subject|headline)$")
_META_TOKEN = re.compile(r"(?:^|[-_])(?:meta|metadata|commentmetadata|info|header|heading|"
                         r"footer|byline|vcard|details|head|author|user|date|time)(?:$|[-_])")
_REPLIES_TOKEN = re.compile(r"(?:^|[-_])(?:children|child|replies|indented|answers|nested|"
                            r"sub-?comments?|subthread|thread-replies|comment-replies)"
                            r"(?:$|[-_])")
# Sidebars, widgets, page footers, "Recent comments" boxes (not `tag-popular` post classes).
_LATEST = r"(?:recent|latest|aktuelle|neueste|letzte|derniers|ultimos|popular|most|top)"
_ZONE_TOKEN = re.compile(rf"^(?!tag-|category-|post-|format-|type-)(?:(?!.*{_WORD}).*(?:widget|"
                         r"sidebar)|secondary$|aside$|(?:site-|page-)?footer$|colophon$|"
                         rf".*{_LATEST}[-_]*(?:[a-z]+[-_]+)?{_WORD}|.*{_WORD}[-_]*{_LATEST}|"
                         r"(?:modal|dialog|popup|lightbox|overlay)(?:$|[-_]))")
# A comments container: a plural or a comment word with a container word ("comment-list"),
# not a part of one comment ("comments-title", "comment-content", "comments-link").
_CONTAINER_TOKEN = re.compile(
    r"comments|kommentare|komments|comentarios|commentaires|commenti|commentlist|leserbriefe|"
    r"leserkommentare|reactions|discussion|disqus_thread|"
    r"(?:comment|kommentar|comentario|commentaire)[-_]*(?:list|section|area|thread|container|"
    r"block|box|holder|module|modul|zone|panel|stream|wrap|wrapper|outer|bereich|liste|links|"
    r"entries|items|main)")
_PART_TOKEN = re.compile(r"(?:text|texte|txt|content|body|author|date|time|meta|form|reply|"
                         r"respond|count|counter|number|num|link|button|btn|icon|title|heading|"
                         r"header|avatar|action|actions|vote|like|rating|score|edit|quote|input|"
                         r"field|label|toggle|trigger|notice|login|policy|rules|subscribe|feed|rss|"
                         r"closed|open|off|disabled|count|item|single)$")
_ITEM_TOKENS = {"comment", "pingback", "trackback", "wc-comment", "wpd-comment", "comment-item",
                "comment_default", "js-comment"}
_TITLE_TOKEN = re.compile(r"comments?[-_]*(?:title|heading|headline)|"
                          r"comments-?header")
_FORM_TOKENS = {"comment-respond", "comment-form", "commentform", "wp-block-post-comments-form",
                "respond", "comments-form", "comment-form-wrap", "comment_form"}
_CLOSED_TOKENS = {"comments-closed", "comments-disabled", "comment-closed", "nocomments",
                  "no-comments", "comments-off", "commentsclosed", "comments-are-closed"}
_PAGER_TOKEN = re.compile(r"comments?-?(?:navigation|nav|pagination|pager|paging)|commentnavi|"
                          r"comment-nav-(?:above|below)|wp-paginate-comments")
_COUNT_LINK_TOKEN = re.compile(r"comments?-?(?:link|count|number|num)")
_ITEM_ID = re.compile(r"(?:^|[-_])(?:comments?|kommentare?|komment|comentario|commentaire|cmt|cid|"
                      r"c|reply|answer|message|msg|post|review)[-_]?(?:body[-_]|item[-_]|"
                      r"content[-_])?"
                      r"(\d+)(?:_\d+)?$|^(\d+)$", re.I)
_VOLATILE_TOKEN = re.compile(r"\d|^(?:even|odd|alt|first|last|parent|byuser|bypostauthor|"
                             r"highlander-comment|new|selected|active|open|closed|"
                             r"(?:is|has|thread|depth|comment-author|by)-.*)$")

(_JUNK, _AUTHOR, _DATE, _TEXT, _META, _REPLIES, _ZONE, _CONTAINER, _ITEM, _TITLE, _FORM,
 _CLOSED_MARK, _PAGER, _COUNT_LINK, _SUBJECT, _REVIEWS) = (1 << i for i in range(16))
# Parts of one comment: never the section's notice, title or provider.
_NOT_NOTICE = _ITEM | _TEXT | _AUTHOR | _DATE | _META | _JUNK | _REPLIES
# What the section is made of besides its comments.
_SECTION_FLAGS = _CONTAINER | _FORM | _TITLE | _COUNT_LINK | _PAGER | _CLOSED_MARK


@dataclass(frozen=True)
class _Marks:
    flags: int
    author_rank: int
    text_rank: float


@lru_cache(maxsize=8192)
def _marks_of(names_: str) -> _Marks:
    """What a class (or id) attribute says about its element; memoised, comments repeat them."""
    flags, author_rank, text_rank = 0, 9, 9.0
    for token in names_.lower().split():
        if token in _TEXT_BODY:
            text_rank = min(text_rank, 0.5)
        elif token in _TEXT_EXACT or (_TEXT_TOKEN.search(token) and token != "comment-body"
                                      and not token.endswith(_TEXT_NOT)):
            text_rank = min(text_rank, 1)
        elif token in _TEXT_WEAK:
            text_rank = min(text_rank, 2)
        elif token in _JUNK_EXACT or _JUNK_TOKEN.search(token) and \
                not token.endswith("header-actions"):  # Yotpo dates a review there
            flags |= _JUNK
        if token in _AUTHOR_RANK:
            author_rank = min(author_rank, _AUTHOR_RANK[token])
        elif _AUTHOR_TOKEN.search(token) and not _NOT_AUTHOR.search(token):
            author_rank = min(author_rank, 4)
        if _CONTAINER_TOKEN.search(token) and not _PART_TOKEN.search(token):
            flags |= _CONTAINER
        if "reviews" in token and _REVIEWS_TOKEN.search(token) and not _PART_TOKEN.search(token):
            flags |= _REVIEWS
        if token.endswith(("title", "subject", "headline")) and \
                _SUBJECT_TOKEN.search(token) and not _NOT_SUBJECT.search(token):
            flags |= _SUBJECT  # "spr-review-header-title": a title, not the header
        elif _META_TOKEN.search(token):
            flags |= _META
        checks = ((_DATE_TOKEN.search, _DATE),
                  (_REPLIES_TOKEN.search, _REPLIES), (_ZONE_TOKEN.search, _ZONE),
                  (_TITLE_TOKEN.search, _TITLE),
                  (_PAGER_TOKEN.search, _PAGER), (_COUNT_LINK_TOKEN.search, _COUNT_LINK))
        for test, flag in checks:
            if test(token):
                flags |= flag
        flags |= (_ITEM if token in _ITEM_TOKENS else 0) | (
            _FORM if token in _FORM_TOKENS else 0) | (
            _CLOSED_MARK if token in _CLOSED_TOKENS else 0)
    flags |= (_AUTHOR if author_rank < 9 else 0) | (_TEXT if text_rank < 9 else 0)
    return _Marks(flags, author_rank, text_rank)


def _marks(element: etree._Element) -> _Marks:
    return _marks_of(element.get("class") or "")


def _has(element: etree._Element, flag: int) -> bool:
    return bool(_marks_of(element.get("class") or "").flags & flag)


def _flags(element: etree._Element) -> int:
    """The flags of an element's class and id together."""
    return _marks_of(element.get("class") or "").flags | _marks_of(
        (element.get("id") or "").replace("#", "")).flags


class _Zones:
    """Whether an element sits in a comment form, or in a sidebar / widget ("Recent comments")
    rather than a comment section; memoised along the ancestors it walks."""

    def __init__(self, forms: list) -> None:
        self._verdicts: dict[etree._Element, bool] = {}
        self._forms = set(forms)

    def excluded(self, element: etree._Element) -> bool:
        path: list[etree._Element] = []
        verdict = False
        for ancestor in element.iterancestors():
            if ancestor in self._verdicts:
                verdict = self._verdicts[ancestor]
                break
            path.append(ancestor)
            if ancestor.tag in ("body", "html"):  # page-wide classes say nothing here
                break
            if ancestor in self._forms or ancestor.get("id") == "respond":
                verdict = True
                break
            flags = _flags(ancestor)
            if flags & _ZONE:
                verdict = True
                break
            if flags & (_CONTAINER | _REVIEWS):  # "jdgm-widget" above it is no sidebar's
                break
            if ancestor.tag == "aside":
                verdict = True
                break
        for ancestor in path:
            self._verdicts[ancestor] = verdict
        return verdict


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
_TIME = (r"(?:\s*(?:,|at|um|à|a las|às|alle|om|в|kl\.|-|–|\||@|/)?\s*"
         r"(\d{1,2})[:h](\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\b\.?)?)?")
_WORD_MONTH = r"([^\W\d_]{3,12})"  # a word, looked up in _MONTHS
_DATE_PATTERNS = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ,]+(\d{1,2}):(\d{2}))?")),
    ("ymd", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日" + _TIME)),
    ("dmy", re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b" + _TIME)),
    ("mdy", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b" + _TIME)),
    ("dMy", re.compile(r"\b(\d{1,2})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?" + _WORD_MONTH +
                       r"\.?,?\s+(?:de\s+)?(\d{4})\b" + _TIME, re.I)),
    ("Mdy", re.compile(_WORD_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b" + _TIME,
                       re.I)),
]
_DATEISH = re.compile(r"\d{4}|\d[./]\d{1,2}[./]\d\d")
_RELATIVE_DATE = re.compile(
    r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
    r"\bvor\s+\d+\s+(?:sekunden|minuten|stunden?|tagen?|wochen?|monaten?|jahren?)\b|"
    r"\bil y a\s+\d+|\bhace\s+\d+|"
    r"\d+\s*(?:分|時間|日)前|\d+\s+(?:минут|час|дн|недел|месяц)\w*\s+назад", re.I)


def _year(value: str) -> int:
    year = int(value)
    return year + (2000 if year < 70 else 1900) if year < 100 else year


def _date_of_match(kind: str, groups: tuple) -> str | None:
    if kind == "ymd":
        year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
    elif kind == "dmy":
        day, month, year = int(groups[0]), int(groups[1]), _year(groups[2])
    elif kind == "mdy":
        month, day, year = int(groups[0]), int(groups[1]), _year(groups[2])
        if month > 12:
            month, day = day, month
    elif kind == "dMy":
        day, month, year = int(groups[0]), _MONTHS.get(groups[1].lower(), 0), int(groups[2])
    else:
        month, day, year = _MONTHS.get(groups[0].lower(), 0), int(groups[1]), int(groups[2])
    if not month:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if len(groups) > 4 and groups[3] is not None and groups[4] is not None:
        hour, minute = int(groups[3]), int(groups[4])
        meridiem = (groups[5] or "").lower() if len(groups) > 5 else ""
        hour += 12 if meridiem == "p" and hour < 12 else 0
        hour = 0 if meridiem == "a" and hour == 12 else hour
        if hour < 24 and minute < 60:
            value += f"T{hour:02d}:{minute:02d}:00"
    return iso_date(value)


def date_in(text: str | None) -> str | None:
    """The first date written in `text` ("14 May 2024 at 18:02", "05.03.2024, 10:14",
    "March 5, 2024", "2024年3月5日"), as ISO 8601 via `iso_date`; None when there is none."""
    text = (text or "")[:300]
    if not _DATEISH.search(text):
        return None
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _date_of_match(kind, match.groups())
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
# Whole lines that are widgets and notes, not words of the comment.
_JUNK_LINE = re.compile(
    r"\(?\s*(?:reply|antworten|antwort|répondre|repondre|responder|rispondi|beantworten|"
    r"ответить|返信|report|report comment|melden|signaler|edit|bearbeiten|modifier|editar|"
    r"quote|zitieren|citer|like|gefällt mir|j'aime|me gusta|share|teilen|partager|permalink|"
    r"cancel reply|log in to reply|login to reply|reply ↓|↓|↑|\d+\s*likes?|liked by \d+ "
    r"(?:person|people)|loading\.*|(?:says|sagt|schreibt|dit|dice|scrive|говорит)\s*:?|"
    r"(?:your|dein|ihr|votre|tu|il tuo) (?:comment|kommentar|commentaire|comentario|commento) "
    r"(?:is|muss|wird|est|está|è) (?:awaiting moderation|noch freigegeben werden|"
    r"noch moderiert|en attente de modération|pendiente de moderación|"
    r"in attesa di moderazione)\.?|this comment is awaiting moderation\.?)\s*\)?", re.I)
_SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|schrieb|meint|dit|a écrit|écrit|dice|"
                   r"escribió|dijo|scrive|говорит|пишет)\s*:?\s*$", re.I)
_NOT_VERIFIED = re.compile(r"\s*\((?:not verified|nicht überprüft|nicht verifiziert|"
                           r"non vérifié|no verificado)\)\s*$", re.I)
_STRING = etree.XPath("string()")


def _string(element: etree._Element) -> str:
    return collapse(_STRING(element))


def _is_junk(element: etree._Element) -> bool:
    tag = element.tag
    if tag.__class__ is not str or tag in _JUNK_TAGS:
        return True
    keys = element.keys()
    if not keys:
        return False
    get = element.get
    if "hidden" in keys or get("aria-hidden") == "true":
        return True
    if tag == "a" and _is_reply_link(get("href") or ""):
        return True
    return bool(_marks_of(get("class") or "").flags & _JUNK)


def _is_reply_link(href: str) -> bool:
    return "replytocom=" in href or href.endswith(("#respond", "#reply"))


_BR = "\x00"  # a <br> while the text is read; whitespace is folded around it
_BREAKS = re.compile("\x00(?: ?\x00)+")


def _keep(line: str) -> bool:
    return bool(line) and (len(line) > 90 or not _JUNK_LINE.fullmatch(line))


def _paragraphs(root: etree._Element, skip: set | frozenset = frozenset(),
                items: set | frozenset = frozenset()) -> list[str]:
    """The text of `root` as paragraphs: block elements and blank lines (`<br><br>`) break
    them, one `<br>` breaks a line; junk, `skip` and the `items` inside `root` left out."""
    simple = _simple_paragraphs(root)
    if simple is not None:
        return simple
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        if not pieces:
            return
        text = _SPACE.sub(" ", "".join(pieces))
        pieces.clear()
        if _BR not in text:
            text = text.strip()
            if _keep(text):
                paragraphs.append(text)
            return
        for block in _BREAKS.split(text):
            lines = [line for line in (part.strip() for part in block.split(_BR)) if _keep(line)]
            if lines:
                paragraphs.append("\n".join(lines))

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    skipped = None
    for event, node in walker:
        if event == "start":
            if node is not root and (node in skip or node in items or _is_junk(node)):
                walker.skip_subtree()  # its "end" comes next
                skipped = node
                continue
            tag = node.tag
            if tag == "br":
                pieces.append(_BR)
            elif tag in _BLOCKS:
                flush()
            if node.text:
                pieces.append(node.text)
        elif event == "end":
            if node is root:
                break
            if node is not skipped and node.tag in _BLOCKS:
                flush()
            if node.tail:
                pieces.append(node.tail)
        elif node.tail:  # a comment or processing instruction: only its tail is text
            pieces.append(node.tail)
    flush()
    return paragraphs


def _simple_paragraphs(root: etree._Element) -> list[str] | None:
    """The common case quickly: nothing but plain `<p>text</p>` children; else None."""
    if root.text and not root.text.isspace() or not len(root):
        return None
    texts = []
    for child in root:
        if child.tag != "p" or len(child) or child.keys() or child.tail and \
                not child.tail.isspace():
            return None
        texts.append(_SPACE.sub(" ", child.text or "").strip())
    return [text for text in texts if _keep(text)]


def _inline_text(element: etree._Element) -> str:
    return collapse(" ".join(_paragraphs(element)))


def _plain_text(element: etree._Element) -> str:
    """`_inline_text`, quicker for an element with no junk in it (a name, a date)."""
    if len(element) and any(map(_is_junk, element.iterdescendants())):
        return _inline_text(element)
    return _string(element)


# -- 1. signals -------------------------------------------------------------------------------

# Elements with an attribute (class, id, itemprop, itemtype, href...) that mentions comments;
# one pass over the attributes is cheaper than tests on every element. Reviews ("jdgm-rev",
# "spr-review", schema.org `Review`) are looked for in classes and itemtypes only: each test
# over every attribute costs a quarter of a millisecond on a common page.
_SIGNALS = etree.XPath("//@*[contains(., 'omment') or contains(., 'omentar')]/.. | "
                       "//@class[contains(., 'rev')]/.. | //@itemtype[contains(., 'Review')]/..")
_SIGNAL_TAGS = ("h2", "h3", "h4", "h5", "h6", "script", "iframe", "form", "textarea",
                "hyvor-talk-view", "hyvor-talk-comments", "vf-conversations")
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A heading about comments: "3 Comments", "3 thoughts on “X”", "Comments (3)", "Kommentare",
# "Leave a Reply", "Комментарии", "コメント".
_HEADING = re.compile(
    r"^\W*(?:(?:\d[\d.,]*|one|no|ein|eine|keine|un|une|aucun|uno|una)\s+)?(?:comments?|"
    r"thoughts? on|responses?|replies|reactions?|kommentare?|leserkommentare|leserbriefe|"
    r"commentaires?|comentarios?|commenti|reacties|komentarze?|комментари\w*)\b|"
    r"^\W*(?:\d+\s*件の)?コメント", re.I)
# A heading over a comment section, counted or not ("Leave a Comment" heads some).
_SECTION_HEADING = re.compile(_HEADING.pattern + r"|^\W*(?:leave|post|write|add) a "
                              r"(?:comment|reply)|^\W*(?:schreibe einen kommentar|"
                              r"kommentar schreiben)", re.I)
_COMMENT_TEXT = re.compile(r"comment|komment|coment|commento|thoughts? on|responses?|replies|"
                           r"reply|reactions?|leserbrief|reactie|комментари|コメント", re.I)

# (name, markers): markers are looked for in script / iframe sources and inline scripts, and
# in the ids, classes and tag names of elements, lower-cased.
PROVIDERS: list[tuple[str, tuple[str, ...]]] = [
    ("disqus", ("disqus",)),
    ("facebook", ("fb-comments", "facebook.com/plugins/comments")),
    ("commento", ("commento.io", "#commento")),
    ("hyvor-talk", ("hyvor-talk", "talk.hyvor.com")),
    ("coral", ("coral_thread", "coral-thread", "coral-talk", "coral.createstreamembed",
               "coralproject")),
    ("giscus", ("giscus",)),
    ("utterances", ("utteranc.es",)),
    ("remark42", ("remark42",)),
    ("isso", ("data-isso", "isso-thread", "/isso/")),
    ("viafoura", ("viafoura", "vf-conversations")),
    ("openweb", ("spot.im", "spotim", "openweb", "spot-im")),
    ("intensedebate", ("intensedebate", "idc-container")),
    ("livefyre", ("livefyre",)),
]
_INLINE_MARKERS = ("disqus", "Coral.createStreamEmbed", "remark42", "commento.io", "giscus",
                   "utteranc.es", "livefyre", "intensedebate", "spot.im", "viafoura",
                   "talk.hyvor.com", "fb-comments", "data-isso")


_ITEM_ATTRIBUTES = {"itemscope", "typeof", "data-comment-user-id"}
_NOT_NAMED = {"script", "iframe", "link", "meta", "style", "textarea", "input", "noscript"}
_NAMED_PROVIDERS = ("fb-comments", "disqus", "coral", "hyvor", "remark42", "giscus", "utterances",
                    "spot-im", "spotim", "openweb", "viafoura", "livefyre", "intensedebate", "idc-",
                    "isso")


@dataclass
class _Signals:
    # (element, flags): the class or id names comments, and it is not a part of one comment
    named: list = field(default_factory=list)
    items: list = field(default_factory=list)  # rule 3a candidates
    headings: list = field(default_factory=list)  # (heading, text) about comments
    forms: list = field(default_factory=list)  # comment forms and textareas
    counts: list = field(default_factory=list)  # itemprop=commentCount
    page_links: list = field(default_factory=list)  # comment-page-N / cpage=N links
    provider: str | None = None
    json_ld: bool = False

    def __bool__(self) -> bool:
        return bool(self.named or self.items or self.headings or self.forms or self.counts
                    or self.provider or self.json_ld)


def _provider_of(element: etree._Element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "script" and not element.get("src"):
        text = (element.text or "")[:20_000]  # embed snippets are small; bundles mention all
        if not any(marker in text for marker in _INLINE_MARKERS):
            return None
        haystack = text.lower()
    else:
        parts = [tag, element.get("id") or "", element.get("class") or "",
                 element.get("src") or ""]
        parts += [name for name in ("data-isso", "data-spot-im", "data-spotim-module")
                  if element.get(name) is not None]
        if element.get("id") == "commento":
            parts.append("#commento")
        haystack = " ".join(parts).lower()
    for name, markers in PROVIDERS:
        if any(marker in haystack for marker in markers):
            return name
    return None


def _is_item(element: etree._Element) -> bool:
    """Rule 3a: markup that declares a comment."""
    if element.tag not in _ITEM_TAGS:
        return False
    marks = _marks(element)
    if marks.text_rank <= 1:
        return False  # a part of a comment: `section.comment-content.comment`
    if marks.flags & _ITEM:
        return True
    element_id = element.get("id") or ""
    if element.tag == "li" and element_id.startswith(("comment-", "li-comment-")):
        return True
    itemtype = element.get("itemtype") or ""
    if element.get("itemscope") is not None and (
            "schema.org/Comment" in itemtype or "schema.org/UserComments" in itemtype):
        return True
    if "Comment" in (element.get("typeof") or ""):  # RDFa: schema:Comment, sioct:Comment
        return True
    return element.get("data-comment-user-id") is not None and element.tag in ("article", "div")


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
_LINKED_HEADING = etree.XPath("boolean(descendant::*[self::h2 or self::h3 or self::h4]"
                              "/descendant::a[@href])")


def _is_review(element: etree._Element, reviews: set) -> bool:
    """Rule 3a: a reader's review in a shop's or a blog's review widget (a `*-review` /
    `*-rev` block or schema.org `Review`, in a container naming reviews, with a rating or a
    body), or the shop's reply inside one; never a review article, whose text is the story."""
    classes = element.get("class") or ""
    if _REVIEW_REPLY_CLASS.search(classes):
        return any(ancestor in reviews for ancestor in element.iterancestors())
    if not _REVIEW_CLASS.search(classes) and not (
            element.get("itemscope") is not None and
            _REVIEW_TYPE.search(element.get("itemtype") or "")):
        return False
    section = _reviews_section(element)
    return section is not None and _RATED_OR_WRITTEN(element) and \
        not _LINKED_HEADING(element) and not _HEADLINED(section)


def _reviews_section(element: etree._Element) -> etree._Element | None:
    """The nearest container naming reviews, below the page-wide <body>."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return None
        if _flags(ancestor) & _REVIEWS:
            return ancestor
    return None


def _collect(root: etree._Element) -> _Signals:
    """Rule 1: everything the later rules look at, from two cheap passes over the page."""
    signals = _Signals()
    providers: list[tuple[int, str]] = []
    reviews: set[etree._Element] = set()
    for element in root.iter(*_SIGNAL_TAGS):
        tag = element.tag
        if tag == "script" and "ld+json" in (element.get("type") or "").lower():
            signals.json_ld = signals.json_ld or "omment" in (element.text or "")
        elif tag in _HEADING_TAGS:
            text = _string(element)
            if len(text) < 250 and _COMMENT_TEXT.search(text):
                signals.headings.append((element, text))
        elif tag in ("form", "textarea"):
            marks = " ".join(filter(None, (element.get("action"), element.get("id"),
                                           element.get("class"), element.get("name")))).lower()
            if "comment" in marks or "kommentar" in marks:
                signals.forms.append(element)
        elif not providers:
            name = _provider_of(element)
            if name:
                providers.append((element.sourceline or 0, name))
    for element in _SIGNALS(root):
        tag = element.tag
        get = element.get
        if tag in _NOT_NAMED:
            if tag == "meta" and get("itemprop") == "commentCount":
                signals.counts.append(element)
            continue
        classes, ident = get("class") or "", get("id") or ""
        if tag == "a" and ("comment-page-" in (href := get("href") or "") or "cpage=" in href):
            signals.page_links.append(element)
        flags = 0
        if "omment" in classes or "omment" in ident or "omentar" in classes or \
                "omentar" in ident:
            flags = _marks_of(classes).flags | (_marks_of(ident).flags if ident else 0)
            if flags & _SECTION_FLAGS or not flags & _NOT_NOTICE:  # not a comment's part
                signals.named.append((element, flags))
            if not flags & _NOT_NOTICE:
                lowered = (classes + " " + ident).lower()
                if (ident == "commento" or any(m in lowered for m in _NAMED_PROVIDERS)) and \
                        (name := _provider_of(element)):
                    providers.append((element.sourceline or 0, name))
        if tag in _ITEM_TAGS and (flags & _ITEM or ident.startswith(("comment-", "li-comment-"))
                                  or not _ITEM_ATTRIBUTES.isdisjoint(element.keys())) and \
                _is_item(element):
            signals.items.append(element)
        elif get("itemprop") == "commentCount":
            signals.counts.append(element)
        elif tag in _ITEM_TAGS and _is_review(element, reviews):
            signals.items.append(element)
            reviews.add(element)
    if providers:
        signals.provider = min(providers)[1]
    return signals


# -- 3a. items the markup declares ------------------------------------------------------------

_ITEM_TAGS = {"li", "div", "article", "section", "dd", "p", "blockquote", "tr", "td", "aside",
              "details"}
_SKIPPED_ITEMS = re.compile(r"(?:^|\s)(?:pingback|trackback)(?:\s|$)", re.I)
_LISTS = {"ul", "ol", "dl"}


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
        if ancestor.tag in _LISTS or _has(ancestor, _REPLIES):
            return True
    return False


def _markup_items(candidates: list, zones: _Zones,
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
    return [e for e in found if e not in dropped
            and not _SKIPPED_ITEMS.search(e.get("class") or "")]


def _holds_form(element: etree._Element) -> bool:
    """A form in the element itself, not in a reply / report widget of a comment."""
    for form in element.iter("form", "textarea"):
        widget = False
        for ancestor in form.iterancestors():
            if ancestor is element:
                break
            if _has(ancestor, _JUNK):
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
        if isinstance(child.tag, str) and child not in items and child.tag not in _LISTS \
                and not _has(child, _REPLIES) and not _is_junk(child):
            size += len((child.text or "").strip())
            stack.extend(child)
    return size


# -- 3c. generic: the repeated block of a comments container ---------------------------------

_AUTHORISH = etree.XPath(
    "boolean(descendant::*[@itemprop='author' or self::cite or contains(@class, 'uthor')"
    " or contains(@class, 'utor') or contains(@class, 'name') or contains(@class, 'Name')"
    " or contains(@class, 'user') or contains(@class, 'User') or contains(@class, 'nick')])")
_HAS_TIME = etree.XPath("boolean(descendant::time or descendant::*[@datetime])")
_NOT_CONTAINERS = {"html", "body", "form", "a", "span", "textarea", "input", "script", "button",
                   "label", "i", "em", "b", "strong", "img", "svg", "time", "p", "li", "option",
                   "select", "style", "link", "meta", "iframe", "h1", "h2", "h3", "h4", "h5",
                   "h6", "small", "cite", "abbr"}
_MAX_SCAN = 30_000


@lru_cache(maxsize=8192)
def _signature(tag: str, classes: str) -> str:
    """Tag and first lasting class: comments of one list differ in state classes ("odd",
    "depth-2", "is-highlighted", "read-more-target")."""
    token = next((t for t in classes.lower().split() if not _VOLATILE_TOKEN.search(t)), "")
    return tag + "." + token


def _containers(signals: _Signals, zones: _Zones) -> tuple[list, list]:
    """Comments containers: elements named for comments (outermost of nested ones), and the
    blocks after a comments heading. Returns (named containers, scan groups): a scan group is
    a list of elements whose subtrees (with themselves, for a heading's) hold the comments."""
    named = [e for e, flags in signals.named
             if flags & _CONTAINER and not flags & (_ZONE | _FORM) and e.tag not in _NOT_CONTAINERS
             and not _ITEM_ID.search(e.get("id") or "") and not zones.excluded(e)]
    chosen = set(named)
    named = [e for e in named if not any(a in chosen for a in e.iterancestors())]
    groups: list[list[etree._Element]] = [list(e) for e in named]
    for heading, text in signals.headings:
        if _SECTION_HEADING.search(text) and not zones.excluded(heading) and \
                not any(a in chosen for a in heading.iterancestors()):
            groups.append(list(heading.itersiblings()))
    return named, groups


_LINKED = etree.XPath("descendant::a")


def _mostly_links(element: etree._Element, size: int) -> bool:
    linked = sum(len(collapse(_STRING(a))) for a in _LINKED(element))
    return linked > size * 0.6


def _looks_like_comment(element: etree._Element, signature: str) -> bool:
    text = collapse(" ".join(element.itertext()))
    if len(text) < 15 or len(text) > 20_000 or _mostly_links(element, len(text)):
        return False
    if not _HAS_TIME(element) and not _is_dated(text):
        return False
    return bool(_WORD_RE.search(signature)) or _AUTHORISH(element)


def _generic_items(groups: list[list[etree._Element]]) -> list[etree._Element]:
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
            if elements[0].tag not in _ITEM_TAGS or elements[0].tag == "p" or \
                    len(elements) > 2000:
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
_ID_ATTRIBUTES = ("data-comment-id", "data-commentid", "data-comment", "data-review-id",
                  "data-id", "itemid")
_FRAGMENT_ID = re.compile(r"#(?:comment|c|kommentar|comentario|commentaire|cmt)[-_]?(\d+)$",
                          re.I)
_REPLY_TO = re.compile(r"[?&]replytocom=(\d+)")
_BY = re.compile(r"^(?:by|von|par|por|от)\s+", re.I)
_BY_WORDS = {"by", "von", "par", "por", "от"}
_SAYS_WORDS = {"says", "said", "sagt", "schreibt", "schrieb", "meint", "dit", "écrit", "dice",
               "escribió", "dijo", "scrive", "говорит", "пишет"}


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
        return _from_timestamp(stamp)
    return date_in(_inline_text(element))


def _clean_author(name: str) -> str | None:
    name = collapse(name)
    words = name.lower().split()
    if len(words) > 1 and (words[-1].rstrip(":") in _SAYS_WORDS or words[0] in _BY_WORDS):
        name = _BY.sub("", _SAYS.sub("", name))  # "Name says:", "by Name"
    if ")" in name:
        name = _NOT_VERIFIED.sub("", name)
    name = name.strip(" :|-–—·,")
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


_NO_MARKS = _Marks(0, 9, 9.0)
_ROLES = _AUTHOR | _TEXT | _DATE | _META
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


def _read_item(item: etree._Element, items: set, url: str) -> _Read:
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
    walker = etree.iterwalk(item, events=("start",))
    next(walker)  # the item itself
    alive = []  # lxml makes a new proxy for an element nobody holds; the text pass reuses these
    for _, element in walker:
        alive.append(element)
        tag = element.tag
        if element in items or tag in _JUNK_TAGS and tag not in ("meta", "link"):
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
                    _string(element)
            elif itemprop in ("url", "identifier"):
                inner_ids.append(get("href") or get("content") or _string(element))
            if "class" in keys:
                marks = _marks_of(get("class") or "")
            if marks.flags & _JUNK or tag in _JUNK_TAGS or "hidden" in keys or (
                    "aria-hidden" in keys and get("aria-hidden") == "true") or (
                    tag == "a" and _is_reply_link(get("href") or "")):
                walker.skip_subtree()
                continue
        flags = marks.flags
        if tag in _SUBJECT_TAGS or flags & _SUBJECT:
            titles.append((len(alive), element))
        if itemprop or flags & _ROLES or tag in _ROLE_TAGS:
            if itemprop in ("author", "creator"):
                rank = 1
            elif itemprop == "name" and author_rank == 1 and \
                    author_el in element.iterancestors():
                rank = 0
            elif flags & _AUTHOR:
                rank = marks.author_rank
            else:
                rank = 5 if tag == "cite" else 9
            if rank < author_rank:
                author_el, author_rank = element, rank
            text = 0.0 if itemprop in ("text", "commenttext", "reviewbody") else marks.text_rank
            if text < text_rank:
                text_el, text_rank, text_at = element, text, len(alive)
            if flags & _DATE and tag != "time":
                dates.append((1 if tag == "a" or "title" in keys else 2, len(dates), element))
            if flags & (_META | _AUTHOR | _DATE) or tag in ("header", "footer", "time"):
                furniture.append(element)

    if author_el is None:
        author_el = _byline_name(furniture)
    author = _clean_author(_plain_text(author_el)) if author_el is not None else None
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
        paragraphs = _paragraphs(text_el, cut | _header(
            [e for e in furniture if e in inside], cut), items)
        if paragraphs and titles:
            paragraphs = _titled(paragraphs, titles, text_el, text_at, cut, set(furniture))
    if not paragraphs:  # the item itself, without its header
        paragraphs = _paragraphs(item, cut | _header(furniture, cut), items)
    if published is None:
        # The visible date, wherever the header writes it.
        for element in furniture:
            published = date_in(_inline_text(element))
            if published:
                break

    comment_id = own_id or next(
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


def _byline_name(furniture: list) -> etree._Element | None:
    """A byline's first bold part that is no date: "<strong>Sam</strong> on <strong>Feb 21,
    2024</strong>" (Shopify Product Reviews)."""
    for element in furniture:
        if "byline" in (element.get("class") or ""):
            for bold in element.iter("strong", "b"):
                text = _string(bold)
                if text and not _is_dated(text):
                    return bold
    return None


def _titled(paragraphs: list[str], titles: list, text_el: etree._Element, text_at: int,
            cut: set, furniture: set) -> list[str]:
    """Rule 4: the title the commenter gave the comment (a heading or a subject-classed element
    of the item's own, before its text part and outside it and the header) as the first
    paragraph; not when the text starts with it: Drupal makes a missing subject from the
    body's first words ("There is a car park behind…")."""
    around = set(text_el.iterancestors())
    for at, element in titles:
        if at >= text_at:
            break
        if element in around or any(e is element or e in element.iterancestors() or
                                    element in e.iterancestors() for e in cut):
            continue  # holds the text, or is / holds / sits in the author or the date
        if not _has(element, _SUBJECT) and (element in furniture or any(
                a in furniture for a in element.iterancestors())):
            continue  # a heading of the header ("<h4>Name</h4>")
        title = _inline_text(element)
        if title and len(title) <= 200 and _WORDY.search(title):
            said = collapse(" ".join(paragraphs[:3]))
            return paragraphs if said.startswith(title.rstrip(" .…")) else [title, *paragraphs]
    return paragraphs


def _header(furniture: list, cut: set) -> set:
    """The blocks of furniture made of the author, the date (`cut`) and little else."""
    removed: set = set()
    for element in furniture:
        if element in cut or any(a in removed for a in element.iterancestors()):
            continue
        size = len(_string(element)) - sum(
            len(_string(e)) for e in cut if element in e.iterancestors())
        if size < 30:
            removed.add(element)
    return removed


def _fallback_id(article_url: str, author: str | None, published: str | None, text: str) -> str:
    """A stable id for a comment without one: the article, the author, the date, the text."""
    key = "\n".join((canonicalize(article_url), author or "", published or "", text))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- 5. threading -----------------------------------------------------------------------------


def _thread_parent(element: etree._Element, items: set,
                   sections: set | frozenset = frozenset()) -> etree._Element | None:
    """The enclosing item, or the item just before the replies container that holds this;
    the search stops at the comments container (`sections`)."""
    for ancestor in element.iterancestors():
        if ancestor in items:
            return ancestor
        if ancestor in sections:
            return None
        replies = _has(ancestor, _REPLIES)
        if ancestor.tag not in _LISTS and not replies:
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


_WORDY = re.compile(r"[^\W\d_]|[^\s\w.,:;!?()'\"+\-]")  # a letter, or an emoji


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


def _flat_parent(element: etree._Element, earlier: list[Comment],
                 elements: dict[str, etree._Element]) -> str | None:
    """In a flat list that marks depth with classes, the last earlier item a level up."""
    level = _level(element)
    if level > 1:
        for comment in reversed(earlier):
            other = elements.get(comment.comment_id)
            if other is not None and _level(other) < level:
                return comment.comment_id
    return None


def _build(reads: list[_Read], article_url: str,
           sections: set | frozenset = frozenset()) -> list[Comment]:
    """Ids, threading and positions for the items that hold some text."""
    reads = [read for read in reads if _WORDY.search(read.text) and (
        read.author or read.published or read.element is None or
        not _mostly_links(read.element, len(_string(read.element))))]
    for read in reads:
        read.comment_id = read.comment_id or _fallback_id(article_url, read.author,
                                                          read.published, read.text)
    by_element = {read.element: read for read in reads if read.element is not None}
    elements = set(by_element)
    comments: list[Comment] = []
    depth_of: dict[str, int] = {}
    elements_of: dict[str, etree._Element] = {}
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
            if read.element is not None:
                elements_of[comment_id] = read.element
                if parent_id is None:
                    parent_id = _flat_parent(read.element, comments, elements_of)
        depth = depth_of.get(parent_id, 0) + 1 if parent_id is not None else 0
        depth_of[comment_id] = depth
        comments.append(Comment(comment_id=comment_id, parent_id=parent_id, author=read.author,
                                author_url=read.author_url, published=read.published,
                                text=read.text, position=len(comments), depth=depth))
    return comments


# -- 3b. JSON-LD ------------------------------------------------------------------------------

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


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
        if isinstance(author_value, list):
            author_value = author_value[0] if author_value else None
        author_names = _strings(author_value)
        href = author_value.get("url") if isinstance(author_value, dict) else None
        published = next(filter(None, (iso_date(v) for key in ("dateCreated", "datePublished")
                                       for v in _strings(node.get(key)))), None)
        comment_id = next(filter(None, (_id_from_ref(node.get(key))
                                        for key in ("@id", "identifier", "url"))), None)
        read = _Read(None, comment_id, parent_id or _id_from_ref(node.get("parentItem")),
                     _clean_author(author_names[0]) if author_names else None,
                     absolute_url(url, href) if isinstance(href, str) and href else None,
                     published, _ld_text(node.get("text") or node.get("commentText") or ""))
        if not read.text:
            continue
        read.comment_id = read.comment_id or _fallback_id(article_url, read.author, published,
                                                          read.text)
        reads.append(read)
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
        for candidate in [value, *_strings(value)]:
            number = _as_int(candidate)
            if number is not None:
                return number
    return None


# -- 6. the section: open, count, other pages -------------------------------------------------

_HAS_FORM = etree.XPath("boolean(descendant::form or descendant::textarea"
                        " or descendant::iframe)")
_OPEN_PHRASE = re.compile(
    r"^\W*(?:leave|post|write|add|submit) (?:a |your |new )?(?:comment|reply|response)|"
    r"^\W*(?:add|write) comment|schreibe? einen kommentar|"
    r"kommentar (?:schreiben|verfassen|hinzufügen|abgeben)|hinterlasse einen kommentar|"
    r"(?:laisser|laissez|ajouter|écrire) un commentaire|"
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
_CLOSED_HINTS = ("clos", "disab", "turned off", "switched off", "not allow", "not avail",
                 "not enabl", "not open", "comments off", "geschlossen", "deaktiv", "ferm",
                 "cerrad", "desactiv", "закрыт", "отключ", "chiusi", "gesloten", "コメントは")


def _is_closed_notice(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _CLOSED_HINTS) and bool(_CLOSED.search(
        collapse(text)))


def _open_state(signals: _Signals, containers: list, zones: _Zones) -> bool | None:
    """True when the page offers a comment form, False when it says comments are closed."""
    if any(not zones.excluded(form) for form in signals.forms):
        return True
    for element, flags in signals.named:
        if flags & _FORM and element.tag not in ("p", "span", "a", "label"):
            if _HAS_FORM(element):
                return True
            text = _string(element)
            if text and not _is_closed_notice(text):
                return True
    # A notice: a heading, a short element named for comments, a short child of a container.
    texts = [text for _, text in signals.headings]
    texts += [_STRING(e) for e, flags in signals.named
              if flags & _CLOSED_MARK or len(e) < 4 and not flags & _NOT_NOTICE]
    texts += [_STRING(child) for container in containers for child in container
              if isinstance(child.tag, str) and len(child) < 4]
    if any(len(text) < 400 and _is_closed_notice(text) for text in texts):
        return False
    if any(flags & _CLOSED_MARK and not _OPEN_PHRASE.search(_string(e))
           for e, flags in signals.named):
        return False
    if any(_OPEN_PHRASE.search(text) for _, text in signals.headings if len(text) < 80):
        return True
    if any(_OPEN_PHRASE.search(_string(e)) for e, flags in signals.named
           if e.tag in ("a", "span") and not flags & _NOT_NOTICE and len(_STRING(e)) < 200):
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


def _in_container(element: etree._Element) -> bool:
    return any(_flags(a) & _CONTAINER for a in element.iterancestors())


def _stated_count(signals: _Signals, objects: list[dict], url: str,
                  zones: _Zones) -> int | None:
    """Rule 6: the count the comments title / heading states, then JSON-LD and microdata
    `commentCount`, then a "3 Comments" link to the page's own comments."""
    titles = [(e, _string(e)) for e, flags in signals.named
              if e.tag not in ("a", "form") and (flags & _TITLE or flags & _COUNT_LINK
                                                 and _in_container(e))]
    headings = [(e, text) for e, text in signals.headings if _HEADING.search(text)]
    for element, text in [*titles, *headings]:
        number = count_in(text)
        if number is not None and not zones.excluded(element):
            return number
    number = _ld_count(objects) if objects else None
    if number is not None:
        return number
    for element in signals.counts:
        number = _as_int(element.get("content") or _string(element))
        if number is not None:
            return number
    current = canonicalize(url)
    for element, flags in signals.named:
        if not flags & _COUNT_LINK:
            continue
        for link in element.iter("a"):
            target = absolute_url(url, link.get("href") or "")
            if target and canonicalize(target) == current and not zones.excluded(link):
                number = count_in(_string(link))
                if number is not None:
                    return number
    return None


_PAGE_HREF = re.compile(r"/comment-page-\d+|[?&](?:cpage|page|comments?[-_]?page|"
                        r"commentpage|comment_page)=\d+", re.I)


_PAGE_PATH = re.compile(r"/comment-page-\d+/?$|/$")
_PAGE_PARAMS = {"cpage", "page", "comment-page", "comments-page", "comments_page", "commentpage",
                "comment_page", "comments", "p_c"}


def _article_key(url: str) -> tuple[str, str, str]:
    """What a comment page's URL shares with its article's: host, path, other parameters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ("", url, "")
    query = sorted(pair for pair in parse_qsl(parts.query) if pair[0].lower() not in _PAGE_PARAMS)
    return (parts.netloc.lower(), _PAGE_PATH.sub("", parts.path), str(query))


def _page_urls(signals: _Signals, containers: list, url: str) -> list[str]:
    """Rule 6: the comment section's other pages, absolute, in page order, once each."""
    links = list(signals.page_links)
    for element, flags in signals.named:
        if flags & _PAGER:
            links.extend(element.iter("a"))
    for container in containers:
        links.extend(a for a in container.iter("a")
                     if "page" in (href := a.get("href") or "") and _PAGE_HREF.search(href))
    links.sort(key=lambda link: link.sourceline or 0)
    seen = {canonicalize(url)}
    article = _article_key(url)
    pages = []
    hrefs: set[str] = set()
    for link in links:
        href = (link.get("href") or "").strip().split("#", 1)[0]
        if not href or href in hrefs or href.startswith(("javascript:", "mailto:")) or \
                "replytocom" in href:
            continue
        hrefs.add(href)
        absolute = absolute_url(url, href)
        if not absolute or not absolute.startswith(("http://", "https://")):
            continue
        absolute = urldefrag(absolute)[0]
        key = canonicalize(absolute)
        if key not in seen and _article_key(absolute) == article:
            seen.add(key)
            pages.append(absolute)
    return pages


# -- the rules together -----------------------------------------------------------------------


def find_comments(page: Selector, url: str, article_url: str | None = None) -> CommentSection:
    """The comment section of `page`, saved from `url`. `article_url` (default `url`) is the
    article the comments belong to: comments without an id of their own get a hash of it."""
    root = getattr(page, "root", None)
    if not isinstance(root, etree._Element):
        return CommentSection()
    signals = _collect(root)
    if not signals:
        return CommentSection()
    article_url = article_url or url
    zones = _Zones(signals.forms)
    try:
        objects = json_ld_objects(page) if signals.json_ld else []
    except RecursionError:  # JSON nested past the recursion limit makes json.loads give up
        objects = []
    named, groups = _containers(signals, zones)
    comments: list[Comment] = []
    sections = set(named)
    items = _markup_items(signals.items, zones, sections)
    if items:
        item_set = set(items)
        comments = _build([_read_item(item, item_set, url) for item in items], article_url,
                          sections)
    if not comments and objects:
        comments = _build(_json_ld_reads(objects, url, article_url), article_url)
    if not comments and groups:
        items = _generic_items(groups)
        item_set = set(items)
        comments = _build([_read_item(item, item_set, url) for item in items], article_url)
    return CommentSection(
        comments=comments,
        open=_open_state(signals, named, zones),
        count=_stated_count(signals, objects, url, zones),
        provider=signals.provider,
        page_urls=_page_urls(signals, named, url),
    )
