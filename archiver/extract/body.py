"""The article's main text: find the content container, cut the furniture, read the blocks.

Order: the container a page marks as the article body (`[itemprop=articleBody]`, the
`.entry-content` family of CMS/theme classes, then `<article>`, `<main>`), the one with the
most prose winning (of several whole articles, the one under the page's headline), together
with its siblings of the same kind (bodies split by ads); the JSON-LD `articleBody` when it
holds clearly more (in the paragraphs and subheadings of the element showing the same text,
if the page has one); the article HTML a Next.js page keeps only in its script data
(`nextjs.embedded_html`); trafilatura's generic extractor when no container holds an
article. Inside the container, furniture is cut (menus, share bars, related and "read also"
blocks, teaser, fact and author boxes, newsletter, donation and ad boxes, polls, players,
captions, screen-reader text, comment sections, a hidden second copy of the story), then
paragraphs, headings, list items, code, quotes and bare text runs are read in document order,
without teasers after the story and the lines that are furniture on their own (credits,
legends, bare dates, bylines, ad labels, calls to subscribe, follow, donate or comment,
disclaimers). A standfirst set between the headline and the body (marked as such, the page's
meta description shown there, or the sentence under the headline) is put first.
"""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import dataclass
from html import unescape

import trafilatura
from lxml import etree, html

from . import nextjs
from .attribution import is_credit_line
from .lines import is_furniture_line
from .metadata import NOT_HEADLINE
from .text import collapse, strip_invisible

# Classes and ids that real CMSs and themes give the element holding the article text.
BODY_MARKERS = [
    '[itemprop="articleBody"]', ".entry-content", ".post-content", ".article-content",
    ".article-body", ".article__body", ".articleBody", ".article-text", ".article__text",
    ".story-body", ".story-content", ".story-text", ".post-body", ".post-entry", ".post-text",
    ".td-post-content", ".jeg_post_content", ".et_pb_post_content", ".field--name-body",
    # Drupal 7's body field ("field field-name-body"); Drupal 8 and later double the dashes.
    ".field-name-body", ".node__content", ".gh-content", ".post-full-content", ".content-body",
    ".text-content",
    ".article__content", ".article-main", ".news-text", ".news-body", ".rich-text",
    ".post__content", ".entry__content", ".c-entry-content", ".the_content_wrapper",
    ".elementor-widget-theme-post-content",
    "#article-body", "#content-body", "#articleBody", "#story-body",
]
CONTAINERS = [*BODY_MARKERS, "article", "main", '[role="main"]']

_REMOVE_TAGS = {
    "rt", "rp", "script", "style", "noscript", "template", "form", "button", "input", "select",
    "textarea", "nav", "aside", "footer", "iframe", "svg", "figcaption", "object", "embed",
    "video", "audio", "canvas", "dialog", "menu", "link", "meta",
}
# Class/id/role tokens (whole, or joined by - or _ to others) that mark page furniture. Strong
# marks always mean furniture; weak ones only on an element without paragraphs of prose.
_STRONG_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sharedaddy|related|recommend\w*|read-?(?:also|more)|"
    r"also-?read|more-?(?:stories|articles|news)|newsletter|subscri\w+|signup|advert\w*|ads?|"
    r"adslot|ad-?unit|comments?|respond|reply|breadcrumbs?|sidebar|cookie\w*|consent|"
    r"gdpr|post-?navigation|navigation|nav-links|pagination|outbrain|taboola|jp-relatedposts|"
    # A multi-page story's pager (WordPress's "Pages: 1 2 3"): its pages are read and joined.
    r"pager|page-?links|post-nav-links|page-numbers|"
    r"yarpp\w*|sr-only|visually-?hidden|screen-reader(?:-text|-only)?|off-?screen|a11y|"
    r"element-invisible|assistive-text|author[_-]*(?:box|bio|info|card|desc\w*|profile)|"
    r"about-?(?:the-?)?author|saboxplugin\w*|donat(?:e|ion)\w*|popup|pop-up|modal|recirc\w*|"
    # The author box of themes ("entry-author", "post-author-bio") and of German, Spanish,
    # Italian sites ("autorenbox", "autor-info", "autore-bio").
    r"(?:entry|post|article)-?author(?:-?(?:box|bio|info|wrap\w*|details|section))?|"
    r"autor(?:en|e)?[_-]*(?:box|bio|info|card|desc\w*|profil\w*)|"
    r"kommentar\w*|content-?blocker|(?:embed|privacy)-?(?:consent|privacy|placeholder|embed)|"
    # Boxes beside the story: ARIA's "complementary" (an <aside>), fact and info boxes.
    r"complementary|fact-?box(?:es)?|fakt(?:a|en)?-?box\w*|faktaboks\w*|info-?box(?:es)?|"
    r"infokasten)"
    r"(?:$|[\s_-])"
    # Sidebar widgets ("widget widget_recent_entries"), not page builders' "elementor-widget".
    r"|(?:^|\s)widget(?:$|\s|_|-area)",
    re.I,
)
_WEAK_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:promo\w*|sponsor\w*|banner|disclaimer|disclosure|affiliate\w*|cta\d?|"
    r"call-?to-?action|"
    r"entry-?utility|bio|byline|author|autor|autore|auteur|post-?meta|entry-?meta|meta-?info|"
    r"tags?|tag-?list|"
    r"categor(?:y|ies)|caption|legend|legende|bildunterschrift|credit|wp-caption-text|toc|"
    r"table-of-contents|popular|trending|"
    r"most-?read|rating|vote|placeholder|polls?|survey|umfrage|quiz|"
    # Media players and their playlists ("video-player", "Up next"), summary boxes.
    r"(?:video|audio|media)-?player|player|playlist|up-?next|key-?points)(?:$|[\s_-])",
    re.I,
)
_WEAK_MAX_PROSE = 400
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_LETTER = re.compile(r"[\W_]")
# CSS-framework classes that hide an element (paywall teasers, print-only copies), unless a
# responsive class shows it again on larger screens ("hidden md:block", "d-none d-lg-block").
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|d-none|is-hidden|js-hidden|invisible)(?:$|\s)")
_SHOWN_ON_SOME_SCREENS = re.compile(
    r"(?:^|\s)(?:(?:sm|md|lg|xl|2xl):(?:block|flex|inline|grid|table|contents)|"
    r"d-(?:sm|md|lg|xl|xxl)-(?:block|flex|inline|grid|table))")
# An inline style that hides an element (tabs, a print copy, a duplicate of the story).
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Marks of paragraphs a page hides until the reader logs in.
_PAYWALLED = re.compile(r"(?:^|[\s_-])(?:paywall\w*|premium|locked|subscriber-?only)(?:$|[\s_-])",
                        re.I)
# Marks of a listing's item, never the article's own container.
_TEASER = re.compile(r"(?:^|[\s_-])(?:teaser|card|list-?item|post-?list|faq|preview|excerpt|"
                     r"snippet|related|promo)(?:$|[\s_-])", re.I)
_BOX = re.compile(r"(?:^|[\s_-])(?:share|sharing|social-share|newsletter|read-?also|also-?read)"
                  r"(?:$|[\s_-])", re.I)
# A page's sidebar column or region ("sidebar", Drupal's "#sidebar-first" and
# "region-sidebar-second"): some themes name the story's own column so ("sidebar_content",
# "content-sidebar-wrap"), one holding the headline or most of the page's prose.
_SIDEBAR = re.compile(r"(?:^|[\s_-])sidebar(?:$|[\s_-])", re.I)
_HOLDS_STORY = etree.XPath("boolean(descendant::*[self::h1 or self::article or self::main])")
_LEDE = re.compile(
    r"(?:^|[\s_-])(?:lead|lede|leadtext|standfirst|teaser|intro|summary|subtitle|subheadline|"
    r"sub-?heading|dek|deck|excerpt|description|abstract|chapo|chapeau|sommario|bajada|"
    r"entradilla|copete|vorspann)(?:$|[\s_-])", re.I)
# What describes a picture, not the story ("img_description", "photo-summary").
_PICTURE = re.compile(r"(?:^|[\s_-])(?:img|image|photo|foto|picture|media|caption|bild)", re.I)
# A singular ("Kommentar", "Komentarz", "Comment") heads an opinion piece as often as comments:
# it counts only with a number.
_COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:comments|responses?|replies|thoughts? on\b|kommentare|leserkommentare|"
    r"commentaires|comentarios|commenti|комментари[йия]|コメント|reacties|komentarze)"
    r"(?:\s*\(\d+\))?\s*:?$|"
    r"^(?:\d+\s+(?:comment|kommentar|commentaire|comentario|commento|komentarz)|"
    r"(?:comment|kommentar|commentaire|comentario|commento|komentarz)\s*\(\d+\))\s*:?$|"
    r"^(?:leave|post|write|add) a (?:comment|reply)|"
    r"^(?:\d+ )?(?:thoughts?|responses?) (?:on|to) [“\"«„]|^(?:schreibe(?:n sie)? einen kommentar|"
    r"kommentar (?:schreiben|verfassen)|laisser un commentaire|deja un comentario|"
    r"lascia un commento|оставьте комментарий)", re.I)
# Elements that start a new block of text; everything else flows inline within one.
_BLOCKS = {
    "p", "div", "section", "article", "header", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "table", "tr", "td", "th",
    "figure", "hr", "center", "address", "details", "summary",
}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# Blocks of running text: the story goes on where one of them stands.
_RUNNING = {"p", "li", "blockquote", "dd"}
# A blogger's or an editor's sign-off under the story ("Euer Hans", "x Franzi", "XX, Die
# Redaktion", "Liebe Grüße, Anna", "Cheers, Tom"), and a wish closing it ("Viel Glück!").
_SIGN_OFF = re.compile(
    r"(?i:(?:x+o*|xo(?:xo)*|euer?|eure|dein[e]?|ihr[e]?|liebe grüße|lg|viele grüße|"
    r"herzliche grüße|alles liebe|bis bald|ciao|bisous|saludos|un abrazo)\b|"
    r"(?:love|cheers|yours|best),)[\s,]*\S.{0,40}$|\w[\w ]{2,30}!$")
# An item of a list written as numbered paragraphs ("12. Jimi Hendrix").
_NUMBERED = re.compile(r"\d{1,3}[.)]\s+\S")
TEASER = "teaser"
_TEASER_MAX_CHARS = 300
_BOX_TITLE_MAX_CHARS = 100
_TOLD_MIN_WORDS = 5
_BLURB_MAX_LINES = 2
_REPEAT_PROBE_CHARS = 100
_PROBE_CHARS = 40
_STANDFIRST_MAX_CHARS = 1000
_KIN_LEVELS = 5
_MIN_GENERIC_SHARE = 0.5
_MIN_ARTICLE_CHARS = 250
_MIN_FALLBACK_CHARS = 80
# On a page of little text, trafilatura reads the whole story block as one: headline, text and
# pager. It replaces a short marked body only when it finds this much more.
_MARKED_SHORTFALL = 1.5
# Furniture is small next to the story: a "furniture" element holding this share of the
# container's text is a mislabelled wrapper (e.g. class "paywall" or "overflow-hidden").
_MAX_FURNITURE_SHARE = 0.3
_WRAPPER_MIN_PROSE = 500
_AD_MARKS = {"ad", "ads"}
# Above this share of link text a block is navigation ("Read also: <a>…</a>").
_MAX_LINK_SHARE = 0.6


def _selector_key(css: str) -> tuple[str, str]:
    """('class', 'entry-content') for `.entry-content`, ('id', …), ('itemprop', …), ('tag', …)."""
    if css[0] in ".#":
        return ("class" if css[0] == "." else "id", css[1:])
    if css[0] == "[":
        name, value = css[1:-1].split("=")
        return name, value.strip("\"'")
    return "tag", css


# Each container selector is a class, an id, an attribute value or a tag: one walk over the
# page matches them all (an XPath scan per selector cost a third of the extraction time).
def _selectors_by_kind() -> dict[str, dict[str, int]]:
    """{kind: {value: index in CONTAINERS}}: {"class": {"entry-content": 1, ...}, ...}."""
    by_kind: dict[str, dict[str, int]] = {}
    for index, (kind, value) in enumerate(map(_selector_key, CONTAINERS)):
        by_kind.setdefault(kind, {})[value] = index
    return by_kind


_SELECTORS = _selectors_by_kind()  # what is left after these two: attributes (id, role, ...)
_BY_CLASS, _BY_TAG = _SELECTORS.pop("class"), _SELECTORS.pop("tag")


def _selectors_matching(element: html.HtmlElement) -> list[int]:
    get = element.get
    found = [_BY_CLASS[token] for token in (get("class") or "").split() if token in _BY_CLASS]
    if element.tag in _BY_TAG:
        found.append(_BY_TAG[element.tag])
    for name, values in _SELECTORS.items():
        value = get(name)
        if value in values:
            found.append(values[value])
    return found


def container_matches(root: html.HtmlElement) -> list[list[html.HtmlElement]]:
    """For each selector of `CONTAINERS`, the elements it matches, in document order."""
    matches: list[list[html.HtmlElement]] = [[] for _ in CONTAINERS]
    for element in root.iter(etree.Element):
        for index in set(_selectors_matching(element)):
            matches[index].append(element)
    return matches


_ESCAPED_TWICE = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
_HTML_TAG = re.compile(r"</?(?:p|div|br|h[2-6]|ul|li|a|strong|em|span)\b[^>]*>", re.I)
_ENDS_SENTENCE = re.compile(r"\w[.!?…]$")
_SENTENCE_END = re.compile(r"\w[.!?…][\"'”»)]?(?:\s|$)|[。！？]")
_TEXT_OF = etree.XPath("string()")
_WRAPPED = re.compile(r"(?<=\S)[ \t]*\n\s*(?=\S)")
_WORD = re.compile(r"\w+")
_SUMMARY_MIN_WORDS = 6
_DATELINE_MAX_WORDS = 2


@dataclass
class Block:
    kind: str  # the tag of the block element the text was read from
    text: str


def _text(element: html.HtmlElement) -> str:
    return collapse(_TEXT_OF(element))


def prose_chars(element: html.HtmlElement) -> int:
    """Characters of running text: paragraphs and text-only divs, links not counted."""
    total = 0
    for block in element.iter("p", "div", "td", "li"):
        if block.tag != "p" and any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in block):
            continue
        text = len(_text(block))
        linked = sum(len(_text(a)) for a in block.iter("a"))
        if text > 30 and linked < text / 2:
            total += text - linked
    return total


# A comment section (Drupal's comment field, "#comments", WordPress's "#respond").
_COMMENT_SECTION = re.compile(r"(?:^|[\s_-])(?:comments?|kommentare?|respond)(?:$|[\s_-])", re.I)
_COMMENTISH = etree.XPath("descendant::*[contains(translate(@class, 'CK', 'ck'), 'omment') or "
                          "contains(translate(@id, 'CK', 'ck'), 'omment') or @id='respond']")


def _story_chars(element: html.HtmlElement) -> int:
    """`prose_chars` without the comment sections inside: readers' words do not make a wrapper
    the story (Drupal's `node__content` holds the body field and, below it, the comments)."""
    sections = [inner for inner in _COMMENTISH(element) if _COMMENT_SECTION.search(_marks(inner))]
    outermost = [inner for inner in sections
                 if not any(a in sections for a in inner.iterancestors())]
    return prose_chars(element) - sum(map(prose_chars, outermost))


def _ancestors(element: html.HtmlElement, levels: int) -> set[html.HtmlElement]:
    return set(list(element.iterancestors())[:levels])


def find_containers(root: html.HtmlElement,
                    headline: html.HtmlElement | None) -> list[html.HtmlElement]:
    """The element(s) that hold the article text: the marked container with the most prose,
    with its kin of the same kind when ads or CMS components split the body into several."""
    best: list[html.HtmlElement] = []
    best_chars, best_unproven = 0, False
    above_headline = set(headline.iterancestors()) if headline is not None else set()
    for index, selected in enumerate(container_matches(root)):
        matches = [m for m in selected if not _TEASER.search(_marks(m))]
        if not matches:
            continue
        outermost = [m for m in matches if not any(a in matches for a in m.iterancestors())]
        scored = [(_story_chars(m), m) for m in outermost]
        chars, top = max(scored, key=lambda pair: pair[0])
        # Pages that load the next stories below the first hold several whole articles: the
        # page's own is the one under its headline.
        headed = [(c, m) for c, m in scored if c >= _MIN_ARTICLE_CHARS * 2 and m in above_headline]
        chosen_by_headline = bool(headed) and headed[0][1] is not top
        if chosen_by_headline:
            chars, top = headed[0]
        # Ads split some bodies into sibling containers, and CMSs build bodies of "paragraph"
        # components (Drupal, page builders): the top one's kin within a few levels belong to
        # it. Listings repeat <article> teasers, so only marked bodies group.
        kin = _ancestors(top, _KIN_LEVELS)
        group = [m for c, m in scored if m is top or (
            c and index < len(BODY_MARKERS) and not kin.isdisjoint(_ancestors(m, _KIN_LEVELS)))]
        chars = sum(c for c, m in scored if m in group)
        # A narrower container (earlier in the list) wins unless a wider one holds much more.
        if chars > best_chars * 1.5:
            best, best_chars = group, chars
            best_unproven = index >= len(BODY_MARKERS) and not chosen_by_headline
        if best_chars >= _MIN_ARTICLE_CHARS * 4:
            break
    if best_chars < _MIN_ARTICLE_CHARS:
        return []
    # An <article> or <main> with a small share of the page's prose is a box, not the story.
    if best_unproven and best_chars < prose_chars(root) * _MIN_GENERIC_SHARE:
        return []
    return best


def _first_marked(root: html.HtmlElement) -> list[html.HtmlElement]:
    """The first element on the page that a body marker matches, if any."""
    return next(([element] for element in root.iter(etree.Element)
                 if min(_selectors_matching(element), default=len(BODY_MARKERS))
                 < len(BODY_MARKERS)), [])


_LINKED_HEADING = etree.XPath(
    "boolean(descendant::*[self::h2 or self::h3 or self::h4 or self::h5][descendant::a])")


def _page_headline(root: html.HtmlElement) -> html.HtmlElement | None:
    """The page's first <h1> that is a headline, not a logo or a teaser's."""
    return next((h1 for h1 in root.iter("h1") if not NOT_HEADLINE(h1)), None)


def _marks(element: html.HtmlElement) -> str:
    return " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))


def _is_furniture(element: html.HtmlElement) -> bool:
    if element.tag in _REMOVE_TAGS:
        return True
    # A link around a headline is a card that sells another story: the whole card is the link.
    if element.tag == "a" and next(element.iterdescendants(*_HEADINGS), None) is not None:
        return True
    marks = _marks(element)
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        # Paywalled paragraphs are in the page, hidden until the reader logs in.
        return not (element.tag == "p" and _PAYWALLED.search(marks))
    if not marks:
        return False
    if _STRONG_FURNITURE.search(marks):
        # An ad slot's mark names the section it is set in too ("TestReport__Section--Ads",
        # "article-content__ad-group"): ads hold no running text, so one that does is a story's.
        strong = {found.group(0).strip(" _-").lower()
                  for found in _STRONG_FURNITURE.finditer(marks)}
        return not (strong <= _AD_MARKS and prose_chars(element) >= _WRAPPER_MIN_PROSE)
    # Strong marks in camelCase class names ("ShareBar", "relatedArticles", "NewsletterBox"),
    # words of four letters or more: a generated hash ("s7xAdq") holds short ones by chance.
    camel = _CAMEL.sub("-", marks)
    if camel != marks and any(len(_NOT_LETTER.sub("", found.group(0))) >= 4
                              for found in _STRONG_FURNITURE.finditer(camel)):
        return True
    if _HIDDEN_CLASS.search(marks) and not _SHOWN_ON_SOME_SCREENS.search(marks):
        return True
    # A teaser of another story: marked so, under a headline that links to it.
    if _TEASER.search(marks) and _LINKED_HEADING(element):
        return True
    # Weak marks count in camelCase class names too ("elementPoll", "RenderKeyPoints").
    return bool(_WEAK_FURNITURE.search(camel)) and prose_chars(element) < _WEAK_MAX_PROSE


def _is_hidden_copy(element: html.HtmlElement, whole: str) -> bool:
    """An element its inline style hides that repeats text shown elsewhere in the container:
    a second copy of the story kept for a paywall or for print."""
    if not _HIDDEN_STYLE.search(element.get("style") or ""):
        return False
    probe = _text(element)[:_REPEAT_PROBE_CHARS]
    return len(probe) == _REPEAT_PROBE_CHARS and whole.count(probe) >= 2


def strip_furniture(container: html.HtmlElement) -> html.HtmlElement:
    """A copy of `container` without menus, share bars, boxes and other furniture."""
    clean = copy.deepcopy(container)
    whole = _text(clean)
    total = max(len(whole), 1)
    doomed = []
    walk = etree.iterwalk(clean, events=("start",), tag=etree.Element)
    for _, element in walk:
        if element is clean:
            continue
        if _is_hidden_copy(element, whole) or _is_furniture(element) and (
                element.tag in _REMOVE_TAGS or len(_text(element)) < total * _MAX_FURNITURE_SHARE
                or prose_chars(element) < _WRAPPER_MIN_PROSE):
            doomed.append(element)
            walk.skip_subtree()  # goes with it: no need to judge what it holds
    for element in doomed:
        element.drop_tree()
    return clean


class _Reader:
    """Walks a container once, cutting its text into blocks at block-level elements."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.linked = 0

    def read(self, element: html.HtmlElement) -> list[Block]:
        self._visit(element, "div", in_link=False)
        self._flush("div")
        return self.blocks

    def _flush(self, kind: str) -> None:
        text = "".join(self.pieces)
        linked, self.pieces, self.linked = self.linked, [], 0
        lines = [line for line in (collapse(part) for part in text.split("\n")) if line]
        size = sum(map(len, lines))
        if not lines or (linked > size * _MAX_LINK_SHARE and kind not in _HEADINGS):
            return
        # A headline that is all link heads a teaser of another story.
        if kind in _HEADINGS and linked >= size * 0.9:
            kind = TEASER
        self.blocks.extend(Block(kind, line) for line in lines)

    def _visit(self, element: html.HtmlElement, kind: str, in_link: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        in_link = in_link or tag == "a"
        if tag == "br":
            self.pieces.append("\n")
        elif tag in _BLOCKS:
            self._flush(kind)
            kind = tag
        if tag and element.text:
            self._add(element.text, in_link, kind)
        for child in element:
            self._visit(child, kind, in_link)
        if tag in _BLOCKS:
            self._flush(kind)
        if element.tail:
            self._add(element.tail, in_link and tag != "a", kind)

    def _add(self, text: str, in_link: bool, kind: str) -> None:
        # A line break within a run of words is a space, as a browser shows it: hand-written
        # and generated HTML wrap a paragraph's text at 80 columns. Breaks between elements
        # (indentation) still part lines styled as blocks, and code keeps its lines.
        self.pieces.append(text if kind == "pre" else _WRAPPED.sub(" ", text))
        if in_link:
            self.linked += len(text.strip())


def _is_short(block: Block) -> bool:
    """A line that may be a kicker, a byline or a credit. Code lines are short, and content."""
    return block.kind not in _HEADINGS and block.kind != "pre" and len(block.text.split()) <= 6 \
        and len(block.text) < 60


def _is_sentence(block: Block) -> bool:
    """A paragraph of a few words that ends as a sentence ("Ich hoffe, es gefällt euch.")."""
    return block.kind == "p" and len(block.text.split()) >= 3 and bool(
        _ENDS_SENTENCE.search(block.text))


def _is_told_heading(block: Block) -> bool:
    """A heading that tells something: a sentence of a few words with its full stop, no box's
    title ("Read more", "Weitere Artikel")."""
    return block.kind in _HEADINGS and len(block.text.split()) >= _TOLD_MIN_WORDS \
        and block.text[-1] in ".!"


def _in_told_run(blocks: list[Block], index: int) -> bool:
    """The heading at `index` and the one before or after it are sentences."""
    return _is_told_heading(blocks[index]) and any(
        0 <= other < len(blocks) and _is_told_heading(blocks[other])
        for other in (index - 1, index + 1))


def _goes_on(block: Block) -> bool:
    """Running text that is the story's: where it stands after the last long paragraph, the
    story goes on."""
    return block.kind in _RUNNING and not _is_short(block) and not is_furniture_line(
        block.text) and not _COMMENTS_HEADING.match(block.text)


def _closes(block: Block) -> bool:
    """What closes a story right under its text: a list, a table (specs, nutrition facts),
    short sentences, a numbered item, a sign-off, a credit ("Source: X")."""
    return block.kind in ("li", "td", "th") or _is_sentence(block) or bool(
        _NUMBERED.match(block.text) or _SIGN_OFF.match(block.text)) or is_credit_line(block.text)


def _without_short_lines_around(blocks: list[Block]) -> list[Block]:
    """Kickers, bylines and datelines sit above the first real paragraph as short lines;
    ratings, credits and "share this" prompts trail the story. A line that leads into the
    first paragraph ("Liebe Leserinnen und Leser,", "So geht's:") is the story's, so are short
    lines between paragraphs it goes on with ("Pressekontakt:", a spec's row) and what closes
    it (`_closes`)."""
    prose = [i for i, b in enumerate(blocks) if len(b.text) >= 100]
    if not prose:
        return blocks
    start, end = prose[0], prose[-1]
    while start > 0 and blocks[start - 1].kind == "p" and blocks[start - 1].text[-1] in ",:":
        start -= 1
    running_end = max((i for i in range(end + 1, len(blocks)) if _goes_on(blocks[i])),
                      default=end)
    end = running_end
    while end + 1 < len(blocks) and _closes(blocks[end + 1]):
        end += 1

    def kept(index: int, block: Block) -> bool:
        # A teaser's linked headline among the running text after the story is no line of it.
        return not _is_short(block) or start <= index <= end and not (
            block.kind == TEASER and prose[-1] < index <= running_end)

    return [block for index, block in enumerate(blocks) if kept(index, block)]


def read_blocks(container: html.HtmlElement) -> list[Block]:
    """Paragraphs, headings, list items, quotes and bare text runs, in reading order."""
    blocks = _without_short_lines_around(_Reader().read(container))
    # The comment section ("3 Comments", "Leave a Reply") ends the article.
    end = next((i for i, b in enumerate(blocks) if len(b.text) < 60
                and _COMMENTS_HEADING.match(b.text)), len(blocks))
    blocks = blocks[:end]
    kept: list[Block] = []
    teasers = _teasers(blocks)
    furniture = [is_furniture_line(block.text) for block in blocks]
    for index, block in enumerate(blocks):
        if index in teasers or furniture[index]:
            continue
        # What a heading heads: the next line that is no furniture ("2:38 min" under a
        # video teaser's title heads nothing).
        following = next((blocks[i] for i in range(index + 1, len(blocks)) if not furniture[i]),
                         None)
        # A heading over nothing was the title of a removed box ("More on this topic"); one
        # over a subheading heads a section, and sentences set as headings are text: long
        # ones, and a run of them telling the points of a list ("1. Evergrande owned 1,300
        # projects.", "2. Its debt …").
        if block.kind in _HEADINGS and len(block.text) < _BOX_TITLE_MAX_CHARS and (
                following is None or following.kind in _HEADINGS
                and following.kind <= block.kind) and not _in_told_run(blocks, index):
            continue
        kept.append(block)
    return kept


def _teasers(blocks: list[Block]) -> set[int]:
    """Indices of teasers of other stories: a linked headline and the blurb under it (a line
    or two up to the next heading). Teasers follow the story's last long paragraph; before it,
    a linked heading is the story's own (a list of products, of sources)."""
    story_end = max((i for i, b in enumerate(blocks) if len(b.text) >= _TEASER_MAX_CHARS),
                    default=-1)
    found: set[int] = set()
    for index in range(story_end + 1, len(blocks)):
        if blocks[index].kind != TEASER:
            continue
        found.add(index)
        blurb = list(itertools.takewhile(
            lambda i: blocks[i].kind not in _HEADINGS and blocks[i].kind != TEASER,
            range(index + 1, len(blocks))))
        # More than a blurb's few lines before the next heading: the story goes on.
        if len(blurb) <= _BLURB_MAX_LINES:
            found.update(blurb)
    return found


def find_lede(root: html.HtmlElement, h1: html.HtmlElement | None,
              container: html.HtmlElement | None, description: str | None = None) -> str | None:
    """A standfirst between the headline and the body: marked as lead/teaser/summary, the
    page's meta `description` where the page shows it, or the sentence right under the
    headline `h1`."""
    started = h1 is None
    summary = _WORD.findall(description.lower()) if description else []
    for element in root.iter(etree.Element):
        if element is h1:
            started = True
        elif element is container:
            return _under_headline(h1, container) if started and h1 is not None else None
        elif started and element.tag in ("p", "div", "h2", "span"):
            marks = _marks(element)
            # Without a container, the body came from trafilatura: only the summary is sure.
            marked = container is not None and _LEDE.search(marks) and not _PICTURE.search(marks)
            if not marked and (len(summary) < _SUMMARY_MIN_WORDS or not (
                    element.tag in ("p", "h2") or (element.text or "").strip())):
                continue
            if _is_furniture(element):
                continue
            text = _text(element)
            # A photo's credit sits in the header too ("Photograph: Jane Doe; Getty Images").
            if not 30 <= len(text) <= _STANDFIRST_MAX_CHARS or is_furniture_line(text):
                continue
            if marked:
                return text
            if _shows_summary(text, summary):
                # The summary's dateline ("Berlin.") may sit beside it, in the parent.
                parent = element.getparent()
                wider = _text(parent) if parent is not None else ""
                return wider if _shows_summary(wider, summary) else text
    return None


def _shows_summary(text: str, summary: list[str]) -> bool:
    """`text` says the page's summary, perhaps after a dateline ("Berlin. …")."""
    words = _WORD.findall(text.lower())
    return words[-len(summary):] == summary and len(words) - len(summary) <= _DATELINE_MAX_WORDS


def _under_headline(h1: html.HtmlElement, container: html.HtmlElement) -> str | None:
    """The headline's next sibling when it reads as a sentence (a subheading, a summary)."""
    sibling = h1.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    if sibling is None or sibling.tag not in ("p", "h2", "div") or _is_furniture(sibling) \
            or sibling in container.iterancestors():
        return None
    text = _text(sibling)
    linked = sum(len(_text(a)) for a in sibling.iter("a"))
    # A subheadline (an <h2> under the <h1>) is a sentence that often goes without its stop.
    sentence = _is_prose([text]) or sibling.tag == "h2" and len(text.split()) >= 8
    if 40 <= len(text) <= 600 and linked < len(text) / 2 and sentence \
            and not is_furniture_line(text):
        return text
    return None


def _without_boxes(root: html.HtmlElement) -> html.HtmlElement:
    """A copy of the page without share bars, newsletter and "read also" boxes (the furniture
    that trafilatura keeps when it sits inside an article), without sidebars (on a page of
    little text, trafilatura's fallback takes a sidebar's table of recent posts for the
    story) and without ruby annotations."""
    clean = copy.deepcopy(root)
    sidebars = []
    for element in list(clean.iter(etree.Element)):
        if element.getparent() is None:
            continue
        marks = _marks(element)
        if element.tag in ("rt", "rp") or _BOX.search(marks):
            element.drop_tree()
        elif _SIDEBAR.search(marks) and not _HOLDS_STORY(element):
            sidebars.append(element)
    if sidebars:
        page_prose = prose_chars(clean)
        for element in sidebars:
            if prose_chars(element) <= page_prose * _MIN_GENERIC_SHARE:
                element.drop_tree()
    return clean


def generic_body(root: html.HtmlElement, url: str) -> list[str]:
    """trafilatura's main-text extraction, as paragraphs."""
    extracted = trafilatura.extract(_without_boxes(root), url=url, include_comments=False,
                                    include_tables=True, deduplicate=False)
    lines = (line.strip() for line in (extracted or "").split("\n"))
    return [line for line in lines if line and not is_furniture_line(line)]


def _is_prose(paragraphs: list[str]) -> bool:
    """Some paragraph reads as sentences, not as a row of labels."""
    return any(len(p.split()) >= 8 and _SENTENCE_END.search(p) or len(p) >= 40 and "。" in p
               for p in paragraphs)


def _once(text: str) -> str:
    """A text some CMSs write twice in a row into `articleBody`, once."""
    if len(text) < 2 * _REPEAT_PROBE_CHARS:
        return text
    again = text.find(text[:_REPEAT_PROBE_CHARS], len(text) // 3)
    return text[:again].rstrip() if again > 0 else text


def _declared_paragraphs(declared_body: str | None) -> list[str]:
    """JSON-LD `articleBody` as paragraphs; some sites put HTML in it."""
    if not declared_body:
        return []
    # JSON knows no entities, yet CMSs write the body's HTML escaped into it.
    declared_body = _once(unescape(declared_body).strip())
    if _HTML_TAG.search(declared_body):
        fragment = html.fragment_fromstring(declared_body, create_parent="div")
        return [block.text for block in read_blocks(strip_furniture(fragment))]
    lines = (line.strip() for line in declared_body.split("\n"))
    return [line for line in lines if line and not is_furniture_line(line)]


def _size(paragraphs: list[str]) -> int:
    return sum(map(len, paragraphs))


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text))


def _holder(root: html.HtmlElement, probes: list[str]) -> html.HtmlElement | None:
    """The innermost element of the page's body that shows all the `probes` (runs of words
    joined by spaces)."""
    # Each probe's words with whatever parts them in the page's text: matching the raw text
    # is much cheaper than folding the text of every element on the way down.
    patterns = [re.compile(r"\W+".join(map(re.escape, probe.split()))) for probe in probes]
    page_body = root.find("body")
    found = None
    walk = etree.iterwalk(page_body if page_body is not None else root, events=("start",),
                          tag=etree.Element)
    for _, element in walk:
        text = strip_invisible(_TEXT_OF(element))
        if element.tag in _REMOVE_TAGS or not all(p.search(text) for p in patterns):
            walk.skip_subtree()  # nothing in it shows them either
        else:
            found = element  # descendants come after their ancestors: the last is innermost
    return found


def _shown_structure(root: html.HtmlElement, declared: list[str]) -> list[str] | None:
    """The declared body as the page shows it: JSON-LD `articleBody` is often one run of
    text, while the HTML holding the same words parts it into paragraphs under subheadings
    (a news site whose body container bears no known mark)."""
    text = collapse(" ".join(declared))
    words = _words(text)
    if len(words) < _PROBE_CHARS * 2:
        return None
    # Found by its middle and its end: a standfirst it starts with may stand apart.
    middle = len(words) // 2
    holder = _holder(root, [words[middle:middle + _PROBE_CHARS], words[-_PROBE_CHARS:]])
    if holder is None:
        return None
    shown = [block.text for block in read_blocks(strip_furniture(holder))]
    if not shown:
        return None
    start = text.find(shown[0][:_PROBE_CHARS])
    if 0 < start <= _STANDFIRST_MAX_CHARS and not is_furniture_line(text[:start]):
        shown.insert(0, text[:start].strip())
    shown_words = _words(" ".join(shown))
    # The same text (its ends, about as many words: the declared one may hold an embed's
    # code), in more parts.
    same = words[:_PROBE_CHARS] in shown_words and words[-_PROBE_CHARS:] in shown_words and \
        len(words) * 0.9 <= len(shown_words) <= len(words) * 1.1
    return shown if same and len(shown) > len(declared) else None


def article_paragraphs(root: html.HtmlElement, url: str, declared_body: str | None = None,
                       description: str | None = None) -> list[str]:
    """The article body as paragraphs (see the module docstring for the order)."""
    headline = _page_headline(root)
    containers = find_containers(root, headline)
    # A page that marks its body but has little in it: a brief, or a video page.
    marked = [] if containers else _first_marked(root)
    paragraphs = [block.text for container in containers or marked
                  for block in read_blocks(strip_furniture(container))]
    declared = _declared_paragraphs(declared_body)
    if _size(declared) > max(_size(paragraphs) * 1.3, _MIN_FALLBACK_CHARS):
        paragraphs = _shown_structure(root, declared) or declared
    # A Next.js page may carry its article only in its scripts' data.
    if _size(paragraphs) < _MIN_ARTICLE_CHARS and (fragment := nextjs.embedded_html(root)):
        embedded = [block.text for block in read_blocks(strip_furniture(
            html.fragment_fromstring(fragment, create_parent="div")))]
        if _size(embedded) > _size(paragraphs):
            paragraphs = embedded
    if _size(paragraphs) < _MIN_ARTICLE_CHARS:
        generic = generic_body(root, url)
        # Beside a marked body, what trafilatura finds must at least read as sentences:
        # on a page with no article it returns the buttons and boxes around it.
        if _size(generic) > max(_size(paragraphs) * _MARKED_SHORTFALL, _MIN_FALLBACK_CHARS) and (
                not marked or _is_prose(generic)):
            paragraphs = generic
    # A CMS that escapes its text twice shows "&atilde;" where it meant "ã".
    paragraphs = [collapse(unescape(p)) if _ESCAPED_TWICE.search(p) else p for p in paragraphs]
    # The headline heads the body when its container holds it: it is the title, not text.
    if headline is not None and paragraphs and paragraphs[0] == _text(headline):
        paragraphs = paragraphs[1:]
    if paragraphs:
        lede = find_lede(root, headline, containers[0] if containers else None, description)
        if lede and lede not in "\n".join(paragraphs) and paragraphs[0] not in lede:
            paragraphs.insert(0, lede)
    return paragraphs
