"""The posts' comment sections for `theme_sites.py`, written in each system's own markup (as its
public templates write it: WordPress's comment walker and comments blocks, Blogger's threaded
and classic layouts, Drupal 10's Olivero and Drupal 7's comment.tpl.php).

Every site carries the same comments (`SECTIONS`, by post id); `MARKUPS[name].render(view)`
writes the section of one comment page, and the markup says what the system shows of them:
how deep it threads, whether it says comments are closed, whether it states their number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html import escape

BST = timezone(timedelta(hours=1))


@dataclass(frozen=True)
class Remark:
    id: int  # the CMS's comment number
    parent: int | None
    author: str
    published: datetime
    text: str  # paragraphs separated by a blank line


@dataclass(frozen=True)
class Section:
    state: str  # "open", or "closed": the existing comments shown, no new ones taken
    remarks: tuple[Remark, ...] = ()
    threads_per_page: int = 50  # WordPress's default; Drupal's too (comments per page)


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=BST)


SECTIONS = {
    101: Section("closed", (
        Remark(1011, None, "Sam Price", _at(11, 18, 40), "Good news for the town, if it "
               "happens on time."),
        Remark(1012, 1011, "Dana Kerr", _at(11, 19, 5), "It is in the operator's letter, so "
               "it should."),
    )),
    # 102: no comment section at all.
    103: Section("open", (
        Remark(1031, None, "Ruth Okafor", _at(13, 20, 14), "At last. The bridge end is "
               "frightening at rush hour.\n\nWill the lanes be lit at night?"),
        Remark(1032, 1031, "Mill Road Traders", _at(13, 21, 2), "The plans show new lamps "
               "along the whole length."),
        Remark(1033, 1032, "Ruth Okafor", _at(14, 7, 45), "Thank you, that settles it for me."),
        Remark(1034, None, "Pete Lowe", _at(14, 9, 30), "Where are the delivery vans "
               "supposed to stop?"),
        Remark(1035, None, "Jo Marsh", _at(15, 12, 0), "Three stages means a year of "
               "roadworks."),
        Remark(1036, 1035, "Pete Lowe", _at(15, 13, 20), "Better than closing the road."),
    ), threads_per_page=2),
    104: Section("open", (
        Remark(1041, None, "Meg Ellis", _at(14, 17, 55), "Pots on the balcony work better "
               "than you would think."),
    )),
    105: Section("open"),
}


@dataclass
class View:
    """One comment page of a post's section: `page` (1-based) of `pages`."""
    section: Section
    url: str  # the post's
    title: str  # the post's, escaped
    page: int
    pages: int
    page_url: Callable[[int], str]

    @property
    def threads(self) -> list[Remark]:
        tops = [r for r in self.section.remarks if r.parent is None]
        per_page = self.section.threads_per_page
        return tops[(self.page - 1) * per_page:self.page * per_page]

    def replies(self, remark: Remark) -> list[Remark]:
        return [r for r in self.section.remarks if r.parent == remark.id]

    def thread(self, remark: Remark) -> list[Remark]:
        """The remark's replies at every depth, in order."""
        return [r for reply in self.replies(remark) for r in (reply, *self.thread(reply))]

    @property
    def total(self) -> int:  # on every page, as WordPress and Blogger count them
        return len(self.section.remarks)

    @property
    def open(self) -> bool:
        return self.section.state == "open"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))


def _long_date(when: datetime) -> str:
    return f"{when:%B} {when.day}, {when:%Y}"


def _clock(when: datetime) -> str:  # 6:40 pm
    return f"{when.hour % 12 or 12}:{when:%M} {'am' if when.hour < 12 else 'pm'}"


# -- WordPress ------------------------------------------------------------------------------


def _wp_item(view: View, remark: Remark, depth: int, block: bool) -> str:
    children = "".join(_wp_item(view, reply, depth + 1, block) for reply in view.replies(remark))
    children = f'<ol class="children">{children}</ol>' if children else ""
    link = f"{view.page_url(view.page)}#comment-{remark.id}"
    reply = (f'<a rel="nofollow" class="comment-reply-link" href="{view.page_url(view.page)}'
             f'?replytocom={remark.id}#respond" data-commentid="{remark.id}" '
             f'aria-label="Reply to {remark.author}">Reply</a>') if view.open else ""
    when = f'{_long_date(remark.published)} at {_clock(remark.published)}'
    classes = f'comment {"parent " if children else ""}depth-{depth}'
    if block:  # Twenty Twenty-Four's comment template
        return (
            f'<li id="comment-{remark.id}" class="{classes}"><div class="wp-block-columns '
            f'is-layout-flex"><div class="wp-block-column"><div class="wp-block-comment-author'
            f'-name">{remark.author}</div><div class="wp-block-group is-layout-flex"><div '
            f'class="wp-block-comment-date"><time datetime="{remark.published.isoformat()}">'
            f'<a href="{link}">{when}</a></time></div><div class="wp-block-comment-edit-link">'
            f'</div></div><div class="wp-block-comment-content">{_paragraphs(remark.text)}</div>'
            f'<div class="wp-block-comment-reply-link">{reply}</div></div></div>{children}</li>')
    return (  # Walker_Comment::html5_comment
        f'<li id="comment-{remark.id}" class="{classes}"><article id="div-comment-{remark.id}" '
        f'class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">'
        f'<img alt="" src="/avatar/{remark.id}" class="avatar avatar-60 photo" height="60" '
        f'width="60" /><b class="fn">{remark.author}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="{link}"><time datetime="'
        f'{remark.published.isoformat()}">{when}</time></a></div></footer><div class="comment-'
        f'content">{_paragraphs(remark.text)}</div><div class="reply">{reply}</div></article>'
        f'{children}</li>')


_WP_FORM = ('<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-'
            'reply-title">Leave a Reply</h3><form action="/wp-comments-post.php" method="post" '
            'id="commentform" class="comment-form" novalidate><p class="comment-form-comment">'
            '<label for="comment">Comment</label><textarea id="comment" name="comment" cols="45"'
            ' rows="8" required></textarea></p><p class="form-submit"><input name="submit" '
            'type="submit" id="submit" class="submit" value="Post Comment" /></p></form></div>')


def _wp_pager(view: View, block: bool) -> str:
    older = view.page > 1 and view.page_url(view.page - 1) + "#comments"
    newer = view.page < view.pages and view.page_url(view.page + 1) + "#comments"
    if block:
        links = (f'<a href="{older}" class="wp-block-comments-pagination-previous">Older '
                 'Comments</a>' if older else "") + (
            f'<a href="{newer}" class="wp-block-comments-pagination-next">Newer Comments</a>'
            if newer else "")
        return (f'<nav class="wp-block-comments-pagination is-layout-flex" aria-label="Comments'
                f' pagination">{links}</nav>') if links else ""
    links = (f'<div class="nav-previous"><a href="{older}">Older comments</a></div>'
             if older else "") + (
        f'<div class="nav-next"><a href="{newer}">Newer comments</a></div>' if newer else "")
    return (f'<nav class="navigation comment-navigation" aria-label="Comments"><h2 class="screen'
            f'-reader-text">Comments navigation</h2><div class="nav-links">{links}</div></nav>'
            ) if links else ""


def wordpress_classic(view: View) -> str:  # Twenty Twenty-One's comments.php
    title = "1 comment" if view.total == 1 else f"{view.total} comments"
    items = "".join(_wp_item(view, remark, 1, block=False) for remark in view.threads)
    closed = '<p class="no-comments">Comments are closed.</p>' if not view.open else ""
    listing = (f'<h2 class="comments-title">{title}</h2><ol class="comment-list">{items}</ol>'
               f'{_wp_pager(view, block=False)}') if view.total else ""
    return (f'<div id="comments" class="comments-area default-max-width show-avatars">{listing}'
            f'{closed}{_WP_FORM if view.open else ""}</div>')


def wordpress_block(view: View) -> str:  # Twenty Twenty-Four's comments pattern
    title = ("One response to" if view.total == 1 else f"{view.total} responses to")
    items = "".join(_wp_item(view, remark, 1, block=True) for remark in view.threads)
    listing = (f'<h3 class="wp-block-comments-title">{title} “{view.title}”</h3><ol class='
               f'"wp-block-comment-template">{items}</ol>{_wp_pager(view, block=True)}'
               ) if view.total else ""
    form = _WP_FORM if view.open else ""  # comment_form() says nothing when closed
    return (f'<div class="wp-block-comments wp-block-comments-query-loop"><h2 class="wp-block-'
            f'heading has-x-large-font-size">Comments</h2>{listing}'
            f'<div class="wp-block-post-comments-form">{form}</div></div>')


# -- Blogger --------------------------------------------------------------------------------


def _blogger_when(remark: Remark) -> str:  # "May 13, 2024 at 6:06 PM", no time zone
    return f"{_long_date(remark.published)} at {_clock(remark.published).upper()}"


def _blogger_link(view: View, remark: Remark) -> str:
    millis = int(remark.published.timestamp() * 1000)
    return f"{view.url}?showComment={millis}#c{remark.id}"


def _blogger_li(view: View, remark: Remark, replies: str | None = None) -> str:
    """A comment; a thread's first one (`replies` not None) carries the thread's replies and
    its "Reply" links, a reply carries none (Blogger threads one level deep)."""
    reply = (f'<a class="comment-reply" target="_self" data-comment-id="{remark.id}">Reply</a>'
             if view.open and replies is not None else "")
    thread = "" if replies is None else (
        f'<div class="comment-replies"><div id="c{remark.id}-rt" class="comment-thread inline-'
        f'thread{"" if replies else " hidden"}"><span class="thread-toggle thread-expanded"><span'
        f' class="thread-arrow"></span><span class="thread-count"><a target="_self">Replies</a>'
        f'</span></span><ol id="c{remark.id}-ra" class="thread-chrome thread-expanded"><div>'
        f'{replies}</div><div id="c{remark.id}-continue" class="continue">{reply}</div></ol>'
        f'</div></div><div class="comment-replybox-single" id="c{remark.id}-ce"></div>')
    return (
        f'<li class="comment" id="c{remark.id}"><div class="avatar-image-container"><img src="'
        f'/img/b16-rounded.gif" alt=""/></div><div class="comment-block"><div class="comment-'
        f'header"><cite class="user">{remark.author}</cite><span class="icon user "></span><span'
        f' class="datetime secondary-text"><a rel="nofollow" href="{_blogger_link(view, remark)}'
        f'">{_blogger_when(remark)}</a></span></div><p class="comment-content">'
        f'{escape(remark.text).replace(chr(10), "<br />")}</p><span class="comment-actions '
        f'secondary-text">{reply}<span class="item-control blog-admin blog-admin pid-1"><a '
        f'target="_self" href="https://www.blogger.com/comment/delete/4412/{remark.id}">Delete'
        f'</a></span></span></div>{thread}</li>')


_BLOGGER_FORM = ("<div class='comment-form'><a name='comment-form'></a><h4 id='comment-post-"
                 "message'>Post a Comment</h4><iframe allowtransparency='allowtransparency' "
                 "class='blogger-iframe-colorize blogger-comment-from-post' frameborder='0' "
                 "height='410px' id='comment-editor' name='comment-editor' src='' width='100%'>"
                 "</iframe></div>")


def blogger_threaded(view: View) -> str:
    """Blogger's threaded comments: replies one level deep, under the thread's first comment."""
    items = "".join(
        _blogger_li(view, top, "".join(_blogger_li(view, r) for r in view.thread(top)))
        for top in view.threads)
    more = ('<div id="top-continue" class="continue"><a class="comment-reply" target="_self">'
            'Add comment</a></div>') if view.open else ""
    return (
        f"<section class='comments threaded' data-num-comments='{view.total}' id='comments'>"
        "<a name='comments'></a><h3 class='title'>Comments</h3><div class='comments-content'>"
        "<div id='comment-holder'><div class=\"comment-thread toplevel-thread\"><ol id=\"top-ra"
        f"\">{items}</ol>{more}<div class=\"comment-replybox-thread\" id=\"top-ce\"></div></div>"
        f"</div></div><p class='comment-footer'>{_BLOGGER_FORM if view.open else ''}</p>"
        "</section>")


def blogger_classic(view: View) -> str:
    """Blogger's classic layout (Minima): a flat `dl#comments-block`, author and date apart."""
    shown = [r for top in view.threads for r in (top, *view.thread(top))]
    shown.sort(key=lambda remark: remark.published)
    entries = "".join(
        f"<dt class='comment-author ' id='c{r.id}'><a name='c{r.id}'></a><a href='https://www."
        f"blogger.com/profile/{r.id}7' rel='nofollow'>{r.author}</a> said...</dt><dd class='"
        f"comment-body' id='Blog1_cmt-{r.id}'><p>{escape(r.text).replace(chr(10), '<br />')}"
        f"</p></dd><dd class='comment-footer'><span class='comment-timestamp'><a href='"
        f"{_blogger_link(view, r)}' title='comment permalink'>{_blogger_when(r)}</a></span>"
        "</dd>" for r in shown)
    paging = ""
    if view.pages > 1:  # the links Blogger writes past 200 comments
        older = view.page > 1 and (f"<a class='paging-control' href='{view.page_url(1)}'>&#171;"
                                   f" Oldest</a> <a class='paging-control' href='"
                                   f"{view.page_url(view.page - 1)}'>&#8249; Older</a>")
        newer = view.page < view.pages and (
            f"<a class='paging-control' href='{view.page_url(view.page + 1)}'>Newer &#8250;</a> "
            f"<a class='paging-control' href='{view.page_url(view.pages)}'>Newest &#187;</a>")
        paging = f"<span class='paging-control-container'>{older or ''} {newer or ''}</span>"
    post = ("<p class='comment-footer'><a href='https://www.blogger.com/comment.g?blogID=4412&"
            "amp;postID=1' onclick=''>Post a Comment</a></p>") if view.open else ""
    return (f"<div class='comments' id='comments'><a name='comments'></a><h4>{view.total} "
            f"comment{'' if view.total == 1 else 's'}:</h4>{paging}<div id='Blog1_comments-block-"
            f"wrapper'><dl class='avatar-comment-indent' id='comments-block'>{entries}</dl></div>"
            f"{paging}{post}</div>")


# -- Drupal ---------------------------------------------------------------------------------


def _subject(text: str) -> str:
    """Drupal's default subject: the body's first words, at most 29 characters with '…'."""
    if len(text) <= 29:
        return text
    return text[:28].rsplit(" ", 1)[0].rstrip(",.") + "…"


def _drupal_tree(view: View, remarks: list[Remark], item: Callable[[Remark], str]) -> str:
    """Drupal writes a comment's replies after it, in `div.indented`."""
    html = ""
    for remark in remarks:
        html += item(remark)
        if replies := view.replies(remark):
            html += f'<div class="indented">{_drupal_tree(view, replies, item)}</div>'
    return html


def _drupal_pager(view: View, seven: bool) -> str:
    if view.pages < 2:
        return ""
    if seven:
        items = "".join(f'<li class="pager-current">{n}</li>' if n == view.page else
                        f'<li class="pager-item"><a title="Go to page {n}" href="'
                        f'{view.page_url(n)}">{n}</a></li>' for n in range(1, view.pages + 1))
        return (f'<h2 class="element-invisible">Pages</h2><div class="item-list"><ul class="'
                f'pager">{items}</ul></div>')
    items = "".join(f'<li class="pager__item{" is-active" if n == view.page else ""}"><a href="'
                    f'{view.page_url(n)}" title="Go to page {n}"><span class="visually-hidden">'
                    f'Page</span>{n}</a></li>' for n in range(1, view.pages + 1))
    return (f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 '
            f'id="pagination-heading" class="visually-hidden">Pagination</h4><ul class="pager__'
            f'items js-pager__items">{items}</ul></nav>')


def _drupal_when(remark: Remark) -> str:  # the "medium" date format
    return f"{remark.published:%a, %m/%d/%Y - %H:%M}"


def drupal10(view: View) -> str:  # Olivero's comment.html.twig and field--comment.html.twig
    def item(r: Remark) -> str:
        parent = next((p for p in view.section.remarks if p.id == r.parent), None)
        in_reply = (f'<p class="visually-hidden">In reply to <a href="/comment/{parent.id}#comment'
                    f'-{parent.id}">{_subject(parent.text)}</a> by {parent.author}</p>'
                    ) if parent else ""
        reply = (f'<ul class="links inline comment__links"><li class="comment__links-item"><a '
                 f'href="/comment/reply/node/1/comment/{r.id}" class="comment__links-link">Reply'
                 f'</a></li></ul>') if view.open else ""
        return (
            f'<article data-comment-user-id="0" id="comment-{r.id}" class="comment js-comment by-'
            f'anonymous" role="article" data-drupal-selector="comment"><span class="hidden" data-'
            f'comment-timestamp="{int(r.published.timestamp())}"></span><div class="comment__'
            f'picture-wrapper"><div class="comment__picture"></div></div><div class="comment__'
            f'text-wrapper"><footer class="comment__meta"><p class="comment__author"><span>'
            f'{r.author}</span></p><p class="comment__time">{_drupal_when(r)}</p>{in_reply}'
            f'</footer><div class="comment__content"><div class="clearfix text-formatted field '
            f'field--name-comment-body field--type-text-long field--label-hidden field__item">'
            f'{_paragraphs(r.text)}</div>{reply}</div></div></article>')

    form = ('<div class="comment-form__title">Add new comment</div><form class="comment-comment-'
            'form comment-form" data-drupal-selector="comment-form" action="/comment/reply/node/1'
            '/comment" method="post" id="comment-form"><textarea name="comment_body[0][value]" '
            'rows="5"></textarea><input type="submit" name="op" value="Save" /></form>'
            ) if view.open else ""
    return (f'<section data-drupal-selector="comments" class="comments"><h2 class="comments__'
            f'title">Comments</h2>{_drupal_tree(view, view.threads, item)}'
            f'{_drupal_pager(view, seven=False)}{form}</section>') if view.total or form else ""


def drupal7(view: View) -> str:  # comment.tpl.php (Bartik) and comment-wrapper.tpl.php
    def item(r: Remark) -> str:
        reply_of = f"/comment/{r.parent}" if r.parent else "/node/1"
        links = (f'<ul class="links inline"><li class="comment-reply first last"><a href="/comment'
                 f'/reply/1/{r.id}">reply</a></li></ul>') if view.open else ""
        return (
            f'<a id="comment-{r.id}"></a><div class="comment comment-by-anonymous clearfix" about'
            f'="/comment/{r.id}#comment-{r.id}" typeof="sioc:Post sioct:Comment"><div class="'
            f'attribution"><div class="comment-submitted"><p class="commenter-name"><span rel="'
            f'sioc:has_creator"><span class="username" xml:lang="" typeof="sioc:UserAccount" '
            f'property="foaf:name" datatype="">{r.author}</span></span></p><p class="comment-time">'
            f'<span property="dc:date dc:created" content="{r.published.isoformat()}" datatype="'
            f'xsd:dateTime">{_drupal_when(r)}</span></p><p class="comment-permalink"><a href="/'
            f'comment/{r.id}#comment-{r.id}" class="permalink" rel="bookmark">Permalink</a></p>'
            f'</div></div><div class="comment-text"><div class="comment-arrow"></div><h3 property='
            f'"dc:title" datatype=""><a href="/comment/{r.id}#comment-{r.id}" class="permalink" '
            f'rel="bookmark">{escape(_subject(r.text))}</a></h3><div class="content"><span rel="'
            f'sioc:reply_of" resource="{reply_of}" class="rdf-meta element-hidden"></span><div '
            f'class="field field-name-comment-body field-type-text-long field-label-hidden"><div '
            f'class="field-items"><div class="field-item even" property="content:encoded">'
            f'{_paragraphs(r.text)}</div></div></div></div>{links}</div></div>')

    form = ('<h2 class="title comment-form">Add new comment</h2><form class="comment-form" '
            'action="/comment/reply/1" method="post" id="comment-form"><textarea name="comment_'
            'body[und][0][value]" rows="5"></textarea><input type="submit" name="op" value="Save"'
            ' /></form>') if view.open else ""
    heading = '<h2 class="title">Comments</h2>' if view.total else ""
    add = ('<div class="link-wrapper"><ul class="links inline"><li class="comment-add first last'
           ' active"><a href="#comment-form" title="Share your thoughts and opinions related to '
           'this posting." class="active">Add new comment</a></li></ul></div>'
           ) if view.open else ""  # the node's links
    return (f'{add}<div id="comments" class="comment-wrapper">{heading}'
            f'{_drupal_tree(view, view.threads, item)}{_drupal_pager(view, seven=True)}{form}'
            f'</div>') if view.total or form else ""


# -- The systems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Markup:
    render: Callable[[View], str]
    page_url: Callable[[str, int, int], str]  # (post URL, page, pages) -> the page's URL
    newest_first: bool = False  # the post's URL shows the last comment page (WordPress)
    depth: int | None = None  # how deep it threads: 1 is flat, None without limit
    says_closed: bool = False  # "Comments are closed."
    states_count: bool = False  # "3 comments"
    states_none: bool = False  # "0 comments:" too
    paged: bool = True
    names_first_page: bool = False  # links its first page by a URL of its own, fetched again


def _wp_page(url: str, n: int, pages: int) -> str:
    """get_comments_pagenum_link(): the last page, shown by default, is the post's own URL."""
    return url if n == pages else f"{url}comment-page-{n}/"


def _drupal_page(url: str, n: int, pages: int) -> str:
    return f"{url}?page={n - 1}"


def _blogger_page(url: str, n: int, pages: int) -> str:
    return f"{url}?commentPage={n}"


MARKUPS = {
    "wordpress_classic": Markup(wordpress_classic, _wp_page, newest_first=True, depth=5,
                                says_closed=True, states_count=True),
    "wordpress_block": Markup(wordpress_block, _wp_page, newest_first=True, depth=5,
                              states_count=True),
    "blogger": Markup(blogger_threaded, _blogger_page, depth=2, states_count=True,
                      states_none=True, paged=False),  # data-num-comments
    "blogger_classic": Markup(blogger_classic, _blogger_page, depth=1, states_count=True,
                              states_none=True, names_first_page=True),  # ?commentPage=1
    "drupal10": Markup(drupal10, _drupal_page),
    "drupal7": Markup(drupal7, _drupal_page),
}

_REQUESTED = re.compile(r"comment-page-(\d+)/$|[?&]commentPage=(\d+)|[?&]page=(\d+)")


def render(markup: Markup, post_id: int, url: str, title: str, path: str) -> str:
    """The comment section of post `post_id` on the comment page `path` asks for."""
    section = SECTIONS.get(post_id)
    if section is None:
        return ""
    threads = sum(1 for r in section.remarks if r.parent is None)
    pages = max(1, -(-threads // section.threads_per_page)) if markup.paged else 1
    if not markup.paged:
        section = Section(section.state, section.remarks, threads_per_page=max(threads, 1))
    match = _REQUESTED.search(path)
    page = pages if markup.newest_first else 1
    if match and markup.paged:
        wp, blogger, drupal = match.groups()
        page = int(wp or blogger or int(drupal) + 1)
    return markup.render(View(section, url, title, min(page, pages), pages,
                              lambda n: markup.page_url(url, n, pages)))


def expected(markup: Markup, post_id: int) -> tuple[list[dict], bool | None, int | None]:
    """What the archive should hold of post `post_id`'s section: its comments (id, parent,
    author, published, text; by id), comments_open and comment_count."""
    section = SECTIONS.get(post_id)
    if section is None:
        return [], None, None
    by_id = {r.id: r for r in section.remarks}

    def parent(remark: Remark) -> int | None:  # the ancestor the system threads it under
        roots = []  # its ancestors, the thread's first comment first
        while remark.parent is not None:
            remark = by_id[remark.parent]
            roots.insert(0, remark)
        limit = len(roots) if markup.depth is None else min(len(roots), markup.depth - 1)
        return roots[limit - 1].id if limit else None

    rows = [{"comment_id": str(r.id), "parent_id": p and str(p), "author": r.author,
             "published": r.published, "text": r.text}
            for r in section.remarks for p in [parent(r)]]
    if section.state == "open":
        open_ = True
    else:
        open_ = False if markup.says_closed else None
    count = len(section.remarks) if markup.states_count and (
        section.remarks or markup.states_none) else None
    return rows, open_, count
