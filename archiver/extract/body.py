"""The article's main text: find the content container, cut the boilerplate, read the blocks.

Order: the container a page marks as the article body (`[itemprop=articleBody]`, the
`.entry-content` family of CMS/theme classes, `<article>`, `<main>`), the one with the most
paragraph text winning; inside it, furniture is cut (menus, share bars, related and "read also"
blocks, newsletter and ad boxes, captions, author boxes, comment sections); then paragraphs,
headings, list items and quotes are read in document order. When no container holds a real
article text, trafilatura's generic extractor is the fallback.
"""

from __future__ import annotations

import copy
import re

import trafilatura
from lxml import etree, html
from parsel.csstranslator import HTMLTranslator

from .text import collapse

# Classes and ids that real CMSs and themes give the element holding the article text.
CONTAINERS = [
    '[itemprop="articleBody"]', ".entry-content", ".post-content", ".article-content",
    ".article-body", ".article__body", ".articleBody", ".story-body", ".story-content",
    ".post-body", ".post-entry", ".td-post-content", ".jeg_post_content", ".field--name-body",
    ".node__content", ".gh-content", ".post-full-content", ".content-body", ".article-text",
    ".text-content", "#article-body", "#content-body", "article", "main", '[role="main"]',
]
# The containers above that mark the body itself (not the whole article or page).
BODY_MARKERS = CONTAINERS[:-3]
_REMOVE_TAGS = {
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea",
    "nav", "aside", "footer", "iframe", "svg", "figcaption", "object", "embed", "video", "audio",
    "canvas", "dialog", "menu",
}
# Tokens of class/id/role values that mark page furniture inside an article container.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sharedaddy|related|recommend\w*|read-?(?:also|more)|"
    r"also-?read|more-?(?:stories|articles|news)|newsletter|subscri\w+|signup|promo\w*|"
    r"advert\w*|ads?|adslot|ad-?unit|sponsor\w*|banner|comments?|respond|reply|author-?(?:box|bio|"
    r"info|card)|about-?(?:the-)?author|bio|byline|post-?meta|entry-?meta|meta-?info|tags?|"
    r"tag-?list|categor(?:y|ies)|breadcrumbs?|widget\w*|sidebar|cookie\w*|consent|gdpr|paywall|"
    r"caption|credit|wp-caption-text|toc|table-of-contents|print|hidden|sr-only|visually-hidden|"
    r"post-?navigation|navigation|nav-links|pagination|popular|trending|most-?read|outbrain|"
    r"taboola|rating|vote|jp-relatedposts|yarpp\w*)(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_MIN_ARTICLE_CHARS = 250
_MIN_FALLBACK_CHARS = 80


def _compile(css: str) -> etree.XPath:
    return etree.XPath(HTMLTranslator().css_to_xpath(css, prefix="descendant::"))


CONTAINER_XPATHS = [_compile(css) for css in CONTAINERS]
BODY_MARKER_XPATH = _compile(", ".join(BODY_MARKERS))


def _paragraph_chars(element: html.HtmlElement) -> int:
    return sum(len(collapse(p.text_content())) for p in element.iter("p"))


def find_container(root: html.HtmlElement) -> html.HtmlElement | None:
    """The element that holds the article text: the marked container with the most prose."""
    best, best_chars = None, 0
    for xpath in CONTAINER_XPATHS:
        for element in xpath(root):
            chars = _paragraph_chars(element)
            # A narrower container (earlier in the list) wins unless a wider one holds much more.
            if chars > best_chars * 1.5 or (best is not None and chars > best_chars and
                                             best in element.iterancestors()):
                best, best_chars = element, chars
        if best_chars >= _MIN_ARTICLE_CHARS * 4:
            break
    return best if best_chars >= _MIN_ARTICLE_CHARS else None


def _is_furniture(element: html.HtmlElement) -> bool:
    if element.tag in _REMOVE_TAGS:
        return True
    marks = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))
    return bool(marks) and bool(_FURNITURE.search(marks)) or element.get("hidden") is not None \
        or element.get("aria-hidden") == "true"


def strip_furniture(container: html.HtmlElement) -> html.HtmlElement:
    """A copy of `container` without menus, share bars, boxes and other furniture."""
    clean = copy.deepcopy(container)
    for element in list(clean.iterdescendants(etree.Element)):
        if element.getparent() is not None and _is_furniture(element):
            element.drop_tree()
    return clean


def _link_density(element: html.HtmlElement, text: str) -> float:
    linked = sum(len(collapse(a.text_content())) for a in element.iter("a"))
    return linked / max(len(text), 1)


def _block_texts(element: html.HtmlElement) -> list[str]:
    """A block's text, split where the markup breaks lines (`<br>`)."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [line for line in (collapse(part) for part in element.text_content().split("\n"))
            if line]


def read_blocks(container: html.HtmlElement) -> list[str]:
    """Paragraphs, headings, list items and quotes, in reading order, one string each."""
    paragraphs: list[str] = []
    for element in container.iter(*_BLOCK_TAGS):
        # A block inside another block was read with its parent.
        if any(parent.tag in _BLOCK_TAGS for parent in element.iterancestors()):
            continue
        if element.tag in ("blockquote", "li") and element.find(".//p") is not None:
            blocks = [p for p in element.iter("p")]
        else:
            blocks = [element]
        for block in blocks:
            text = collapse(block.text_content())
            if not text or (_link_density(block, text) > 0.6 and block.tag not in _HEADINGS):
                continue
            paragraphs.extend(_block_texts(block))
    return paragraphs


def generic_body(text: str, url: str) -> list[str]:
    """trafilatura's main-text extraction, as paragraphs."""
    extracted = trafilatura.extract(text, url=url, include_comments=False, include_tables=False,
                                    favor_precision=False, deduplicate=False)
    return [line.strip() for line in (extracted or "").split("\n") if line.strip()]


def article_paragraphs(root: html.HtmlElement, text: str, url: str) -> list[str]:
    """The article body as paragraphs: marked container first, trafilatura otherwise."""
    container = find_container(root)
    if container is not None:
        paragraphs = read_blocks(strip_furniture(container))
        if sum(map(len, paragraphs)) >= _MIN_ARTICLE_CHARS:
            return paragraphs
    marked = BODY_MARKER_XPATH(root)
    if marked:
        # The page marks its body and it is short (a brief) or empty (a video page): trust it.
        return read_blocks(strip_furniture(marked[0]))
    paragraphs = generic_body(text, url)
    # A menu or a cookie notice is all trafilatura finds on pages with no article.
    return paragraphs if sum(map(len, paragraphs)) >= _MIN_FALLBACK_CHARS else []
