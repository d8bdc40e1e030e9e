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
from collections.abc import Iterator
from html import unescape

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


def embedded_html(root: html.HtmlElement) -> list[str]:
    """HTML fragments in the page's Next.js data that read as an article body, the one with
    the most paragraph text first; a body stored as blocks comes joined. Empty on pages without
    Next.js data; never raises."""
    try:
        pieces = [(path, text) for path, raw in _pieces(root) if (text := _html(raw))]
        return _bodies(pieces)
    except Exception:  # scripts are foreign input: one we cannot read holds nothing for us
        return []


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
        if "<p" in value or "<P" in value or "&lt;p" in value:
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
    texts = {name: text for name, text in texts.items() if "<p" in text or "<P" in text}
    references = [b'"$' + name.encode("ascii") + b'"' for name in texts]
    used: set[str] = set()
    for name, line in rows:
        # Most rows are markup and module lists: decode only those that may hold text.
        if b"<p" in line or b"<P" in line or b"\\u003cp" in line or any(
                reference in line for reference in references):
            start = _ROW_TAG.match(line).end()  # type: ignore[union-attr]  # matches ""
            yield from _walk(_loads(line[start:]), (name,), texts, used)
    for name, text in texts.items():
        if name not in used:
            yield (name,), text


def _html(text: str) -> str | None:
    """`text` ready to parse if it is HTML with paragraphs and not a whole document."""
    if "<p" not in text and "<P" not in text:
        text = unescape(text)  # HTML written escaped into a JSON string
    if _DOCUMENT.search(text) or not _PARAGRAPH.search(text):
        return None  # a whole page (an embed, an ad frame) is not a story's body
    return _PLACEHOLDER.sub("", without_controls(text)).strip()


def _bodies(pieces: list[tuple[Path, str]]) -> list[str]:
    """Each piece, and the pieces at one field of sibling items joined, that hold prose."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for index, (path, _) in enumerate(pieces):
        groups.setdefault((path,), []).append(index)
        for step in range(max(len(path) - _SIBLING_STEPS, 1), len(path)):
            # The last step varies only as a list index: `body` and `summary` are not siblings.
            if step == len(path) - 1 and not isinstance(path[step], int):
                continue
            groups.setdefault((len(path), step, path[:step], path[step + 1:]), []).append(index)
    found: dict[str, int] = {}
    for members in groups.values():
        joined = "\n".join(dict.fromkeys(pieces[index][1] for index in members))
        chars = _prose_chars(joined)
        if chars >= _MIN_PROSE_CHARS:
            found[joined] = chars
    return sorted(found, key=found.__getitem__, reverse=True)


def _prose_chars(text: str) -> int:
    """Characters in the paragraphs of real text; 0 below `_MIN_PARAGRAPHS` of them."""
    lengths = [len(" ".join(unescape(_TAG.sub(" ", body)).split()))
               for body in _PARAGRAPH.findall(text)]
    lengths = [n for n in lengths if n >= _MIN_PARAGRAPH_CHARS]
    return sum(lengths) if len(lengths) >= _MIN_PARAGRAPHS else 0
