"""Article HTML that a Next.js page carries only in its scripts, not in its DOM.

Pages rendered by the Next.js App Router stream their content as "flight" data:
`<script>self.__next_f.push([1,"…"])</script>` chunks, JS string literals that join into one
stream of rows. A row is `id:JSON` up to a newline, or a text row `id:T<hex byte length>,`
followed by that many bytes of raw text, which is where a CMS's article HTML often sits. Pages
router sites keep their props in `<script id="__NEXT_DATA__">` JSON, where the body's HTML is
a string field ("body", "content", "html" …). On such pages the DOM may hold no article at
all, so the body reader would find nothing without looking here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html import unescape
from typing import AnyStr

from lxml import html

from .text import without_controls

__all__ = ["embedded_html"]

_FLIGHT_MARK = "self.__next_f.push"
_NEXT_DATA = "__NEXT_DATA__"
# A type-1 (text) flight chunk: push([1,"…"]); the literal is JSON-compatible.
_FLIGHT_CHUNK = re.compile(r'self\.__next_f\.push\(\[\s*1\s*,\s*("[^"\\]*(?:\\.[^"\\]*)*")')
_ROW = re.compile(rb"[0-9a-fA-F]*:(?:T([0-9a-fA-F]+),)?")
_ROW_TAG = re.compile(rb"[A-Z]{0,3}")
_PARAGRAPH = re.compile(r"<p[\s>](.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
# How a string shows a `<p` tag: as markup, or escaped (HTML written as text into a string);
# both count alike in `__NEXT_DATA__` and in flight rows.
_MARKUP_P = ("<p", "<P")
_MARKUP_OR_ESCAPED_P = (*_MARKUP_P, "&lt;p")
# A flight row's raw JSON, which may also write "<" as "\u003c".
_RAW_JSON_P = (*(mark.encode("ascii") for mark in _MARKUP_OR_ESCAPED_P), b"\\u003cp", b"\\u003cP")
_TAG = re.compile(r"<[^>]*>")
_DOCUMENT = re.compile(r"<(?:!doctype|html|head|body)[\s>]", re.IGNORECASE)
# A slot the page's script fills in (an ad: "$$ARTICLEAD$$"), not text.
_PLACEHOLDER = re.compile(r"\$\$[A-Z][A-Z0-9_]*\$\$")
# An article body: a few paragraphs that hold prose, not a caption or a teaser's blurb.
_MIN_PARAGRAPHS = 2
_MIN_PARAGRAPH_CHARS = 30
_MIN_PROSE_CHARS = 250
# Deeply nested props are app state, not content; a bound keeps the walk safe.
_MAX_DEPTH = 200
# A body split into blocks keeps them at one field of sibling items (`blocks[i].data.html`,
# `:items[<uuid>].text`): this many path steps from the string may vary.
_SIBLING_STEPS = 3

Path = tuple[str | int, ...]


def embedded_html(root: html.HtmlElement) -> str | None:
    """The HTML fragment in the page's Next.js data that reads as an article body with the
    most paragraph text; a body stored as blocks comes joined. None on pages without such
    data; never raises."""
    try:
        pieces = [(path, text) for path, raw in _pieces(root) if (text := _html(raw))]
        return _best_body(pieces)
    except Exception:  # scripts are foreign input: one we cannot read holds nothing for us
        return None


def _mentions_paragraph(text: AnyStr, marks: tuple[AnyStr, ...] = _MARKUP_OR_ESCAPED_P) -> bool:
    """Whether `text` has a `<p` tag in one of the forms `marks` (by default: as markup or
    HTML-escaped)."""
    return any(mark in text for mark in marks)


def _pieces(root: html.HtmlElement) -> Iterator[tuple[Path, str]]:
    """Strings that mention a paragraph, with their path in the data, in document order."""
    chunks: list[str] = []
    for script in root.iter("script"):
        text = script.text
        if not text:
            continue
        if script.get("id") == _NEXT_DATA:
            yield from _walk(_loads(text), (_NEXT_DATA,), {}, set())
        elif _FLIGHT_MARK in text:
            for literal in _FLIGHT_CHUNK.findall(text):
                chunk = _loads(literal)
                if isinstance(chunk, str):
                    chunks.append(chunk)
    if chunks:
        # Chunks are cut anywhere, even inside a row: read them as one stream.
        yield from _flight_pieces("".join(chunks).encode("utf-8", "surrogatepass"))


def _loads(text: str | bytes) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _walk(value: object, path: Path, texts: dict[str, str], used: set[str],
          depth: int = 0) -> Iterator[tuple[Path, str]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if value[:1] == "$" and value[1:] in texts:  # a reference to a text row
            used.add(value[1:])
            value = texts[value[1:]]
        if _mentions_paragraph(value):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key), texts, used, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), texts, used, depth + 1)


def _flight_pieces(stream: bytes) -> Iterator[tuple[Path, str]]:
    """Strings of the JSON rows, text rows put in where they are referenced ("$<id>")."""
    texts: dict[str, str] = {}
    rows: list[tuple[str, bytes]] = []
    position = 0
    while position < len(stream):
        row = _ROW.match(stream, position)
        if row is None or row.end() == position:
            # Not a row start (a cut or garbled stream): resume at the next line.
            end = stream.find(b"\n", position)
            position = len(stream) if end < 0 else end + 1
            continue
        name = row.group(0).split(b":")[0].decode("ascii")
        if row.group(1) is not None:  # a text row: its length is in UTF-8 bytes
            end = row.end() + int(row.group(1), 16)
            texts[name] = stream[row.end():end].decode("utf-8", "replace")
            position = end
            continue
        end = stream.find(b"\n", row.end())
        end = len(stream) if end < 0 else end
        rows.append((name, stream[row.end():end]))
        position = end + 1
    texts = {name: text for name, text in texts.items() if _mentions_paragraph(text)}
    references = [b'"$' + name.encode("ascii") + b'"' for name in texts]
    used: set[str] = set()
    for name, line in rows:
        # Most rows are markup and module lists: decode only those that may hold text.
        if _mentions_paragraph(line, _RAW_JSON_P) or any(
                reference in line for reference in references):
            start = _ROW_TAG.match(line).end()  # type: ignore[union-attr]  # matches ""
            yield from _walk(_loads(line[start:]), (name,), texts, used)
    for name, text in texts.items():
        if name not in used:
            yield (name,), text


def _html(text: str) -> str | None:
    """`text` ready to parse if it is HTML with paragraphs and not a whole document."""
    if not _mentions_paragraph(text, _MARKUP_P):
        text = unescape(text)  # HTML written escaped into a JSON string
    if _DOCUMENT.search(text) or not _PARAGRAPH.search(text):
        return None  # a whole page (an embed, an ad frame) is not a story's body
    return _PLACEHOLDER.sub("", without_controls(text)).strip()


def _best_body(pieces: list[tuple[Path, str]]) -> str | None:
    """The piece, or the pieces at one field of sibling items joined, with the most prose."""
    # A piece falls in several groups: measure its paragraphs once.
    measured = {text: _prose_lengths(text) for _, text in pieces}
    best: list[str] = []
    best_chars = 0
    for members in _groups(pieces):
        texts = list(dict.fromkeys(pieces[index][1] for index in members))
        lengths = [length for text in texts for length in measured[text]]
        chars = sum(lengths) if len(lengths) >= _MIN_PARAGRAPHS else 0
        if chars >= _MIN_PROSE_CHARS and chars > best_chars:
            best, best_chars = texts, chars
    return "\n".join(best) if best else None


def _groups(pieces: list[tuple[Path, str]]) -> Iterable[list[int]]:
    """Indexes of each piece alone, and of the pieces at one field of sibling items."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for index, (path, _) in enumerate(pieces):
        groups.setdefault((path,), []).append(index)
        for step in range(max(len(path) - _SIBLING_STEPS, 1), len(path)):
            # The last step varies only as a list index: `body` and `summary` are not siblings.
            if step == len(path) - 1 and not isinstance(path[step], int):
                continue
            groups.setdefault((len(path), step, path[:step], path[step + 1:]), []).append(index)
    return groups.values()


def _prose_lengths(text: str) -> list[int]:
    """The lengths of the paragraphs of real text in `text`."""
    lengths = [len(" ".join(unescape(_TAG.sub(" ", body)).split()))
               for body in _PARAGRAPH.findall(text)]
    return [n for n in lengths if n >= _MIN_PARAGRAPH_CHARS]
