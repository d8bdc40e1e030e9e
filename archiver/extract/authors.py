"""Authors: a clean list of names from the most trustworthy source.

The order: JSON-LD `author` persons and `author` meta tags, then the page's bylines (selectors
real themes use, text bylines "By A and B", labels, signatures); the byline also wins over a
declared staff credit, a CMS login or the site's own name. Names lose roles, dates, handles and
the site's name; co-authors are split apart and organisations kept whole. A site profile that
matches overrides all of this (`extract`, `profiles`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html import unescape

from babel import Locale
from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from ..dedupe import site_of
from .metadata import (
    TITLE_SEPARATOR,
    document_title,
    first,
    fold,
    is_site_name,
    links_home,
    similarity,
)
from .structured import names
from .text import collapse

_TEXT = etree.XPath("string()")
_BY = re.compile(
    r"^\s*(?:(?:posted|written|published|veröffentlicht|geschrieben|eingestellt|publié|publicado|"
    r"escrito|(?:zeige |view |see )?(?:alle |all )?(?:beiträge|artikel|posts|articles|stories)|"
    r"(?:ein |blog ?|gast)?beitrag|(?:ein )?artikel|pressemitteilung|medienmitteilung|"
    r"pressemeldung|press release)\s+)?"
    r"(?:(?:by|von|vom|par|por|di|door|av|af|от|автор[ы]?|author|autor|autorin) ?:?\s+|"
    r"(?:interview|text|texte|texto|words)"
    r"(?:\s+(?:und|and|&|et|y)\s+(?:interview|text|texte|texto|words|fotos?|photos?))? ?:\s*)",
    re.I)
# A date or time in a byline ("Jane Roe | 3 May 2024, 10:00"), not a user name's digits.
_DATE_IN_NAME = re.compile(r"\d{1,2}[.:/]\d|\b\d{4}\b|^\d+$|\b\d{1,2}\.?$")
# Co-authors' separators; a radio interview's credit names both sides ("Richard David Precht im
# Gespräch mit Karin Fischer", "Jane Roe in conversation with John Doe").
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\bog\b|\boch\b|&|\s\|\s|"
                           r"\bim gespräch mit\b|\bin conversation with\b)\s*", re.I)


# Where pages put bylines, most specific first; the first selector with a match wins.
BYLINE_SELECTORS = [
    '[itemprop="author"] [itemprop="name"]', '[itemprop="author"]', '[rel="author"]',
    # Themes' own spellings: "td-post-author-name", "post-author-name", "author__name"; not a
    # picture's author ("field--name-field-image-author"). Forums name the thread's starter in
    # the thread's header (XenForo's ".p-description") and each post's author (phpBB's
    # "<p class="author">Beitrag von <a class="username">r23</a> » 26. Apr 2020").
    ".author-name", '[class*="author"][class*="name"]:not([class*="image"]):not([class*="img"])'
    ':not([class*="photo"]):not([class*="foto"]):not([class*="bild"])',
    ".byline__author", ".byline-author", ".entry-author", ".post-author",
    ".author .fn", ".vcard .fn", ".p-description .username", ".author .username",
    'a[href*="/author/"]', 'a[href*="/autor/"]', ".author",
    ".byline", ".autor", ".node__author",
]
# Each selector with the class-name parts it needs ("author" for `.author .fn`, not those under
# `:not`): a selector whose parts the page's classes lack cannot match, and its scan of the
# whole page is skipped.
_CLASS_PARTS = re.compile(r'\.([\w-]+)|\[class\*="([^"]+)"\]')
_Selectors = list[tuple[etree.XPath, list[str]]]


def _compiled(selectors: list[str]) -> _Selectors:
    return [(etree.XPath(HTMLTranslator().css_to_xpath(css)),
             [dot or star for dot, star in _CLASS_PARTS.findall(re.sub(r":not\([^)]*\)", "", css))])
            for css in selectors]


_BYLINE_XPATHS = _compiled(BYLINE_SELECTORS)
# Any class that speaks of an author or a byline ("header-info__author-link", "date-author",
# "author-info__txt", "c-page-intro__author"): a page with no declared author and no byline the
# selectors above or a text byline find may still mark one so.
_LOOSE_BYLINE_XPATHS = _compiled(['[class*="author"]', '[class*="autor"]', '[class*="byline"]'])
_CLASSES = etree.XPath("//@class", smart_strings=False)
# A block with a heading is an author box ("About the author", then a biography), no byline:
# its text runs the heading into the biography.
_HEADED = etree.XPath("boolean(descendant::h2 | descendant::h3 | descendant::h4"
                      " | descendant::h5 | descendant::h6)")
# A name in comments, an aside, the page's footer or a picture's caption is someone else's (a
# footer inside the <article> is the story's own: "Beitrag von ...", the author's card).
_NOT_A_BYLINE = etree.XPath(
    "ancestor-or-self::*[contains(@class, 'comment') or @id='comments' or "
    "self::footer[not(ancestor::article)] or self::aside or self::figcaption]")
_ROLE = re.compile(
    r"\b(?:correspondent|reporter|editor|staff|writer|contributor|columnist|journalist|"
    r"photographer|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|chefredakt\w*|"
    r"rédact\w+|periodista|corresponsal|updated|published|aktualisiert|veröffentlicht)\b", re.I)


# A site's domain as an author: "STERN.de", "Deutsche Welle (www.dw.com)", "Agentur GmbH
# www.agentur.de".
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}$|\bwww\.", re.I)
# A profile link's words around the name: "Alles von Martin Junker", "Johanna Kropfitsch Alle
# Artikel" ("All posts by X" is `_BY`'s).
_ALL_POSTS = re.compile(r"^(?:alles|more) (?:von|by) |\s+(?:alle (?:artikel|beiträge)|"
                        r"all (?:posts|articles)|mehr artikel|more articles)$", re.I)
# Not a name: an e-mail address, a URL slug ("sophie-foster", not "PETA-Team"), an image credit
# in a byline, a CMS's default account ("admin"), a profile card's button ("Follow"), an author
# box's heading ("About the author"; "Über den Autor", "Sobre el autor" name a role, `_ROLE`,
# and are no name either).
_NOT_A_NAME = re.compile(r"@|\[at\]|\(at\)|^(?-i:[a-z0-9]+(?:-[a-z0-9]+)+)$|"
                         r"^\(?(?:image|photo|foto|bild)\b|"
                         r"^(?:site ?|wordpress ?|wp ?)?admin(?:istrator)?$|^webmaster$|"
                         r"^(?:no|unknown) author$|"
                         r"^(?:follow|folgen|suivre|seguir|segui|subscribe|abonnieren)$|"
                         r"^(?:about|more about|meet) (?:the |this )?authors?:?$|"
                         r"^(?:à propos de l'|sur l')auteur$|^(?:informazioni )?sull'autore$|"
                         r"^over de (?:auteur|schrijver)$|^o autorze$|^об авторе$", re.I)
# A Twitter handle after a name: "Williams Perdomo @wperdomod".
_HANDLE = re.compile(r"(?<=\w)\s+@\w+")
# The day after a name, from its weekday on: "Tomas Spahn Fr, 18. Oktober 2019", "Jane Roe
# Tue, 05/03/2024".
_WEEKDAY_DATE = re.compile(r"\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,\s*\d.*$",
                           re.I)
# Korean bylines give the name, then the role: "신현주 기자" (reporter), "... 특파원"
# (correspondent).
_KOREAN_ROLE = re.compile(r"\s+(?:기자|특파원)$")
_DEGREE = re.compile(r"Ph\.?D\.?|M\.?D\.?|RD|LD|RN|MPH|MSc|MS|MA|MBA|DVM|CDE|FACP")
_STAFF = re.compile(r"\bstaff\b", re.I)
# A newsroom's collective byline is one credit, not a list of names: "Guardian staff and
# agencies", "Staff and wire reports", "From staff and news service reports".
_STAFF_AND_AGENCIES = re.compile(
    r"(?:from )?(?:[\w.]+ )?staff (?:and|&) (?:wire|news service|agencies)(?: services?| reports)?",
    re.I)
_LOGIN = re.compile(r"[a-z0-9]+(?:[._][a-z0-9]+)*")
# A copyright mark before a name: "© Kathrin Führes", "(c) Jane Roe", "Copyright: Jane Roe".
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*:?\s*", re.I)
# A profile card's count of articles: "9 articles", "124 Beiträge".
_COUNT = re.compile(r"^\d+ (?:articles?|posts?|stories|beiträge|artikel)$", re.I)
# Newsroom initials after a name: "Elena Oberholzer (obe)".
_INITIALS = re.compile(r"\s*\([a-zäöü.]{2,6}\)$")


def _without_final_stop(name: str) -> str:
    """'Jane Roe.' -> 'Jane Roe', but 'Perry Bacon Jr.' and 'Joe S.' keep theirs."""
    last = name.rsplit(" ", 1)[-1]
    return name if len(last) <= 3 or not name.endswith(".") else name.rstrip(". ")


# An organisation as the author: a ministry, an agency, a firm. Its name joins words by "und",
# "and", "&" and commas ("Bundesministerium für Wirtschaft und Klimaschutz", "Ministry of
# Housing, Communities and Local Government"): a list of people's names holds neither a
# lower-case "of"/"für" nor a legal form.
_ORGANISATION = re.compile(
    r"(?-i:\s(?:für|of|voor|för|van het)\s)|\b(?:GmbH|AG|e\.\s?V\.|Ltd|Inc|LLC|plc|S\.A\.|"
    r"Corp(?:oration)?|Verlag|Ministry|Ministerium|Department|Departement|Agency|Institute?|"
    r"University|Universität|Association|Verband|Stiftung|Foundation|Gesellschaft|"
    r"Administration|Bureau|Commission|Customs|Authority|Office|Police|Polizei|Council)\b|"
    r"\w(?:ministerium|verlag|verband|anstalt|behörde)\b", re.I)
# Two single words joined, and nothing else, are one name: a firm's or a blog's ("Procter &
# Gamble", "Herz und Blut"), not two people's ("Anna, Tom und Lisa" are).
_WORD_PAIR = re.compile(r"\w[\w.'’-]* (?:&|and|und|et|y) \w[\w.'’-]*", re.I)
# A place before the country in a postal tail: "Nürnberg", "Frankfurt a. M.", "Frankfurt am
# Main".
_CITY = re.compile(r"[A-ZÄÖÜ][\w-]+(?: (?:a\.|am|an der|im) ?[A-Z][\w.]*)?")


@cache
def _countries() -> frozenset[str]:
    """Country names in the languages sites most often write a postal address in."""
    found = {"usa", "u.s.", "u.s.a.", "uk"}
    for language in ("en", "de", "fr", "es", "it", "nl", "pt"):
        territories = Locale(language).territories
        found.update(name.casefold() for code, name in territories.items()
                     if len(code) == 2 and code.isalpha())
    return frozenset(found)


def _split_names(name: str) -> list[str]:
    """Co-authors apart ("A, B und C"); an organisation whole, without the postal tail of its
    address ("Olympia-Verlag GmbH, Nürnberg, Germany")."""
    if (affiliated := _AFFILIATED.fullmatch(name)) and \
            not _ORGANISATION.search(affiliated["people"]):
        name = affiliated["people"]
    pieces = re.split(r"\s*[,;]\s*", name)
    if len(pieces) > 1 and pieces[-1].casefold() in _countries():
        pieces.pop()
        if len(pieces) > 1 and _CITY.fullmatch(pieces[-1]):
            pieces.pop()
    joined: list[str] = []
    for piece in pieces:
        # What follows an organisation's name, no organisation of its own, is more of it.
        if joined and _ORGANISATION.search(joined[-1]) and not _ORGANISATION.search(piece):
            joined[-1] += ", " + piece
        else:
            joined.append(piece)
    if len(joined) == 1 and _WORD_PAIR.fullmatch(joined[0]):
        return joined
    return [part for piece in joined for part in (
        [piece] if _ORGANISATION.search(piece) else _AUTHOR_SPLIT.split(piece))]


def clean_author(name: str) -> list[str]:
    """'By A and B' -> ['A', 'B']; roles, dates, profile links and handles dropped."""
    name = _BY.sub("", _COPYRIGHT.sub("", collapse(name))).strip(" |-–—:·")
    if _STAFF_AND_AGENCIES.fullmatch(name):
        return [name]
    name = re.split(r"\s+[-–|]\s+https?://|\s+https?://", name)[0]
    name = _HANDLE.sub("", name)
    name = _WEEKDAY_DATE.sub("", name)
    name = _ALL_POSTS.sub("", name)
    parts = [_KOREAN_ROLE.sub("", _INITIALS.sub("", _without_final_stop(part.strip(" |-–—:"))))
             for part in _split_names(name)]
    names = [part for part in parts
             if part and not _DATE_IN_NAME.search(part) and not _NOT_A_NAME.search(part)
             and not _COUNT.match(part)
             # (an organisation's name may be long, but none of its parts is)
             and all(len(words.split()) <= 5 for words in _AUTHOR_SPLIT.split(part))]
    # A role is no name, but a newsroom's collective byline is all some pages say: "MND
    # Staff", "Staff Writer", "Guardian staff reporter".
    people = [part for part in names if not _ROLE.search(part)]
    names = people or [part for part in names if _STAFF.search(part)][:1]
    # Beside a name, a site ("Lrt.lt"), a description ("universiteto profesorius") and an
    # academic degree ("Grant Tinsley, PhD") are not other authors; alone they may be all the
    # page says.
    return [names[0], *(part for part in names[1:] if not _DOMAIN.search(part)
                        and not _is_description(part) and not _DEGREE.fullmatch(part))
            ] if names else []


def _is_description(part: str) -> bool:
    """Words beside a name that describe the person ("Vilniaus universiteto profesorius"):
    names are capitalised, but for short particles ("van", "de la")."""
    return sum(word[0].islower() and len(word) > 3 for word in part.split()) >= 2


def _byline_names(page: Selector, url: str, xpaths: _Selectors = _BYLINE_XPATHS) -> list[str]:
    """The names in the page's first byline markup, cleaned (`clean_author`)."""
    classes = " ".join(_CLASSES(page.root))
    for xpath, class_parts in xpaths:
        if not all(part in classes for part in class_parts):
            continue
        # `<link rel="author">`, icon-only author links and "Editor" labels name nobody: the
        # next selector may.
        # A blog theme's header marks the blog's name, linked to its home page, as an author.
        named = [(element, cleaned) for element in xpath(page.root) if not _NOT_A_BYLINE(element)
                 and not (element.tag == "a" and links_home(element, url))
                 and not _HEADED(element)
                 and (name := first(_TEXT(element), element.get("content")))
                 and len(name) <= 80 and (cleaned := clean_author(name))]
        if named:
            # Co-authors sit side by side; the same selector elsewhere is another byline.
            bylines = [cleaned for element, cleaned in named
                       if _same_byline(named[0][0], element)]
            return [name for cleaned in bylines[:4] for name in cleaned]
    return []


# A block that holds several bylines: "bylines", "article-authors", "c-author-list".
_BYLINE_BLOCK = re.compile(r"authors|autoren|autores|auteurs|bylines|(?:author|byline)[-_]?list",
                           re.I)


def _same_byline(first_name: etree._Element, other: etree._Element) -> bool:
    """Whether `other` sits beside `first_name` in one byline: under the same parent, or each in
    its own card within one block of bylines (`<div class="bylines"><div class="byline">…
    <a rel="author">` twice)."""
    if other.getparent() is first_name.getparent():
        return True
    # The block is as many levels above each name, a few at most.
    for first_up, other_up in zip(list(first_name.iterancestors())[:4],
                                  list(other.iterancestors())[:4], strict=False):
        if first_up is other_up:
            return bool(_BYLINE_BLOCK.search(first_up.get("class") or ""))
    return False


# A name in a text byline: "Jana Berger", "Ludwig van der Berg"; co-authors go by "and" or by
# commas, a full name after a comma ("Von Bill MCCARTHY, Marisha GOLDHAMER"), not the place a
# single word names ("Von Ines Zöttl, Washington").
_WORD = r"[A-ZÄÖÜÉ][\w.'’-]+"
_NAME = rf"{_WORD}(?: (?:(?:de|van|von|der|da|di|le|la) )*{_WORD}){{0,3}}"
_FULL_NAME = rf"{_WORD}(?: (?:(?:de|van|von|der|da|di|le|la) )*{_WORD}){{1,3}}"
_NAMES = rf"{_NAME}(?:, {_FULL_NAME}| (?i:and|und|et|y|&) {_NAME}){{0,3}}"
# Full names only, by slash, comma or "and": "Jana Roe/John Doe", "Jane Roe and John Doe".
_FULL_NAMES = rf"{_FULL_NAME}(?:(?:\s*/\s*|, | (?i:and|und|et|y|&) ){_FULL_NAME}){{0,3}}"
# People with their newsroom after them: "Jane Roe and John Doe of The Times", "Jane Roe of the
# Associated Press" (full names only: "Bank of England" is one name).
_AFFILIATED = re.compile(rf"(?P<people>{_FULL_NAMES}) of (?:the |The )?[A-Z].*")

# A byline written as text with no markup of its own: "Posted by Konstantin", "Posted on
# 21 September 2020 by Adi Tzlil", "By Giovanni Gaggero | 12/10/2020", "---- by Kenneth Surin",
# "Ein Artikel von Pamela Sladky | 27.01.2022", or after a label: "Autor: Klausmartin Friedrich",
# "Verfasst von: Olga", French "Auteur : Kossivi Tiassou", "Text: Ursula Eggers" ("Text von X
# Illustration von Y": the picture's credit is not the name's); after the day TYPO3's news
# plugins put first ("05.02.2020 - Redaktion: Eberhard Fuhr (Pressesprecher)"), the role in
# brackets not the name's; German gendered labels need no colon ("Autorin/Autor Roman
# Goncharenko"). Meta lines are lists too ("<li>By Jemima Kelly</li>"), and labelled fields
# follow a dated one ("Datum: 03.11.2021 Autor: Peter Maahn/SP-X", "06.11.2023 13:30 von
# Olga"), the name ending at the next label ("Autor: Fritz Imhof Quelle: Livenet") or at an
# agency after a slash.
_SHORT_TEXTS = etree.XPath(
    "//body//*[self::p or self::span or self::div or self::em or self::strong or self::small or "
    "self::time or self::h4 or self::h5 or self::h6 or self::address or self::li or self::dd]"
    "[not(*[self::p or self::div])][string-length(normalize-space()) < 100]"
    "[not(ancestor::footer[not(ancestor::article)] or ancestor::aside or ancestor::nav or "
    "ancestor::form or ancestor::*[contains(@class, 'comment')])]")
_TEXT_BYLINE = re.compile(
    r"^\W*(?:(?i:datum|date) ?: ?)?"
    r"(?:\d{1,2}\.\d{1,2}\.\d{2,4}(?:,? \d{1,2}:\d{2}(?: (?i:uhr))?)?(?:\s*[-–|·]\s*|\s+))?"
    r"(?:(?i:posted|written|published|veröffentlicht|geschrieben|verfasst|erstellt|"
    r"(?:ein |blog ?|gast)?beitrag|(?:ein )?artikel|text)"
    r"(?: (?i:on|am) [^|]{3,30}?)? )?(?:(?i:by|von|par|por):? |"
    r"(?i:autor|autorin|autoren|author|authors|auteur|text|texto|redaktion) ?: ?|"
    r"(?i:autorin/autor|autor/autorin|autor\*in|autor:in):? )"
    rf"({_NAMES})"
    r"(?:\s*(?:[|,–—(/-]|\b(?i:on|am|le|el|fotos?|photos?|bilder?|illustrations?)\b|\d|"
    r"[A-ZÄÖÜ]\w+ ?:)|\W*$)")

# A news plugin's meta line that gives the day, perhaps the time, then the author's full name
# alone: "11.12.2019 - Amelie Loevenich", "04.02.2022 | 13:10 Uhr | Uta Helkenberg".
_DATED_NAME = re.compile(
    r"^\W*\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*[-–|·,]?\s*\d{1,2}:\d{2}(?: (?i:uhr))?)?\s*[-–|·]\s*"
    r"([A-ZÄÖÜÉ][\w'’-]+(?: [A-ZÄÖÜÉ][\w.'’-]+){1,2})\s*$")


# "von Montag bis Sonntag", "by Friday": a day or month after "by" is a date, not a name.
_DAY_OR_MONTH = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|diens|donners|frei|sams|sonn)tag|"
    r"mittwoch|samedi|dimanche|(?:lun|mar|mercre|jeu|vendre)di|january|february|march|april|may|"
    r"june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember", re.I)


def _text_byline(page: Selector) -> list[str]:
    for element in _SHORT_TEXTS(page.root):
        text = first(_TEXT(element)) or ""
        # A meta line's parts side by side: "yas! | By Cara Stiles | April 13, 2020". A name
        # with no label must follow the day at the line's start: in "03:07 Min. | 25.04.24 |
        # Jane Roe" it credits a video.
        for match in (_TEXT_BYLINE.match(text), _DATED_NAME.match(text),
                      *map(_TEXT_BYLINE.match, text.split(" | ")[1:])):
            if match and not _DAY_OR_MONTH.fullmatch(match.group(1).split()[0]):
                return [match.group(1)]
    return []


def _names_the_site(name: str, publisher: set[str], title_parts: list[str], address: str) -> bool:
    """Whether a declared author is the site: its publisher's name ("DER SPIEGEL"), its domain
    ("STERN.de"), the <title>'s head or tail ("Headline | Die FURCHE") or its host's name in
    other spelling ("Badische Zeitung" on badische-zeitung.de, "unocero" on unocero.com)."""
    if fold(name) in publisher or _DOMAIN.search(name) or len(title_parts) > 1 and fold(
            name) in (fold(title_parts[0]), fold(title_parts[-1])) or any(
            similarity(name, known) >= 0.5 for known in publisher):
        return True
    # A long declared author that merely ends with the site's name is a person's description.
    return len(name.split()) <= 4 and is_site_name(name, None, address) \
        or _abbreviates_the_site(name, publisher, address)


def _initials(words: str, capitalised_only: bool = False) -> str:
    return "".join(word[0] for word in re.split(r"[\s-]+", words)
                   if word[:1].isalpha() and (not capitalised_only or word[0].isupper())).casefold()


def _abbreviates_the_site(name: str, publisher: set[str], address: str) -> bool:
    """Whether a declared author is the site's initials ("LN" for "Lübecker Nachrichten") or
    spells out the host's ("Hanns-Seidel-Stiftung e.V." on hss.de)."""
    if 2 <= len(name) <= 5 and name.isupper() and name.casefold() in map(_initials, publisher):
        return True
    host = re.sub(r"\W", "", site_of(address).rsplit(".", 1)[0])
    return len(host) >= 2 and len(name.split()) > 1 and _initials(name, True) == host


def _all_name_the_site(declared: list[str], publisher: set[str], page: Selector, url: str,
                       meta: dict[str, list[str]], page_title: str | None) -> bool:
    """Whether every declared author is the site (see `_names_the_site`)."""
    title_parts = TITLE_SEPARATOR.split(
        document_title(page) if page_title is None else page_title)
    address = first(*meta.get("og:url", []),
                    page.xpath("//link[@rel='canonical']/@href").get(), url) or ""
    return all(_names_the_site(name, publisher, title_parts, address) for name in declared)


def _cleaned(raw_names: Iterable[str]) -> list[str]:
    """The names in `raw_names`, entities decoded and cleaned (`clean_author`)."""
    return [name for raw in raw_names for name in clean_author(unescape(raw))]


_SUBMITTED_BY = etree.XPath(HTMLTranslator().css_to_xpath(".submitted .username"))
# Chinese news pages name the editor in charge after the story, and no one else:
# "(责编：牛镛、岳弘彬)", "【纠错】 责任编辑： 焦鹏" ("作者：" names a writer the same way).
_CHINESE_LABEL = etree.XPath("//body//text()[contains(., '责任编辑') or contains(., '责编') or "
                             "contains(., '作者')]")
_CHINESE_BYLINE = re.compile(r"(?:责任编辑|责编|作者)\s*[:：]\s*([\u4e00-\u9fff·]{2,5}"
                             r"(?:\s*[、，,]\s*[\u4e00-\u9fff·]{2,5})*)")


def _chinese_byline(page: Selector) -> list[str]:
    for text in _CHINESE_LABEL(page.root):
        match = _CHINESE_BYLINE.search(text)
        if match:
            return re.split(r"\s*[、，,]\s*", match.group(1))
    return []


# A story signed with its writer's name alone in bold or italics, a paragraph of its own below
# the text or between the standfirst and the text: "<p style="text-align:right"><strong>Lê
# Phương</strong></p>", "<p><strong>Mohloai Mpesi</strong></p>", "<p><strong>Jana Roe/John
# Doe</strong></p>"; a subheading ("<p><strong>Neue Regeln</strong></p>") opens a section or
# stands between paragraphs of text.
_LONG = "string-length(normalize-space()) > 100"
_SIGNATURES = etree.XPath(
    "//body//p[count(*) = 1][*[self::strong or self::b or self::em or self::i]]"
    "[string-length(normalize-space()) < 60][count(../p) > 2]"
    # Below the text, nothing after it; or short paragraphs above it and the text right below.
    "[not(following-sibling::*[normalize-space()]) or preceding-sibling::p[normalize-space()]"
    f" and not(preceding-sibling::p[{_LONG}]) and following-sibling::*[1][self::p][{_LONG}]]"
    "[not(ancestor::footer or ancestor::aside or ancestor::nav or "
    "ancestor::*[contains(@class, 'comment')])]")
_SIGNATURE = re.compile(_FULL_NAMES)


def _signature(page: Selector) -> list[str]:
    for paragraph in _SIGNATURES(page.root):
        if (paragraph.text or "").strip() or (paragraph[0].tail or "").strip():
            continue
        text = first(_TEXT(paragraph)) or ""
        if _SIGNATURE.fullmatch(text):
            return re.split(r"\s*/\s*", text)
    return []


# A byline's label in an element of its own, the name in the text or the element after it:
# "<strong>Autor:</strong> <a>Klausmartin Friedrich</a>", "<h4>Autor</h4><p><a>Nikolai
# Huke</a></p>", "<span>By</span><span><a>Alex Roe</a></span>", "<b>Von:</b><br><br>Götz
# Warnke".
_LABELS = etree.XPath(
    "//body//*[self::span or self::strong or self::b or self::em or self::small or self::label or "
    "self::dt or self::h4 or self::h5 or self::h6][not(*)][string-length(normalize-space()) < 12]"
    "[not(ancestor::footer[not(ancestor::article)] or ancestor::aside or ancestor::nav or "
    "ancestor::form or ancestor::*[contains(@class, 'comment')])]")
# "by"/"von" in any case; a noun capitalised or before a colon, not a role in a list of people
# ("Marie Arana, <span>author</span>").
_LABEL_NOUNS = ["autor", "autorin", "autoren", "author", "authors", "auteur", "verfasser",
                "verfasserin", "text"]
_LABEL = re.compile(rf"(?i:by|von)\s*:?|(?i:{'|'.join(_LABEL_NOUNS)})\s*:|"
                    rf"{'|'.join(noun.capitalize() for noun in _LABEL_NOUNS)}")
_LABELLED_NAMES = re.compile(_NAMES)


def _text_after(label: etree._Element) -> str:
    """The first text after `label`: its tail, else the next sibling's text or tail."""
    if tail := first(label.tail):
        return tail
    for sibling in label.itersiblings():
        if text := first(_TEXT(sibling), sibling.tail):
            return text
    return ""


def _labelled_byline(page: Selector) -> list[str]:
    for label in _LABELS(page.root):
        if _LABEL.fullmatch(first(label.text) or ""):
            name = _text_after(label).strip(" ,;|")
            if _LABELLED_NAMES.fullmatch(name) and not _DAY_OR_MONTH.match(name):
                return [name]
    return []


# WordPress marks the comments the post's own author writes ("<li class="comment
# bypostauthor">"): the name over such a reply is the post's author ("<b class="fn">Karoline
# Herr</b> <span class="says">sagt:</span>", else "<p class="comment-author">MikeNils</p>").
_POST_AUTHOR_REPLIES = [etree.XPath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' bypostauthor ')]"
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name_class} ')]")
    for name_class in ("fn", "comment-author")]


def _post_author_replies(page: Selector) -> list[str]:
    for xpath in _POST_AUTHOR_REPLIES:
        if names := [name for element in xpath(page.root)
                     if (name := first(_TEXT(element))) and len(name) <= 60]:
            return names
    return []


def _page_byline(page: Selector, url: str) -> list[str] | None:
    """The cleaned names of the page's byline, in its markup or else in its text; None when
    the page has none. A text byline whose name `clean_author` drops ("By Editor")
    gives []: the page's byline names nobody."""
    markup = _byline_names(page, url)
    if markup:
        return markup
    text = _text_byline(page) or _labelled_byline(page) or _chinese_byline(page) \
        or _signature(page)
    if text:
        return _cleaned(text)
    # Drupal's "Submitted by <account> on <day>": the account that posted the story, which a
    # byline written in the text outranks ("Gespeichert von human" above "Beitrag von …").
    poster = _cleaned(first(_TEXT(element)) or "" for element in _SUBMITTED_BY(page.root)[:1])
    return poster or None


def _full_name(page: Selector, given: str) -> str:
    """A declared author that is a first name only (a blog account's display name, "Nils") as
    a short text of the page writes it out: "Eine Kolumne von Nils Pickert", "Todd Bates"."""
    written = re.compile(rf"(?:^|\s)({re.escape(given)}(?: [A-ZÄÖÜ][\w'’-]+){{1,2}})\W*$")
    for element in _SHORT_TEXTS(page.root):
        match = written.search(first(_TEXT(element)) or "")
        if match:
            return match.group(1)
    return given


def _declared_authors(ld: dict, meta: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The declared authors as written and their cleaned names (`_cleaned`): JSON-LD's, the
    ones that name someone; without those ("admin"), the meta tags'."""
    ld_names = names(ld.get("author"))
    cleaned = [clean_author(unescape(name)) for name in ld_names]
    if any(cleaned):
        return ([name for name, found in zip(ld_names, cleaned, strict=True) if found],
                [name for found in cleaned for name in found])
    declared = [value for key in ("author", "article:author", "dc.creator", "parsely-author",
                                  "sailthru.author", "byl") for value in meta.get(key, [])
                if not value.startswith(("http://", "https://"))]  # article:author: often a URL
    return declared, _cleaned(declared)


def authors(page: Selector, url: str, ld: dict, meta: dict[str, list[str]],
            page_title: str | None = None) -> list[str]:
    """Names of the article's authors: JSON-LD, meta tags, then the page's byline.
    `page_title`: the page's `document_title`, when the caller has read it."""
    declared, named = _declared_authors(ld, meta)
    # A meta author that is the publisher ("STERN.de", "Lesotho Times") names no one: the
    # byline may.
    publisher = {fold(name) for name in (*names(ld.get("publisher")),
                                          *meta.get("og:site_name", []))}
    byline = None
    # A declared staff byline ("Staff Writer") gives way to a person the page's byline names.
    # So does a CMS's login ("arianschlichenmayer", "christian.stadtfeld", "gabor_munier").
    if not named or all(_STAFF.search(name) or _LOGIN.fullmatch(name) for name in named) \
            or _all_name_the_site(declared, publisher, page, url, meta, page_title):
        byline = _page_byline(page, url)
        if byline is None and not named:
            # Loose markup is a last resort: beside a declared site name it is often a source
            # line ("Quelle: sid/dpa") or a newsroom's initials.
            byline = _byline_names(page, url, _LOOSE_BYLINE_XPATHS) \
                or _cleaned(_post_author_replies(page)[:1]) or None
        if byline and all(fold(name) in publisher for name in byline):
            # Byline markup that names the site ("The Planetary Press") gives way to a person
            # a text byline names ("Written by: Julie Mollins").
            text = _cleaned(_text_byline(page) or _signature(page))
            if text and not any(fold(name).startswith(tuple(publisher)) for name in text):
                byline = text
    else:
        # SEO plugins declare the post's owner; the byline may name co-authors beside them.
        shown = _byline_names(page, url)
        folded = {fold(name) for name in shown}
        if len(shown) > len(named) and all(fold(name) in folded for name in named):
            byline = shown
    # A first name only, not an agency's short name ("dpa", "AFP").
    if byline is None and named and all(" " not in name and name.istitle() for name in named):
        named = [_full_name(page, name) for name in named]
    result: list[str] = []
    for part in named if byline is None else byline:
        # "Support Team" and "vom Support Team": keep the plain name once.
        if not any(part.lower() in known.lower() or known.lower() in part.lower()
                   for known in result):
            result.append(part)
    # "By Rob Picheta, CNN": the publisher beside a name is no author.
    people = [name for name in result if fold(name) not in publisher]
    return people or result

