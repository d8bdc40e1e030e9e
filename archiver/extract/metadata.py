"""Title, dates, language, tags and canonical URL, from the most trustworthy source (authors:
`authors.py`).

For each field the order is: JSON-LD article object, then OpenGraph / `article:*` / other meta
tags, then the page's visible markup (`<h1>`, bylines, `<time datetime>`, `<html lang>`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from html import unescape
from urllib.parse import urlsplit

import htmldate
from babel import localedata
from babel.core import get_global
from dateutil import parser as dateutil_parser
from lxml import etree
from parsel import Selector
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..dedupe import (
    absolute_url,
    canonicalize,
    is_home_path,
    same_site,
    site_of,
    strip_tracking,
    unarchived,
)
from .structured import names, text_values
from .text import collapse, without_accents

_NO_TIME = datetime(2000, 1, 1)
# Zone abbreviations news pages print, as UTC offsets in seconds (dateutil knows only UTC/GMT).
_ZONES = {"CET": 3600, "CEST": 7200, "MEZ": 3600, "MESZ": 7200, "WET": 0, "WEST": 3600,
          "EET": 7200, "EEST": 10800, "BST": 3600, "IST": 19800, "MSK": 10800, "EST": -18000,
          "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600,
          "PST": -28800, "PDT": -25200, "JST": 32400, "KST": 32400, "AEST": 36000,
          "AEDT": 39600, "UTC": 0, "GMT": 0, "Z": 0}
_HAS_ZONE = re.compile(r"T.*[+-]\d{2}:\d{2}$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./]\d{1,2}[./]\d{4}$")
# A year or a month without its day: a citation's "1988" in scholarly microdata, not a day.
_NO_DAY = re.compile(r"^\d{4}(?:[-/]\d{1,2})?$")
# "10.12.2022": dotted numeric dates put the day first wherever they are written (German,
# Russian, Polish, Nordic pages); dateutil reads them month first.
_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}\b")
# "10/05/2022", "01-11-2023": the 10th of May in most of the world, October 5th in the US.
_EITHER_WAY = re.compile(r"^\d{1,2}[/-]\d{1,2}[/-]\d{4}\b")
_LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")
# How sure py3langid must be, and on how much text, for the body to overrule a declared English.
_SURE = 0.9
_SURE_LENGTH = 200
# "Title | Site", "Title - Site", "Title – Site": a <title> usually ends with the site's name.
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·»/]+\s+")
_TEXT = etree.XPath("string()")
_TEXT_WITHOUT_RUBY = etree.XPath("descendant::text()[not(ancestor::rt or ancestor::rp)]",
                                 smart_strings=False)
def first(*values: str | None) -> str | None:
    """The first non-empty value, entities decoded (meta tags often carry `&quot;` twice)."""
    for value in values:
        value = collapse(unescape(value or ""))
        if value:
            return value
    return None


# An <h1> in these is the site's logo or a teaser, not the article's headline.
# (Page-wide classes on <html> and <body>, such as "wp-custom-logo", say nothing.)
NOT_HEADLINE = etree.XPath(
    "ancestor-or-self::*[self::header[not(ancestor::article or ancestor::main) and "
    "not(contains(@class, 'content') or contains(@class, 'entry') or "
    "contains(@class, 'article') or contains(@class, 'post'))] or "
    "self::nav or self::aside or self::footer or (not(self::html or self::body) and ("
    "contains(@class, 'logo') or contains(@class, 'site-title') or contains(@class, 'teaser')))]")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def similarity(a: str, b: str) -> float:
    words_a, words_b = _words(a), _words(b)
    return len(words_a & words_b) / max(len(words_a | words_b), 1)


def is_site_name(text: str, site_name: str | None, url: str) -> bool:
    """Whether `text` names the site at `url`: like its name, or spelling its host."""
    if site_name and similarity(text, site_name) >= 0.5:
        return True
    # "FASSETTE.NET", "AOC media": the tail spells the host's name.
    letters = re.sub(r"\W", "", without_accents(text).lower())
    host = re.sub(r"\W", "", site_of(url).rsplit(".", 1)[0])
    return len(letters) >= 3 and len(host) >= 3 and (letters in host or host in letters)


def strip_site_name(title: str, site_name: str | None, url: str) -> str:
    """'Headline | Site' -> 'Headline', when the tail is the site's name."""
    separators = list(TITLE_SEPARATOR.finditer(title))
    if separators and is_site_name(title[separators[-1].end():], site_name, url):
        return title[: separators[-1].start()].strip()
    return title


# Typography that differs between a page's headline and its meta tags.
_TYPOGRAPHY = str.maketrans({**dict.fromkeys("“”„«»‘’‚'", '"'), "–": "-", "—": "-",
                             "\u00ad": None})


def fold(text: str) -> str:
    return collapse(text.translate(_TYPOGRAPHY)).casefold()


def _shows(heading: str, declared: str) -> bool:
    """Whether `heading` is `declared` as the page shows it: in other typography, truncated,
    or with the site's name added to one of them."""
    shown, meant = fold(heading), fold(declared)
    return meant.startswith(shown) or shown.startswith(meant.rstrip(".… "))


def _part_shown(title: str, headings: list[str]) -> str | None:
    """The part of a composite title ("Section - Headline | Site") that a heading shows."""
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return None
    folded = {fold(part) for part in parts if len(part) >= 3}
    return next((heading for heading in headings if fold(heading) in folded), None)


def _uncut(declared: str, page_title: str | None) -> str:
    """A meta title cut short at a quote mark the page left unescaped in its attribute
    (content="Biden, "incapacitado""): the <title> that goes on from there with the quote."""
    rest = page_title[len(declared):].lstrip() if page_title else ""
    if page_title and page_title.startswith(declared) and rest.startswith('"'):
        return page_title
    return declared


def _without_kicker(heading: str, declared: list[str]) -> str:
    """'Kicker: Headline' -> 'Headline' when a declared title gives the headline without the
    kicker (og:title beside a JSON-LD headline or an <h1> that carry an unmarked kicker)."""
    folded = fold(heading)
    for title in declared:
        core = fold(title)
        if core and len(core) < len(folded) and folded.endswith(" " + core) \
                and folded[: -len(core)].rstrip()[-1:] in (":", "-", "|"):
            return title
    return heading


# A kicker ("Dachzeile", "topline", "eyebrow") inside an <h1> sits above the headline, a
# subtitle below it; either may be a plain <small>.
_KICKER = re.compile(r"kicker|topline|toptitle|overline|dachzeile|roofline|eyebrow|supertitle|"
                     r"pretitle|spitzmarke", re.I)
_SUBTITLE = re.compile(r"subtitle", re.I)


def _headline(h1: etree._Element) -> str | None:
    """An <h1>'s text without the kicker the page shows above it and the subtitle below, nor
    the readings ruby annotations print over its characters (Japanese furigana)."""
    if h1.find(".//rt") is None:
        text = first(_TEXT(h1))
    else:
        text = first("".join(_TEXT_WITHOUT_RUBY(h1)))
    if not text:
        return text
    parts = [(element.tag, element.get("class") or "", first(_TEXT(element)))
             for element in h1.iterdescendants(etree.Element)]
    kicker = _marked_part(parts, _KICKER, text, str.startswith)
    if kicker:
        text = text[len(kicker):].lstrip(" :|-–—·")
    subtitle = _marked_part(parts, _SUBTITLE, text, str.endswith)
    if subtitle:
        text = text[: -len(subtitle)].rstrip(" :|-–—·")
    return text


def _marked_part(parts: list[tuple[str, str, str | None]], marker: re.Pattern[str], text: str,
                 at: Callable[[str, str], bool]) -> str | None:
    """The first of an <h1>'s parts (tag, class, text) that is a <small> or has a class
    `marker` finds, and that `text` holds `at` one end (`str.startswith`, `str.endswith`)
    with more beside it."""
    return next((part for tag, cls, part in parts if tag == "small" or marker.search(cls)
                 if part and at(text, part) and len(part) < len(text)), None)


def links_home(element: etree._Element, url: str) -> bool:
    """An <h1> or a byline link that leads to the site's home page is the site's name (blog
    themes)."""
    links = [a.get("href") or "" for a in element.iter("a")]
    home = absolute_url(url, links[0]) if len(links) == 1 else None
    if not home:
        return False
    home, url = unarchived(home), unarchived(url)  # an archived page links the archived home
    return same_site(home, url) and is_home_path(urlsplit(home).path)


def site_name(ld: dict, meta: dict[str, list[str]]) -> str | None:
    """The site's name as the page declares it: OpenGraph, the web app's name, the publisher."""
    return first(*meta.get("og:site_name", []), *meta.get("application-name", []),
                 *names(ld.get("publisher")))


def description(ld: dict, meta: dict[str, list[str]]) -> str | None:
    """The page's summary of itself: OpenGraph, the meta description, Twitter, JSON-LD."""
    return first(*meta.get("og:description", []), *meta.get("description", []),
                 *meta.get("twitter:description", []), *text_values(ld.get("description")))


def _image_urls(value: object) -> list[str]:
    """URLs out of a JSON-LD `image`: a URL, an `ImageObject`, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [url for key in ("url", "contentUrl") if isinstance(url := value.get(key), str)]
    if isinstance(value, list):
        return [url for item in value for url in _image_urls(item)]
    return []


def image_url(url: str, ld: dict, meta: dict[str, list[str]]) -> str | None:
    """The story's lead image, absolute: OpenGraph, Twitter, JSON-LD."""
    for value in (*meta.get("og:image:secure_url", []), *meta.get("og:image", []),
                  *meta.get("og:image:url", []), *meta.get("twitter:image", []),
                  *meta.get("twitter:image:src", []), *_image_urls(ld.get("image"))):
        image = absolute_url(url, collapse(unescape(value)))
        if image and image.startswith(("http://", "https://")):
            return image
    return None


def section(ld: dict, meta: dict[str, list[str]]) -> str | None:
    """The site's section the story is filed under: `article:section`, JSON-LD
    `articleSection` (the first, when it lists several)."""
    return first(*meta.get("article:section", []), *text_values(ld.get("articleSection")))


def document_title(page: Selector) -> str:
    """The page's <title>, whitespace collapsed; "" when it has none."""
    return first(page.xpath("//title/text()").get()) or ""


def title(page: Selector, url: str, ld: dict, meta: dict[str, list[str]],
          page_title: str | None = None) -> str | None:
    """The headline as the page shows it: a declared one (JSON-LD, OpenGraph, Twitter) in the
    words of the page's <h1> when the <h1> shows it, else the first declared one; without any,
    the <h1>, else the part of the <title> a heading shows, else the <title>; the site's name
    cut from the end, and a kicker that a declared title leaves out. `page_title`: the
    page's `document_title`, when the caller has read it."""
    page_title = document_title(page) if page_title is None else page_title
    # JSON-LD often carries an SEO headline, OpenGraph the one the page shows: any may match.
    headlines = text_values(ld.get("headline"))
    candidates = [_uncut(value, page_title)
                  for value in map(first, (*headlines, *meta.get("og:title", []),
                                           *meta.get("twitter:title", []))) if value]
    name_of_site = site_name(ld, meta)
    h1s = [_headline(h1) for h1 in page.root.iter("h1")
           if not NOT_HEADLINE(h1) and not links_home(h1, url)]
    h1s = [h1 for h1 in h1s if h1 and h1 != name_of_site]
    if candidates:
        declared = [(value, strip_site_name(value, name_of_site, url)) for value in candidates]
        # SEO plugins truncate declared headlines or add the site's name to them.
        shown = next((h1 for value, stripped in declared for h1 in h1s
                      if _shows(h1, value) or _shows(h1, stripped)), None)
        chosen = shown or _part_shown(candidates[0], h1s)
        if not chosen and not headlines and len(h1s) == 1 \
                and similarity(h1s[0], declared[0][1]) >= 0.1:
            # Without an article's JSON-LD, og:title is an SEO plugin's title: the page's one
            # <h1> on the same subject is the headline it shows.
            chosen = h1s[0]
        return _without_kicker(chosen or declared[0][1], [stripped for _, stripped in declared])
    if h1s:
        # A page with several <h1> (logo, section, story): the one its <title> names.
        named = [h1 for h1 in h1s if page_title and fold(h1) in fold(page_title)]
        return max(named, key=len) if len(h1s) > 1 and named else h1s[0]
    if not page_title:
        return None
    headings = [text for element in page.root.iter("h2", "h3")
                if not NOT_HEADLINE(element) and (text := first(_TEXT(element)))]
    return _part_shown(page_title, headings) or strip_site_name(page_title, name_of_site, url)


def iso_date(value: str | None, day_first: bool = False) -> str | None:
    """A date as ISO 8601: with its UTC offset when the page gives a zone, a bare date when the
    page gives only a day; None when it is not a date. "01/11/2023" is read month first unless
    `day_first`."""
    value = collapse(value)
    if not value or _NO_DAY.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            with warnings.catch_warnings():
                # A zone name nobody knows ("ZZ"): keep the local time rather than no date.
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                moment = dateutil_parser.parse(value, default=_NO_TIME, tzinfos=_ZONES,
                                               dayfirst=day_first or bool(_DOTTED.match(value)))
        except (ValueError, OverflowError, TypeError):
            return None
    if not 1800 < moment.year < 2200 or _is_epoch(moment):
        return None
    if _DATE_ONLY.match(value):
        return moment.date().isoformat()
    return moment.isoformat()


def _is_epoch(moment: datetime) -> bool:
    """Whether `moment` is the Unix epoch, which CMSs print for an empty date field
    ("1970-01-01T01:00:00+01:00")."""
    return moment.replace(tzinfo=moment.tzinfo or UTC).timestamp() == 0


def _as_shown(value: str, date: str, witnesses: Iterable[str | None]) -> str:
    """`date`, read from `value`, or its day-first reading when `value` could be read either
    way and only that reading is a day the page gives elsewhere: its update in another form
    ("2022/05/10 17:36"), a <time>'s text ("1. November 2023")."""
    if not _EITHER_WAY.match(value.strip()):
        return date
    shown = {day[:10] for day in map(iso_date, witnesses) if day}
    day_first = iso_date(value, day_first=True)
    return day_first if day_first and date[:10] not in shown and day_first[:10] in shown else date


def _first_date(*values: str | None, witnesses: Iterable[str | None] = ()) -> str | None:
    """The first value that is a date (read as the page's other dates `witnesses` show it, see
    `_as_shown`); when it gives a time without a zone, the same time with its zone from another
    value ("2023-04-28 18:11:01.0" in JSON-LD, "…T18:11:01+02:00" in a meta tag); when it
    gives a day only, that day's time from another value."""
    dated = [(value, date) for value in values if value and (date := iso_date(value))]
    if not dated:
        return None
    naive = _as_shown(*dated[0], witnesses)
    if len(naive) > 10 and not _HAS_ZONE.search(naive):
        return next((date for _, date in dated[1:] if _HAS_ZONE.search(date)
                     and date[:19] == naive[:19]), naive)
    if len(naive) == 10:  # a day ("datePublished": "2019-12-03"): its time, where another says
        return next((date for _, date in dated[1:] if len(date) > 10 and date[:10] == naive),
                    naive)
    return naive


# A <time> in a list of related posts (WordPress themes' "related-posts", Jetpack's
# "jp-relatedposts") dates another article.
_NOT_RELATED = "[not(ancestor::*[not(self::html or self::body)][contains(@class, 'related')])]"
_ARTICLE_TIME = etree.XPath("//article//time[@datetime]" + _NOT_RELATED)
_TIME = etree.XPath("//time[@datetime]" + _NOT_RELATED)


# "Updated 14:20", "Aktualisiert am", "Actualizado el:", "mis à jour le": the <time> after
# such a label (or starting with it) is the last update, not the publication.
_UPDATE = (r"(?:updated|last modified|aktualisiert|actualizado|atualizado|mis à jour|"
           r"bijgewerkt|aggiornato|zaktualizowano)")
_UPDATE_BEFORE = re.compile(_UPDATE + r"(?:\s+\w{1,3})?\W*$", re.I)
_UPDATE_FIRST = re.compile(r"^\W*" + _UPDATE + r"\b", re.I)


def _is_update(time: etree._Element) -> bool:
    """Whether a `<time>` is marked as the article's last update, by microdata or a label."""
    if (time.get("itemprop") or "").lower() == "datemodified":
        return True
    shown = first(_TEXT(time)) or ""
    around = first(_TEXT(time.getparent())) or ""
    before = around[: around.find(shown)] if shown in around else ""
    return bool(_UPDATE_BEFORE.search(before) or _UPDATE_FIRST.match(shown))


def _times(page: Selector) -> list[etree._Element]:
    """The page's `<time datetime>` elements, those of its <article> if it has any."""
    return _ARTICLE_TIME(page.root) or _TIME(page.root)


def published(page: Selector, url: str, ld: dict, meta: dict[str, list[str]]) -> str | None:
    """When the article was first published: declared dates, then `<time datetime>` (not one
    marked as an update), then htmldate's reading of the page (URL, text, markup) as a day."""
    every_time = _times(page)
    times = [time for time in every_time if not _is_update(time)]
    declared = _first_date(
        *text_values(ld.get("datePublished")), *meta.get("article:published_time", []),
        *meta.get("datepublished", []), *meta.get("date", []), *meta.get("dc.date.issued", []),
        *meta.get("dc.date", []), *meta.get("pubdate", []), *meta.get("publishdate", []),
        *meta.get("sailthru.date", []), *meta.get("parsely-pub-date", []),
        *meta.get("cxenseparse:publishtime", []), times[0].get("datetime") if times else None,
        witnesses=_other_dates(ld, meta, every_time, times))
    if declared:
        return declared
    try:
        return htmldate.find_date(page.root, url=url, extensive_search=True, original_date=True)
    except Exception:  # htmldate fails in its own ways on odd pages; a date is optional
        return None


def _declared_updates(ld: dict, meta: dict[str, list[str]]) -> list[str]:
    return [*text_values(ld.get("dateModified")), *meta.get("article:modified_time", []),
            *meta.get("og:updated_time", []), *meta.get("datemodified", []),
            *meta.get("last-modified", [])]


def _update_time(times: list[etree._Element]) -> str | None:
    """The `datetime` of the first of the page's `<time>` elements (`_times`) marked as an
    update."""
    return next((time.get("datetime") for time in times if _is_update(time)), None)


def _other_dates(ld: dict, meta: dict[str, list[str]], every_time: list[etree._Element],
                 times: list[etree._Element]) -> Iterator[str | None]:
    """Days the page gives besides its publication (read only when one is needed): its
    update, the text its other `<time>` elements (`times`) show."""
    yield from _declared_updates(ld, meta)
    yield _update_time(every_time)
    yield from (first(_TEXT(time)) for time in times)


def modified(page: Selector, ld: dict, meta: dict[str, list[str]]) -> str | None:
    """When the article was last updated: declared dates, then a `<time>` marked as an update."""
    return _first_date(*_declared_updates(ld, meta)) or _first_date(_update_time(_times(page)))


def _moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:  # a site profile's date as the page prints it
        return None


def not_before(modified: str | None, published: str | None) -> str | None:
    """`modified`, or `published` when the declared update precedes the publication: a post
    saved as a draft and published later at a scheduled time keeps its last save as its
    modification date ("dateModified": "2022-12-29T13:25", "datePublished": "2023-01-01T07:00")."""
    update, publication = _moment(modified or ""), _moment(published or "")
    if not update or not publication:
        return modified
    if len(modified) == 10 or len(published) == 10:  # a day alone: compare the days
        earlier = update.date() < publication.date()
    elif (update.tzinfo is None) != (publication.tzinfo is None):  # compare the wall clocks
        earlier = update.replace(tzinfo=None) < publication.replace(tzinfo=None)
    else:
        earlier = update < publication
    return published if earlier else modified


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model, with probabilities that say how sure it is."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _known_languages() -> frozenset[str]:
    return frozenset(code.split("_")[0] for code in localedata.locale_identifiers())


# A script ("Hant"), a region ("TW", "419") or a variant ("1996", "valencia").
_SUBTAG = re.compile(r"[a-z]{4}|[a-z]{2}|\d{3}|[a-z\d]{5,8}|\d[a-z\d]{3}", re.I)


def _language_tag(value: str) -> str | None:
    """A declared language as a BCP 47 tag ("de_de" -> "de-DE", ISO 639-2 "eng" -> "en");
    None when its first part names no language (the country code "kr" for Korean pages)."""
    if not _LANGUAGE_TAG.match(value):
        return None
    primary, *subtags = value.replace("_", "-").split("-")
    primary = primary.lower()
    if len(primary) == 3:
        primary = get_global("language_aliases").get(primary, primary).split("_")[0]
    if primary not in _known_languages():
        return None
    # BCP 47's subtags, cased ("zh-Hant-TW"), up to one no language tag has ("de-ere").
    kept = []
    for tag in subtags:
        if not _SUBTAG.fullmatch(tag):
            break
        kept.append(tag.upper() if len(tag) == 2 else tag.title() if len(tag) == 4 else
                    tag.lower())
    return "-".join([primary, *kept])


def language(page: Selector, ld: dict, meta: dict[str, list[str]], body: str | None) -> str | None:
    """The declared language (JSON-LD, `<html lang>`, meta), else one guessed from the body.
    Themes and site builders ship with `lang="en-US"` that many sites writing in other
    languages keep: a declared English gives way to another language the body is surely in."""
    candidates = (*text_values(ld.get("inLanguage")), page.xpath("/html/@lang").get(),
                  *meta.get("content-language", []), *meta.get("dc.language", []),
                  *meta.get("og:locale", []))
    declared = next(filter(None, (_language_tag(value) for value in map(first, candidates)
                                  if value)), None)
    if not body or len(body) < 100 or declared and declared.split("-")[0] != "en":
        return declared
    detected, probability = _identifier().classify(body[:2000])
    if declared is None or detected != "en" and probability >= _SURE \
            and len(body) >= _SURE_LENGTH:
        return detected
    return declared


# Keywords in one string: "a, b, c" or "a; b; c"; "Business, Finance, & Economics" is one name.
_TAG_SEPARATOR = re.compile(r"[,;]")
_ONE_NAME = re.compile(r",\s*&")
_QUOTES = "'\"«»“”‘’„"
# Keywords written for machines, not readers: a UUID, a snake_case token ("_Prio_3",
# "editors_pick", "ISIN_US3453708600"), a namespaced code ("ivw:homepage", "RSBI:HUMAN-RIGHTS"),
# a path or a broken URL ("/article", "://about:blank").
_MACHINE_TAG = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|_|\S*[^\W\d_]_[^\W\d_]\S*$|"
                          r"[\w-]+:\S|[/:]", re.I)  # ("x86_64" is a reader's tag)
# A taxonomy's path ("sections/sverige", "topic/misshandel & överfall"): the term is the tag.
_TAXONOMY_PATH = re.compile(r"(?:sections?|topics?|organi[sz]ations?|persons?|people|tags?|"
                            r"categor(?:y|ies)|locations?|places?|subjects?)/(?P<term>.+)", re.I)
# Labelled keywords of news feeds ("Category: Travel", "NLP Entity Tokens: India", "Partner:
# Factiva", "Day: Friday", "WC: 1000-1999"): a topic field's value is a tag, the other fields
# are bookkeeping. Read so only when several keywords are labelled ("DIY: Farbbüchlein" alone
# is a tag).
_FIELD = re.compile(r"(?P<label>[A-Z]\w*(?: [A-Z]?\w*){0,2}): (?P<value>.+)")
_TOPIC_FIELD = re.compile(r"(?:nlp )?(?:categor(?:y|ies)|subjects?|topics?|sections?|tags?|"
                          r"keywords?|entity tokens|entities)", re.I)


def _split_tags(values: list[str]) -> list[str]:
    tags = []
    for value in map(unescape, values):
        pieces = [value] if _ONE_NAME.search(value) else _TAG_SEPARATOR.split(value)
        # A quoted list ("'VW-Chef, Diess, China'") leaves its quote marks on the ends.
        tags.extend(collapse(piece).strip(_QUOTES).strip() for piece in pieces)
    return [tag for tag in tags if tag]


def _reader_tag(tag: str, fielded: bool, url: str) -> str | None:
    """`tag` as a reader's tag, or None when it is a machine's or the site's own address."""
    if path := _TAXONOMY_PATH.fullmatch(tag):
        tag = path["term"]
    if fielded and (field := _FIELD.fullmatch(tag)):
        return field["value"] if _TOPIC_FIELD.fullmatch(field["label"]) else None
    if _MACHINE_TAG.match(tag) or " " not in tag and "." in tag and \
            _same_organisation("http://" + tag, url):
        return None
    return tag


def _clean_tags(values: list[str], url: str) -> list[str]:
    """Tags out of keyword strings, once each, without what a CMS writes for machines."""
    tags = _split_tags(values)
    fielded = sum(1 for tag in tags if _FIELD.fullmatch(tag)) >= 2
    result: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        tag = _reader_tag(tag, fielded, url)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result


def tags(ld: dict, meta: dict[str, list[str]], url: str) -> list[str]:
    """The article's tags from the first source that has some. OpenGraph's `article:tag`
    lists the editorial tags the page links to; JSON-LD keywords are often an SEO plugin's
    list of the headline's words ("juez, cita, investigado"), or left empty ("")."""
    sources = (meta.get("article:tag", []), text_values(ld.get("keywords")),
               meta.get("keywords", []), meta.get("news_keywords", []))
    return next((found for values in sources if (found := _clean_tags(values, url))), [])


def _same_organisation(declared: str, url: str) -> bool:
    """Whether `declared` is on the site of `url` or on a parent or child of its host: a site's
    editions and language subdomains name one canonical ("edition.cnn.com" -> "www.cnn.com",
    "www.linkedin.com" -> "de.linkedin.com")."""
    host, other = site_of(declared), site_of(url)
    shorter, longer = sorted((host, other), key=len)
    return bool(host) and (host == other or "." in shorter and longer.endswith("." + shorter))


def canonical_url(page: Selector, url: str, meta: dict[str, list[str]],
                  href: str | None = None) -> str:
    """The article's key: its first declared canonical URL (`href` when a site profile found
    one, `<link rel=canonical>`, `og:url`) that stays on the site, else `url`. A declared home
    page on an article's page is a CMS's default, not the article's address."""
    hrefs = (href, page.xpath('//link[contains(concat(" ", translate(@rel, "CANONICAL", '
                              '"canonical"), " "), " canonical ")]/@href').get(),
             *meta.get("og:url", []))
    on_home_page = is_home_path(urlsplit(url).path)
    for value in filter(None, map(first, hrefs)):
        declared = absolute_url(url, value)
        if declared and _same_organisation(declared, url) and (
                on_home_page or not is_home_path(urlsplit(declared).path)):
            return canonicalize(strip_tracking(declared))
    return canonicalize(strip_tracking(url))
