"""Reading an element's text: paragraphs and line breaks, without widgets, hidden text and
junk lines ("Reply", "Report", "says:", moderation notes)."""

from __future__ import annotations

import re

from lxml import etree

from ..text import collapse, fold_spaces
from .marks import JUNK, marks_of

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "table", "tr", "td", "th",
    "figure", "hr", "center", "address", "details", "summary",
}
JUNK_TAGS = {
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea",
    "svg", "img", "picture", "iframe", "object", "embed", "video", "audio", "canvas", "link",
    "meta", "nav", "dialog", "menu",
}

# "Name says:" in English, German, French, Spanish, Italian, Dutch, Danish, Norwegian, Swedish,
# Finnish, Polish, Portuguese and Russian ("a dit", "ha scritto" too).
SAYS_WORDS = {"says", "said", "wrote", "writes", "sagt", "schreibt", "schrieb", "meint", "dit",
              "écrit", "dice", "escribió", "escribe", "dijo", "scrive", "scritto", "zegt",
              "schreef", "skriver", "skrev", "siger", "sier", "säger", "kirjoitti", "sanoo",
              "napisał", "napisała", "pisze", "disse", "diz", "escreveu", "говорит", "пишет",
              "написал", "написала"}
# Whole words only: "Candice", "Benedit" end with no "says".
SAYS = r"\b(?:(?:a|ha) )?(?:" + "|".join(sorted(SAYS_WORDS, key=len, reverse=True)) + r")\b"
# Whole lines that are widgets and notes, not words of the comment.
_JUNK_LINE = re.compile(
    r"\(?\s*(?:reply|antworten|antwort|répondre|repondre|responder|rispondi|beantworten|"
    r"ответить|返信|report|report comment|melden|signaler|edit|bearbeiten|modifier|editar|"
    r"quote|zitieren|citer|like|gefällt mir|j'aime|me gusta|share|teilen|partager|permalink|"
    r"cancel reply|log in to reply|login to reply|reply ↓|↓|↑|\d+\s*likes?|liked by \d+ "
    r"(?:person|people)|"
    # a vote widget's count as text: "Like (4)", "12 points", "+3 Stimmen"
    r"(?:like|dislike|gefällt mir|upvote|downvote)\s*\(\d+\)|"
    r"[+−-]?\d+\s*(?:points?|punkte|votes?|stimmen)|"
    r"loading\.*|" + SAYS + r"\s*:?|"
    # what was left of the header once its author and date were cut: "Kommentar von", "|"
    r"(?:comment|kommentar|commentaire|comentario|commento)\s+(?:by|von|de|par|di)|[|·•]+|"
    r"(?:your|dein|ihr|votre|tu|il tuo) (?:comment|kommentar|commentaire|comentario|commento) "
    r"(?:is|muss|wird|est|está|è) (?:awaiting moderation|noch freigegeben werden|"
    r"noch moderiert|en attente de modération|pendiente de moderación|"
    r"in attesa di moderazione)\.?|this comment is awaiting moderation\.?)\s*\)?", re.I)
STRING = etree.XPath("string()")


def string(element: etree._Element) -> str:
    return collapse(STRING(element))


def is_junk(element: etree._Element) -> bool:
    tag = element.tag
    if tag.__class__ is not str or tag in JUNK_TAGS:
        return True
    keys = element.keys()
    if not keys:
        return False
    get = element.get
    if "hidden" in keys or get("aria-hidden") == "true":
        return True
    if tag == "a" and is_reply_link(get("href") or ""):
        return True
    return bool(marks_of(get("class") or "").flags & JUNK)


def is_reply_link(href: str) -> bool:
    """WordPress's `?replytocom=N`, SPIP's `spip.php?page=forum&id_forum=N`, "#respond"."""
    return "replytocom=" in href or "id_forum=" in href or href.endswith(("#respond", "#reply"))


_BR = "\x00"  # a <br> while the text is read; whitespace is folded around it
_BREAKS = re.compile("\x00(?: ?\x00)+")


def _keep(line: str) -> bool:
    return bool(line) and (len(line) > 90 or not _JUNK_LINE.fullmatch(line))


def paragraphs_of(root: etree._Element, skip: set | frozenset = frozenset(),
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
        text = fold_spaces("".join(pieces))
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
            if node is not root and (node in skip or node in items or is_junk(node)):
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
        texts.append(collapse(child.text))
    return [text for text in texts if _keep(text)]


def inline_text(element: etree._Element) -> str:
    return collapse(" ".join(paragraphs_of(element)))


def plain_text(element: etree._Element) -> str:
    """`inline_text`, quicker for an element with no junk in it (a name, a date)."""
    if len(element) and any(map(is_junk, element.iterdescendants())):
        return inline_text(element)
    return string(element)


def inline_text_without(element: etree._Element, skip: set) -> str:
    return collapse(" ".join(paragraphs_of(element, skip)))
