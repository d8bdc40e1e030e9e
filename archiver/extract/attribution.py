"""Source attribution: how pages credit where a story came from.

Each rule finds a credit in one paragraph of body text. Notes that stand apart from the story
("(Source attribution: X)", "Source: X", "Originally published by X", "With reporting by X",
"(via X)") are removed from the paragraph; a wire-service dateline ("PARIS (AFP) -") is part of
the lede's sentence and "X contributed to this report" closes the story, so they stay in the text
and are only recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dedupe import same_site, site_of
from .metadata import is_site_name
from .text import collapse

# Wire services by the abbreviations datelines use, mapped to one spelling.
WIRE_SERVICES = {
    "ap": "AP", "the associated press": "AP", "associated press": "AP", "reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
    "upi": "UPI", "tass": "TASS", "ria novosti": "RIA Novosti", "interfax": "Interfax",
    "xinhua": "Xinhua", "kyodo": "Kyodo", "yonhap": "Yonhap", "pti": "PTI", "ians": "IANS",
    "ani": "ANI", "apa": "APA", "epd": "epd", "kna": "KNA", "sda": "SDA", "anp": "ANP",
    "belga": "Belga", "pap": "PAP", "ctk": "ČTK", "čtk": "ČTK", "europa press": "Europa Press",
    "lusa": "Lusa", "bloomberg": "Bloomberg", "cna": "CNA", "bernama": "Bernama", "aa": "AA",
    "wafa": "WAFA", "sana": "SANA", "irna": "IRNA", "mena": "MENA", "ukrinform": "Ukrinform",
}
_NAME = r"[^\s()][^()\n]{0,80}?"
_END = r"\s*[.;]?\s*$"
_SOURCE_WORDS = (r"(?:sources?|source\(s\)|quelles?|fuentes?|fontes?|fonti|источники?|"
                 r"bron(?:nen)?|źródło|出典|出所)")


@dataclass(frozen=True)
class Rule:
    """A way of crediting a source: `pattern` has a `src` group; `removes` drops the match."""

    kind: str
    pattern: re.Pattern[str]
    removes: bool = True


RULES = [
    Rule("source attribution", re.compile(
        rf"\s*\(\s*source attribution\s*:\s*(?P<src>{_NAME})\s*\)", re.I)),
    Rule("source line", re.compile(
        rf"^\s*\(?{_SOURCE_WORDS}\s*[:：]\s*(?P<src>{_NAME})\)?{_END}", re.I)),
    Rule("source note", re.compile(
        rf"\s*\(\s*{_SOURCE_WORDS}\s*:\s*(?P<src>{_NAME})\s*\)(?=\s*[.]?\s*$)", re.I)),
    Rule("first published", re.compile(
        r"^\s*(?:this (?:article|story|piece|post)|a version of this (?:article|story)|it)?\s*"
        r"(?:was\s+)?(?:originally|first)\s+(?:published|appeared|posted|ran)\s+"
        rf"(?:by|at|on|in)\s+(?P<src>{_NAME})(?:\s+on\s+[^.]+|\s*\(.*\))?{_END}", re.I)),
    Rule("republished", re.compile(
        rf"^\s*(?:re(?:published|printed)|reproduced) (?:with permission )?(?:from|by) "
        rf"(?P<src>{_NAME}){_END}", re.I)),
    Rule("with reporting by", re.compile(
        rf"^\s*\(?(?:with |additional )?reporting by (?P<src>{_NAME})\)?{_END}", re.I)),
    # "— via X" in lower case: "– Via Bologna, 32" is an address.
    Rule("via", re.compile(
        rf"(?:\s*\(\s*via\s+(?P<src>{_NAME})\s*\)|\s+[—–-]+\s*(?-i:via)\s+(?P<src2>{_NAME}))"
        r"(?=\s*[.]?\s*$)", re.I)),
    # AP's closing line, part of the story's last paragraph: it stays in the text.
    Rule("contributed", re.compile(
        r"(?:^|(?<=[.!?]\s))(?P<src>[A-Z][^.!?\n]{1,200}?)\s+contributed\s+(?:reporting\s+)?"
        r"to\s+this\s+(?:report|story|article)\s*\.?\s*$"), removes=False),
    Rule("wire dateline", re.compile(
        r"^(?:[A-ZÀ-ÝА-Я][\w'’.,/ -]{0,40}?\s*)?"
        r"\(\s*(?P<src>[A-Z][\w.&-]*(?:[ -][A-Z][\w&-]*){0,3})"
        r"\s*\)\s*(?:\.?\s*[-–—]+|:)"), removes=False),
]
# Sources listed together ("Reuters, AFP and dpa", "MDR/dpa"); "&" is part of names
# ("Simon & Schuster").
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|/)\s*", re.I)
# Where a Reuters-style credit line moves from sources to the desk: "; Editing by X".
_DESK = re.compile(r"[;.]\s*(?:editing|edited|writing|written|compiled|graphics|fact-checking)"
                   r"\s+by\b.*", re.I)
# Not a source in a list: a newsroom's initials ("MDR/ls"; "dpa" is a wire service), an
# issue's number or year.
_NO_SOURCE = re.compile(r"^(?:[a-zäöü]{1,3}|\d+)$")
# What kind of document the source gave, not who gave it: "Quelle: TU Darmstadt,
# Pressemitteilung".
_DOCUMENT_KIND = re.compile(r"^(?:press(?:e)?[- ]?(?:release|mitteilung|meldung|information)|"
                            r"news release|medienmitteilung|communiqué(?: de presse)?|"
                            r"comunicado(?: de prensa)?|nota de prensa|comunicato stampa|"
                            r"persbericht)$", re.I)
# A magazine's issue after its name: "selbst ist der Mann 12 / 2013", "c't Nr. 5/2020".
_ISSUE = re.compile(r"\s*,?\s+(?:(?:nr|no|heft|ausgabe|issue)\.?\s*)?\d{1,2}\s*/\s*"
                    r"(?:19|20)\d\d$", re.I)
# A source given as its address, perhaps with a description after it.
_URL = re.compile(r"^(?:https?://|www\.)\S+", re.I)
# A name ending in initials with dots ("F.A.Z", once its end punctuation is cut).
_INITIALS = re.compile(r"(?:^|\s)(?:\w\.)+\w$")
# A label a declared source may carry ("Quelle: dpa", "来源：新华网"), a copyright sign.
_LABEL = re.compile(rf"^(?:{_SOURCE_WORDS}|来源)\s*[:：]\s*|^(?:©|\(c\))\s*", re.I)


@dataclass
class Attribution:
    """What the attribution rules found in a body: the cleaned paragraphs and the credits."""

    paragraphs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)


def normalise_source(name: str) -> str:
    """One spelling for a source name: trimmed, no label, quotes or end punctuation, a URL as its
    host, wires canonical."""
    name = _LABEL.sub("", collapse(name)).strip(" \"'“”‘’«».,;:-–—")
    if _INITIALS.search(name):
        name += "."  # "F.A.Z.": the last initial keeps its dot
    if address := _URL.match(name):
        name = site_of(_as_url(address[0]))
    return WIRE_SERVICES.get(name.lower(), name)


def _as_url(address: str) -> str:
    """'www.x.example/a' -> 'http://www.x.example/a': an address as a URL `site_of` reads."""
    return address if "://" in address else "http://" + address


def add_sources(found: list[str], names: list[str]) -> None:
    """Append normalised names to `found`, skipping ones already there (case-insensitive)."""
    seen = {name.lower() for name in found}
    for name in names:
        name = normalise_source(name)
        if name and name.lower() not in seen and len(name) <= 80:
            seen.add(name.lower())
            found.append(name)


# Who contributed: a newsroom's people ("Associated Press writers A in X and B in Y", "A of
# The Washington Post"), else the people themselves, without where they were.
_NEWSROOM_STAFF = re.compile(r"^(?:the\s+)?(?P<org>[A-Z].*?)\s+(?:staff\s+)?(?:writers?|"
                             r"reporters?|correspondents?|journalists?)\s+[A-Z]")
_OF_NEWSROOM = re.compile(r"\s+of\s+(?P<org>(?:the\s+)?[A-Z][^,]*)$")
_QUALIFIER = re.compile(r"staff|special|contributing|senior|our", re.I)  # no newsroom's name
_ROLE = re.compile(rf"^(?:(?:{_QUALIFIER.pattern})\s+)?(?:writers?|reporters?|"
                   r"correspondents?)\s+", re.I)
_WHERE = re.compile(r"\s+in\s+[A-Z][^,]*?(?:,\s*[A-Z][^,]*?)?(?=\s*,|\s+and\s|$)")


def _listed(text: str) -> list[str]:
    """The sources a credit line lists, without initials, issues or kinds of document."""
    if _URL.match(text):
        return [text]
    return [part for part in _SPLIT.split(_ISSUE.sub("", text))
            if part and (part.lower() in WIRE_SERVICES or not _NO_SOURCE.match(part))
            and not _DOCUMENT_KIND.match(part)]


def _contributors(text: str) -> list[str]:
    """The newsroom whose people reported, else the people, without where they were."""
    staff = _NEWSROOM_STAFF.match(text) or _OF_NEWSROOM.search(text)
    if staff and not _QUALIFIER.fullmatch(staff["org"]):
        return [staff["org"]]
    return _listed(_WHERE.sub("", _ROLE.sub("", text)))


def _credited(match: re.Match[str], rule: Rule) -> list[str]:
    text = match.group("src") or (match.groupdict().get("src2") or "")
    if rule.kind == "wire dateline" and text.lower() not in WIRE_SERVICES:
        return []
    if rule.kind in ("contributed", "with reporting by"):
        return _contributors(_DESK.sub("", text))
    if rule.kind == "source line":
        return _listed(_DESK.sub("", text))
    return [text]


def declared_sources(values: list[str], url: str, site_name: str | None) -> list[str]:
    """The sources a page declares (JSON-LD `sourceOrganization` / `isBasedOn`, meta `source`)
    that credit someone else: the site's own name or address is no credit."""
    return [value for value in values
            if not (same_site(_as_url(value.strip()), url) if _URL.match(value.strip())
                    else is_site_name(normalise_source(value), site_name, url))]


def is_credit_line(text: str) -> bool:
    """Whether a line is a credit and nothing else ("(Source attribution: X)", "Source: X",
    "With reporting by X"): the body keeps such a line where it trails the story, for
    `find_attribution` to read and remove."""
    for rule in RULES:
        match = rule.pattern.search(text) if rule.removes else None
        if match and not text[: match.start()].strip() and not text[match.end():].strip(" ."):
            return True
    return False


def find_attribution(paragraphs: list[str]) -> Attribution:
    """Apply every rule to every paragraph; drop paragraphs that were nothing but a credit."""
    result = Attribution()

    def credit(match: re.Match, rule: Rule) -> str:
        """Record the credit `match` gives, if any; what is left of it in the paragraph."""
        names = _credited(match, rule)
        if not names:
            return match.group(0)
        add_sources(result.sources, names)
        result.raw.append(collapse(match.group(0)))
        return "" if rule.removes else match.group(0)

    for paragraph in paragraphs:
        for rule in RULES:  # one pass of each rule: it records and cuts what it matches
            paragraph = rule.pattern.sub(lambda match, r=rule: credit(match, r), paragraph)
        paragraph = paragraph.strip()
        if paragraph:
            result.paragraphs.append(paragraph)
    return result
