"""Rule 1, the cheap first pass over the page (`collect`), and rule 2, the script-loaded
comment provider (`PROVIDERS`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .items import ITEM_TAGS, is_item, is_review
from .marks import ITEM, NOT_NOTICE, SECTION_FLAGS, marks_of
from .paragraphs import string

# Elements with an attribute (class, id, itemprop, itemtype, href...) that mentions comments;
# one pass over the attributes is cheaper than tests on every element. Reviews ("jdgm-rev",
# "spr-review", schema.org `Review`) are looked for in classes (in any case, as `REVIEW_CLASS`
# reads them) and itemtypes only: each test over every attribute costs a quarter of a
# millisecond on a common page, so three narrow scans beat one with every test.
_SIGNALS = etree.XPath("//@*[contains(., 'omment') or contains(., 'omentar')]/.. | "
                       "//@class[contains(translate(., 'REV', 'rev'), 'rev')]/.. | "
                       "//@itemtype[contains(., 'Review')]/..")
_SIGNAL_TAGS = ("h2", "h3", "h4", "h5", "h6", "script", "iframe", "form", "textarea",
                "hyvor-talk-view", "hyvor-talk-comments", "vf-conversations")
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_COMMENT_TEXT = re.compile(r"comment|komment|komentar|komentář|coment|commento|thoughts? on|"
                           r"responses?|replies|reply|reactions?|leserbrief|reactie|"
                           r"hozzászólás|yorum|balasan|σχόλι|коментар|комментари|تعليق|"
                           r"bình luận|댓글|评论|評論|コメント", re.I)

# (name, markers): markers are looked for in script / iframe sources and inline scripts, and
# in the ids, classes and tag names of elements, lower-cased.
PROVIDERS: list[tuple[str, tuple[str, ...]]] = [
    ("disqus", ("disqus",)),
    ("facebook", ("fb-comments", "facebook.com/plugins/comments")),
    ("commento", ("commento.io", "#commento")),
    ("hyvor-talk", ("hyvor-talk", "talk.hyvor.com")),
    ("coral", ("coral_thread", "coral-thread", "coral-talk", "coral.createstreamembed",
               "coralproject")),
    ("giscus", ("giscus",)),
    ("utterances", ("utteranc.es",)),
    ("remark42", ("remark42",)),
    ("isso", ("data-isso", "isso-thread", "/isso/")),
    ("viafoura", ("viafoura", "vf-conversations")),
    ("openweb", ("spot.im", "spotim", "openweb", "spot-im")),
    ("intensedebate", ("intensedebate", "idc-container")),
    ("livefyre", ("livefyre",)),
]
_INLINE_MARKERS = ("disqus", "Coral.createStreamEmbed", "remark42", "commento.io", "giscus",
                   "utteranc.es", "livefyre", "intensedebate", "spot.im", "viafoura",
                   "talk.hyvor.com", "fb-comments", "data-isso")


_ITEM_ATTRIBUTES = {"itemscope", "typeof", "data-comment-user-id"}
_NOT_NAMED = {"script", "iframe", "link", "meta", "style", "textarea", "input", "noscript"}
_NAMED_PROVIDERS = ("fb-comments", "disqus", "coral", "hyvor", "remark42", "giscus", "utterances",
                    "spot-im", "spotim", "openweb", "viafoura", "livefyre", "intensedebate", "idc-",
                    "isso")


@dataclass
class Signals:
    # (element, flags): the class or id names comments, and it is not a part of one comment
    named: list = field(default_factory=list)
    items: list = field(default_factory=list)  # rule 3a candidates
    headings: list = field(default_factory=list)  # (heading, text) about comments
    forms: list = field(default_factory=list)  # comment forms and textareas
    counts: list = field(default_factory=list)  # itemprop=commentCount
    page_links: list = field(default_factory=list)  # comment-page-N / cpage=N links
    provider: str | None = None
    json_ld: bool = False

    def __bool__(self) -> bool:
        return bool(self.named or self.items or self.headings or self.forms or self.counts
                    or self.provider or self.json_ld)


def _provider_of(element: etree._Element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "script" and not element.get("src"):
        text = (element.text or "")[:20_000]  # embed snippets are small; bundles mention all
        if not any(marker in text for marker in _INLINE_MARKERS):
            return None
        haystack = text.lower()
    else:
        parts = [tag, element.get("id") or "", element.get("class") or "",
                 element.get("src") or ""]
        parts += [name for name in ("data-isso", "data-spot-im", "data-spotim-module")
                  if element.get(name) is not None]
        if element.get("id") == "commento":
            parts.append("#commento")
        haystack = " ".join(parts).lower()
    for name, markers in PROVIDERS:
        if any(marker in haystack for marker in markers):
            return name
    return None


def collect(root: etree._Element) -> Signals:
    """Rule 1: everything the later rules look at, from two cheap passes over the page."""
    signals = Signals()
    providers: list[tuple[int, str]] = []
    reviews: set[etree._Element] = set()
    headlined: dict[etree._Element, bool] = {}
    for element in root.iter(*_SIGNAL_TAGS):
        tag = element.tag
        if tag == "script" and "ld+json" in (element.get("type") or "").lower():
            signals.json_ld = signals.json_ld or "omment" in (element.text or "")
        elif tag in _HEADING_TAGS:
            text = string(element)
            if len(text) < 250 and _COMMENT_TEXT.search(text):
                signals.headings.append((element, text))
        elif tag in ("form", "textarea"):
            marks = " ".join(filter(None, (element.get("action"), element.get("id"),
                                           element.get("class"), element.get("name")))).lower()
            if "comment" in marks or "kommentar" in marks:
                signals.forms.append(element)
        elif not providers:
            name = _provider_of(element)
            if name:
                providers.append((element.sourceline or 0, name))
    for element in _SIGNALS(root):
        tag = element.tag
        get = element.get
        if tag in _NOT_NAMED:
            if tag == "meta" and get("itemprop") == "commentCount":
                signals.counts.append(element)
            continue
        classes, ident = get("class") or "", get("id") or ""
        if tag == "a" and ("comment-page-" in (href := get("href") or "") or "cpage=" in href):
            signals.page_links.append(element)
        flags = 0
        if "omment" in classes or "omment" in ident or "omentar" in classes or \
                "omentar" in ident:
            flags = marks_of(classes).flags | (marks_of(ident).flags if ident else 0)
            if flags & SECTION_FLAGS or not flags & NOT_NOTICE:  # not a comment's part
                signals.named.append((element, flags))
            if not flags & NOT_NOTICE:
                lowered = (classes + " " + ident).lower()
                if (ident == "commento" or any(m in lowered for m in _NAMED_PROVIDERS)) and \
                        (name := _provider_of(element)):
                    providers.append((element.sourceline or 0, name))
        if tag in ITEM_TAGS and (flags & ITEM or tag == "dd" or
                                 ident.startswith(("comment-", "li-comment-"))
                                 or not _ITEM_ATTRIBUTES.isdisjoint(element.keys())) and \
                is_item(element):
            signals.items.append(element)
        elif get("itemprop") == "commentCount":
            signals.counts.append(element)
        elif tag in ITEM_TAGS and is_review(element, reviews, headlined):
            signals.items.append(element)
            reviews.add(element)
    if providers:
        signals.provider = min(providers)[1]
    return signals
