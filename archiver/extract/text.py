"""Decoding and text normalisation shared by the extraction rules."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
# Soft hyphens and zero-width characters: invisible on the page, they only split words.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# What XML (and so lxml) refuses: C0 controls other than tab and line breaks, non-characters.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What PHP prints into the page when a server shows its errors (old WordPress plugins):
# "<b>Warning</b>:  Use of undefined constant … in <b>/htdocs/…/plugin.php</b> on line <b>928</b>".
_PHP_ERROR = re.compile(
    r"<b>(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error)</b>:"
    r".{0,600}? on line <b>\d+</b>(?:<br\s*/?>)?")


def decode_html(html: str | bytes, content_type: str | None = None) -> str:
    """Page bytes to text: BOM, valid UTF-8, the charset of the HTTP `content_type` header or
    of the page's meta tag, then a guess. Valid UTF-8 wins over a declared charset: pages
    that say ISO-8859-1 and are UTF-8 are common, the reverse is rare."""
    if isinstance(html, str):
        return html
    if not html.startswith(_BOMS):
        try:
            return html.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return html_to_unicode(content_type, html, auto_detect_fun=_guess_encoding)[1]


def _guess_encoding(data: bytes) -> str | None:
    """For bytes that are not UTF-8 and declare no charset: a statistical guess."""
    best = from_bytes(data[:65536]).best()
    return best.encoding if best else "cp1252"


def strip_invisible(text: str) -> str:
    """Without soft hyphens and zero-width characters: invisible on the page, they only split
    words."""
    return _INVISIBLE.sub("", text)


def fold_spaces(text: str) -> str:
    """Runs of whitespace (nbsp included) as one space; soft hyphens and zero-width
    characters gone."""
    return _SPACES.sub(" ", strip_invisible(text))


def collapse(text: str | None) -> str:
    """One line of text: `fold_spaces`, trimmed. (`str.split` splits at the whitespace `\\s`
    matches, and runs the most called function here four times faster than the regexes.)"""
    text = text or ""
    if any(char in text for char in _INVISIBLE_CHARS):
        text = strip_invisible(text)
    return " ".join(text.split())


def without_controls(text: str) -> str:
    """`text` with the characters XML cannot hold made spaces."""
    return _CONTROL_CHARS.sub(" ", text)


def without_php_errors(text: str) -> str:
    """`text` without the error messages PHP printed into it: a page of them, every one
    holding a path, made the generic extractor take them for the story."""
    return _PHP_ERROR.sub("", text) if " on line <b>" in text else text


def without_accents(text: str) -> str:
    """'Vie des idées' -> 'Vie des idees': letters as a host name spells them."""
    return "".join(char for char in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(char))
