"""Comment sections: the comments a page shows, threaded, and the state of the section.

Order of rules:

1. Cheap signals first: one pass over headings, scripts, iframes and forms, one XPath over
   attribute values mentioning "comment" (classes, ids, itemprop / itemtype / RDFa, comment-page
   links) and over classes and itemtypes naming reviews. A page where none of it concerns
   comments is done (well under a millisecond).
2. Provider: the first script-loaded comment system in page order: Disqus, Facebook, Commento,
   Hyvor Talk, Coral, Giscus, utterances, Remark42, Isso, Viafoura, OpenWeb / Spot.IM,
   IntenseDebate, Livefyre (script sources, inline embed snippets, their placeholders).
3. Comment items; the first rule that yields comments wins:
   a. markup that declares comments: WordPress classic and block themes (`li.comment`,
      `li#comment-N`, `div.comment.depth-N`), Drupal (`article.comment`), Blogger (threaded, and
      the classic `dd` after a `dt#c123`), wpDiscuz,
      schema.org `Comment` microdata and RDFa, any block whose class is the bare word
      "comment". An item that only wraps another's body (`li.comment > article.comment`) gives
      way to it; a block wrapping several items with no words of its own is no item; a
      `comment-content` part, items in a sidebar, widget, page footer, "Recent comments" box or
      dialog (not Blogger's `widget Blog`, the posts' column, nor Drupal's page wrapper
      `dialog-off-canvas-main-canvas`), and items holding the comment form are left out.
      Readers' reviews in shops and blogs too (Judge.me, Yotpo, Stamped.io, Shopify Product
      Reviews, WooCommerce, schema.org `Review`): a block whose class is `review` / `*-review` /
      `*-rev` or a `Review` item, in a container naming reviews (`*-reviews`, `#reviews`, not
      `category-reviews`), with a rating or a body, and the shop's reply inside one
      (`*-rev__reply`); not when that container holds the page's `h1`, `headline` or
      `articleBody` or the block's headings link elsewhere: a review article or teasers;
   b. JSON-LD: the `comment` trees of the page's objects (`@graph` included);
   c. generic: in a comments container (an element whose class or id names the comments, or
      the blocks after a heading such as "3 Comments", "Leave a Comment", "Kommentare",
      "Commentaires", "Comentarios", "Комментарии", "コメント"), the block that repeats among
      siblings (same tag and first lasting class) and holds some text that is not mostly
      links, a date (`<time>`, date-like or relative text) and, unless its class names
      comments, an author-ish element or its own permalink anchor opening it
      (`<a name="comment-N">`, SPIP's `<a id="forumN">`; not `post-N`); nested repeats are
      the replies.
4. Fields, from an item's own elements (nested items left out; for a `<dd>` item, the `<dt>`
   before it and the entry's other `<dd>`s too, where Thesis and Blogger's classic templates
   write the author and date):
   - id: the item's own id (`comment-123`, `li-comment-123`, `c123`, `cid-123`,
     `spr-review-123`, `forum123`), then `data-comment-id` / `data-review-id` / microdata
     `itemid`, an id inside it (`div-comment-123`), the empty Drupal anchor `a#comment-123`
     before it, its `replytocom=` / SPIP's `id_forum=` / `#comment-123` links, microdata
     `url` / `identifier`;
     else sha1 of the canonical article URL, author, date and text (16 hex);
   - author: microdata / RDFa `author` > `name`, `.fn` and kin (a class naming the name itself,
     `…CommentAuthorName`, among them: it outranks the author block with the member's profile),
     `*author*` / `*user*` / `*name*` classes and SPIP's `forum-qui` (one saying only a role,
     "Autor", "Admin", last),
     `<cite>`, a byline's first bold name or the bold name a header or meta line
     opens with (`<div class="metas"><b>Par Bruno Gobin,</b> le …`), else the text's first
     line when it is "Name says:" ("sagt:", "a dit :", "kirjoitti:" and kin in 13 languages;
     the line cut), or when it is all a link to a member's page (`/user/…`, `/profil/…`);
     role badges inside the name's element ("Martina Berg<span>Autor</span>") left out;
     without "says:" (Blogger's "said..."), "by" / "Comment by" and "(not verified)", and
     without a date it ends with ("Name 29.07.2020 // 12:56", "Name on 11/08/2020", "Name —
     17.07, 2011 @ 13:04"; the date then the published date when there is none; a date with
     more words after it is part of a title and stays); its link, made absolute;
   - published: `datetime` / microdata `dateCreated` / `datePublished` attributes, date-classed
     elements (their `title` or `data-content`, else their text), Drupal's
     `data-comment-timestamp`, a short leaf that is a date, then a date in the header's text;
     written in English, German, French, Spanish, Italian, Dutch, Portuguese, Russian, Polish
     or Japanese, ISO 8601 out;
   - text: microdata / RDFa `text` / `reviewBody`, Drupal's body field, the `comment-content`
     family of classes (`review-content`, `jdgm-rev__body`, SPIP's `forum-texte` too), else
     the item itself; in both without the header (the author, the date and the blocks made
     of little else); paragraphs joined by a blank line, `<br>` a line break; reply / edit /
     report / vote / like / share widgets (`cld-like-count-wrap` too; "Like (4)", "12 points"
     lines), avatars, "says:", the item's number, what is left of the header ("Kommentar
     von", "|"), hidden text and moderation notes left out. A title
     the commenter gave it (a heading or a `comment-title` / `*__subject` / `*-titre` element
     of the item's own, before the text part and outside it and the header) comes first,
     unless the text starts with it (Drupal's subject made of the body's first words, "…" or
     not).
   - kind: "pingback" / "trackback" for an item whose class says so, an author or text
     labelled "Pingback:" / "Trackback von …" (the label cut; the text's first line the author
     when none was found), or a text that is WordPress's excerpt of the linking post ("[…]
     words […]"); else "comment". A pingback's author is the linking post (its first link when
     no author element names it) and it is kept without words of its own.
5. Threading: an explicit parent (`data-parent-id`, microdata / JSON-LD `parentItem`), else the
   nearest enclosing item, else the item just before the replies container (`div.indented`,
   `.children`, `.replies`, a list) that holds it, else for flat lists the last item a level
   up by its `depth-N` / `level-N` / `--indented` class. Depth follows the parent.
6. The section: `open` is True for a comment form (`#respond`, `form.comment-form`, a form or
   textarea named for comments, a "Leave a Reply" / "Kommentar schreiben" heading, a "Post a
   Comment" link in the comments container: Blogger's classic), False for
   a "comments are closed" notice (EN, DE, FR, ES, IT, NL, RU, JA), None otherwise; `count` is
   the number the comments title / heading states ("3 thoughts on", "Comments (3)", "Ein
   Kommentar"), else JSON-LD / microdata `commentCount`, else a "3 Comments" link to the page
   itself; `page_urls` are the comment pagination links of this article (`comment-page-N`,
   `cpage=N`, pagers inside the comments container: Drupal's `?page=N`, Blogger's
   `?commentPage=N`), absolute, once each, without this page.

Modules: rules 1 and 2 in `signals`, 3a and 3c in `items`, 3b in `jsonld`, 4 in `fields`,
5 in `threads`, 6 in `section`; below them the class and id vocabularies (`marks`), dates
(`dates`) and the reading of text (`paragraphs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from ...items import Comment
from ..structured import json_ld_objects
from .dates import date_in
from .fields import read_item
from .items import generic_items, markup_items
from .jsonld import json_ld_reads
from .marks import Zones
from .section import count_in, find_containers, open_state, page_urls, stated_count
from .signals import PROVIDERS, collect
from .threads import build, merge_page

__all__ = ["PROVIDERS", "CommentSection", "count_in", "date_in", "find_comments", "merge_page"]


@dataclass
class CommentSection:
    comments: list[Comment] = field(default_factory=list)  # in page order
    open: bool | None = None  # a form is offered (True) / the page says closed (False)
    count: int | None = None  # the count the page states, None if it states none
    provider: str | None = None  # a script-loaded comment system, e.g. "disqus"
    page_urls: list[str] = field(default_factory=list)  # the section's other pages


def find_comments(page: Selector, url: str, article_url: str | None = None,
                  objects: list[dict] | None = None) -> CommentSection:
    """The comment section of `page`, saved from `url`. `article_url` (default `url`) is the
    article the comments belong to: comments without an id of their own get a hash of it.
    `objects` are the page's JSON-LD objects when the caller has read them already."""
    root = getattr(page, "root", None)
    if not isinstance(root, etree._Element):
        return CommentSection()
    signals = collect(root)
    if not signals:
        return CommentSection()
    article_url = article_url or url
    zones = Zones(signals.forms)
    if not signals.json_ld:
        objects = []
    elif objects is None:
        objects = json_ld_objects(page)
    named, groups = find_containers(signals, zones)
    comments: list[Comment] = []
    sections = set(named)
    items = markup_items(signals.items, zones, sections)
    if items:
        item_set = set(items)
        comments = build([read_item(item, item_set, url) for item in items], article_url,
                         sections)
    if not comments and objects:
        comments = build(json_ld_reads(objects, url, article_url), article_url)
    if not comments and groups:
        items = generic_items(groups)
        item_set = set(items)
        comments = build([read_item(item, item_set, url) for item in items], article_url)
    return CommentSection(
        comments=comments,
        open=open_state(signals, named, zones),
        count=stated_count(signals, objects, url, zones),
        provider=signals.provider,
        page_urls=page_urls(signals, named, url),
    )
