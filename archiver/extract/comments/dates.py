"""Dates as comments write them: absolute dates in ten languages (`date_in`), relative ones
("3 days ago"), and Unix timestamps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from ..metadata import iso_date

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
# "13.47 Uhr": German sites write a time with a dot when "Uhr" follows it.
_DOTTED_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})(?=\s*Uhr\b)", re.I)
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


def _dates(text: str) -> Iterator[tuple[int, int, str]]:
    """Each pattern's first date in `text` (where it starts and ends, the date), in the
    patterns' order."""
    if not _DATEISH.search(text):
        return
    text = _DOTTED_TIME.sub(r"\1:\2", text)  # "13.47 Uhr": same length, same places
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _date_of_match(kind, match.groups())
            if date:
                yield match.start(), match.end(), date
                break


def date_in(text: str | None) -> str | None:
    """The first date written in `text` ("14 May 2024 at 18:02", "05.03.2024, 10:14",
    "March 5, 2024", "2024年3月5日"), as ISO 8601 via `iso_date`; None when there is none."""
    return next((date for _, _, date in _dates((text or "")[:300])), None)


def date_at(text: str) -> tuple[int, int, str | None] | None:
    """Where the earliest date written in `text` starts and ends, and the date (None for a
    relative one, "3 days ago"); None when `text` writes none."""
    text = text[:300]
    # Unlike `date_in`, the date that comes first in the text, not the first pattern's.
    found: tuple[int, int, str | None] | None = min(_dates(text), key=lambda date: date[0],
                                                    default=None)
    relative = _RELATIVE_DATE.search(text)
    if relative and (found is None or relative.start() < found[0]):
        found = (relative.start(), relative.end(), None)
    return found


def is_dated(text: str) -> bool:
    return date_in(text) is not None or bool(_RELATIVE_DATE.search(text[:300]))


def from_timestamp(value: str) -> str | None:
    """A Unix timestamp (Drupal's `data-comment-timestamp`) as ISO 8601 in UTC."""
    value = value.strip()
    if not value.isdigit() or not 9 <= len(value) <= 10:
        return None
    return datetime.fromtimestamp(int(value), tz=UTC).isoformat()
