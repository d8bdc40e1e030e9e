"""What class and id tokens say about an element: the vocabularies (junk widgets, author,
date, text, subject, header, replies, containers, forms, pagers, reviews, sidebars), the flags
they set (`marks_of`), and the zones no comment sits in (`Zones`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

_WORD = (r"(?:comments?|kommentare?|komment|comentarios?|commentaires?|commento|commenti|"
         r"leserbrief\w*|leserpost|reactions?|discussion)")
WORD_RE = re.compile(_WORD)
# Class tokens (lower case) of widgets inside a comment: not words of the comment.
_JUNK_EXACT = {"hidden", "screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden",
               "is-hidden", "says", "edit-link", "comment-edit-link", "comment-reply-link",
               "reply-link", "replylink", "comment-awaiting-moderation", "element-invisible",
               "comment-number", "comment-num", "commentnumber"}  # "#3": the item's number
# A token is junk when its first or last segment is one of these words ("comment-reply",
# "reply-link", "vote-up"), not when the word sits inside ("js-comment-edit-hide").
_JUNK_WORD = (r"(?:reply|says|avatars?|gravatar|userpic|moderation|edit|votes?|voting|like|"
              r"likes|liked|rating|ratings|report|flag|actions?|tools|toolbar|share|sharing|"
              r"karma|thumbs|upvote|downvote|badge|score|points|reactions)")
# A vote widget's part wherever its word sits, when the token ends in a part word
# ("cld-like-dislike-wrap", "cld-like-count-wrap": the "36" of a thumbs-up count).
_VOTE_PART = (r"(?:^|[-_])(?:likes?|dislikes?|votes?|voting|upvotes?|downvotes?|thumbs|karma|"
              r"points)[-_](?:[a-z]+[-_])*(?:wrap|wrapper|container|count|counter|box|area|"
              r"trigger|buttons?|btn|widget|holder|bar|number|num)$")
_JUNK_TOKEN = re.compile(rf"^{_JUNK_WORD}(?:$|[-_])|[-_]{_JUNK_WORD}$|{_VOTE_PART}|"
                         r"commentreply|replybutton|likebutton|replylink")
_AUTHOR_RANK = {
    "fn": 2, "wp-block-comment-author-name": 2, "comment__author": 2, "comment-author-name": 2,
    "username": 2, "comment-username": 2, "author-name": 2, "authorname": 2, "commenter": 2,
    "comment-author": 3, "author": 3, "autor": 3, "name": 3, "user": 3, "user-name": 3,
    "nickname": 3, "nick": 3, "comment_author": 3, "field--name-uid": 3, "comment-name": 3,
    "commentname": 3,
}
_AUTHOR_TOKEN = re.compile(r"author|autor|auteur|user-?name|username|nick|commenter|verfasser|"
                           r"benutzer|nutzer|usuario|utente|pseudo|forum[-_]*qui|"  # SPIP: "who"
                           r"(?:^|[-_])(?:name|user|poster|nombre|nome)$|[a-z](?:name|user)$")
# The name itself, however prefixed ("mtbnewsCommentAuthorName", "c-comment__user-name"): it
# outranks the block it sits in ("…CommentAuthorContainer": the name, "member since 12/2006",
# "Photos", "Videos").
_NAME_TOKEN = re.compile(r"(?:author|autor|auteur|user|member|poster|commenter)[-_]*(?:name|nick)$")
_NOT_AUTHOR = re.compile(r"avatar|img|image|pic|photo|(?:author|autor|user|name)[-_]*(?:box|bio|"
                         r"url|link|info|card|desc)")
# ("stamped-review" is Stamped.io's, no timestamp)
_DATE_TOKEN = re.compile(r"date|time|datum|zeit|fecha|stamp(?!ed)|posted|published|submitted|"
                         r"meta|when|(?:^|[-_])ago(?:$|[-_])")
# Text classes, most specific first: Drupal's body field, then the comment-content family.
_TEXT_BODY = {"field--name-comment-body", "field-name-comment-body"}
_TEXT_EXACT = {"wp-block-comment-content", "comment__content", "comment__body", "comment__text",
               "comment-copy", "comment-story", "comment-entry", "commentbody", "comment_body"}
_TEXT_TOKEN = re.compile(r"(?:comment|kommentar|komment|comentario|commentaire|commento|reply|"
                         r"message|msg|post|answer|review|(?<![a-z])rev)s?[-_]*(?:content|text|"
                         r"texte|txt|message|copy|story|entry|body)|"
                         r"forum[-_]*(?:texte?|content|body)")  # SPIP's comments are its "forum"
_TEXT_NOT = ("-button", "-link", "-count", "-form", "-title", "-field", "-input", "-label",
             "-toggle", "-icon", "-meta")
_TEXT_WEAK = {"content", "text", "body", "message", "entry", "entry-content", "description",
              "copy", "comment", "txt", "e-content", "comment-body"}
# Reader reviews in shops and blogs: a review (Judge.me "jdgm-rev", "yotpo-review",
# "spr-review", schema.org `Review`), the shop's reply inside one ("jdgm-rev__reply",
# "stamped-review-reply"), a container naming reviews ("jdgm-rev-widg__reviews", "#reviews";
# not a post's category, "category-reviews").
REVIEW_CLASS = re.compile(r"(?:^|[\s_-])(?:review|rev)(?:\s|$)", re.I)
REVIEW_REPLY_CLASS = re.compile(r"(?:^|[\s_-])(?:review|rev)[-_]+(?:reply|response)(?:\s|$)",
                                re.I)
REVIEW_TYPE = re.compile(r"schema\.org/(?:User)?Review(?:\s|$)")
_REVIEWS_TOKEN = re.compile(r"^(?!category-|tag-|post-|format-|type-).*reviews")
# The title a commenter gave the comment ("comment-title", "comment__subject"), not the
# author's title ("user-title": "Moderator") nor the article's ("entry-title").
_SUBJECT_TOKEN = re.compile(r"(?:^|[-_])(?:title|titre|subject|headline)$")
_NOT_SUBJECT = re.compile(r"(?:user|author|member|rank|job|entry|post|page|site|widget|section|"
                          r"product|prod|article|form|reply)[-_]*(?:title|titre|subject|"
                          r"headline)$")
_META_TOKEN = re.compile(r"(?:^|[-_])(?:meta|metadata|commentmetadata|info|header|heading|"
                         r"footer|byline|vcard|details|head|author|user|date|time)(?:$|[-_])")
_REPLIES_TOKEN = re.compile(r"(?:^|[-_])(?:children|child|replies|indented|answers|nested|"
                            r"sub-?comments?|subthread|thread-replies|comment-replies)"
                            r"(?:$|[-_])")
# Sidebars, widgets, page footers, "Recent comments" boxes (not `tag-popular` post classes).
_LATEST = r"(?:recent|latest|aktuelle|neueste|letzte|derniers|ultimos|popular|most|top)"
_ZONE_TOKEN = re.compile(rf"^(?!tag-|category-|post-|format-|type-)(?:(?!.*{_WORD}).*(?:widget|"
                         r"sidebar)|secondary$|aside$|(?:site-|page-)?footer$|colophon$|"
                         rf".*{_LATEST}[-_]*(?:[a-z]+[-_]+)?{_WORD}|.*{_WORD}[-_]*{_LATEST}|"
                         # not Drupal 8+'s wrapper of the whole page
                         r"(?:modal|dialog|popup|lightbox|overlay)(?:$|[-_])(?!off-canvas-main))")
# A comments container: a plural or a comment word with a container word ("comment-list"),
# not a part of one comment ("comments-title", "comment-content", "comments-link").
_CONTAINER_TOKEN = re.compile(
    r"comments|kommentare|komments|comentarios|commentaires|commenti|commentlist|leserbriefe|"
    r"leserkommentare|reactions|discussion|disqus_thread|"
    r"(?:comment|kommentar|comentario|commentaire)[-_]*(?:list|section|area|thread|container|"
    r"block|box|holder|module|modul|zone|panel|stream|wrap|wrapper|outer|bereich|liste|links|"
    r"entries|items|main)")
_PART_TOKEN = re.compile(r"(?:text|texte|txt|content|body|author|date|time|meta|form|reply|"
                         r"respond|count|counter|number|num|link|button|btn|icon|title|heading|"
                         r"header|avatar|action|actions|vote|like|rating|score|edit|quote|input|"
                         r"field|label|toggle|trigger|notice|login|policy|rules|subscribe|feed|rss|"
                         r"closed|open|off|disabled|count|item|single)$")
_ITEM_TOKENS = {"comment", "pingback", "trackback", "wc-comment", "wpd-comment", "comment-item",
                "comment_default", "js-comment"}
_TITLE_TOKEN = re.compile(r"comments?[-_]*(?:title|heading|headline)|"
                          r"comments-?header")
_FORM_TOKENS = {"comment-respond", "comment-form", "commentform", "wp-block-post-comments-form",
                "respond", "comments-form", "comment-form-wrap", "comment_form"}
_CLOSED_TOKENS = {"comments-closed", "comments-disabled", "comment-closed", "nocomments",
                  "no-comments", "comments-off", "commentsclosed", "comments-are-closed"}
_PAGER_TOKEN = re.compile(r"comments?-?(?:navigation|nav|pagination|pager|paging)|commentnavi|"
                          r"comment-nav-(?:above|below)|wp-paginate-comments")
_COUNT_LINK_TOKEN = re.compile(r"comments?-?(?:link|count|number|num)")
ITEM_ID = re.compile(r"(?:^|[-_])(?:comments?|kommentare?|komment|comentario|commentaire|cmt|cid|"
                     r"c|reply|answer|message|msg|post|review|forum)[-_]?(?:body[-_]|item[-_]|"
                     r"content[-_])?"
                     r"(\d+)(?:_\d+)?$|^(\d+)$", re.I)
VOLATILE_TOKEN = re.compile(r"\d|^(?:even|odd|alt|first|last|parent|byuser|bypostauthor|"
                            r"highlander-comment|new|selected|active|open|closed|"
                            r"(?:is|has|thread|depth|comment-author|by)-.*)$")

(JUNK, AUTHOR, DATE, TEXT, META, REPLIES, ZONE, CONTAINER, ITEM, TITLE, FORM,
 CLOSED_MARK, PAGER, COUNT_LINK, SUBJECT, REVIEWS) = (1 << i for i in range(16))
# Parts of one comment: never the section's notice, title or provider.
NOT_NOTICE = ITEM | TEXT | AUTHOR | DATE | META | JUNK | REPLIES
# What the section is made of besides its comments.
SECTION_FLAGS = CONTAINER | FORM | TITLE | COUNT_LINK | PAGER | CLOSED_MARK


@dataclass(frozen=True)
class Marks:
    flags: int
    author_rank: int
    text_rank: float


@lru_cache(maxsize=8192)
def marks_of(names_: str) -> Marks:
    """What a class (or id) attribute says about its element; memoised, comments repeat them."""
    flags, author_rank, text_rank = 0, 9, 9.0
    for token in names_.lower().split():
        if token in _TEXT_BODY:
            text_rank = min(text_rank, 0.5)
        elif token in _TEXT_EXACT or (_TEXT_TOKEN.search(token) and token != "comment-body"
                                      and not token.endswith(_TEXT_NOT)):
            text_rank = min(text_rank, 1)
        elif token in _TEXT_WEAK:
            text_rank = min(text_rank, 2)
        elif token in _JUNK_EXACT or _JUNK_TOKEN.search(token) and \
                not token.endswith("header-actions"):  # Yotpo dates a review there
            flags |= JUNK
        if token in _AUTHOR_RANK:
            author_rank = min(author_rank, _AUTHOR_RANK[token])
        elif _AUTHOR_TOKEN.search(token) and not _NOT_AUTHOR.search(token):
            author_rank = min(author_rank, 2 if _NAME_TOKEN.search(token) else 4)
        if _CONTAINER_TOKEN.search(token) and not _PART_TOKEN.search(token):
            flags |= CONTAINER
        if "reviews" in token and _REVIEWS_TOKEN.search(token) and not _PART_TOKEN.search(token):
            flags |= REVIEWS
        if token.endswith(("title", "titre", "subject", "headline")) and \
                _SUBJECT_TOKEN.search(token) and not _NOT_SUBJECT.search(token):
            flags |= SUBJECT  # "spr-review-header-title": a title, not the header
        elif _META_TOKEN.search(token):
            flags |= META
        checks = ((_DATE_TOKEN.search, DATE),
                  (_REPLIES_TOKEN.search, REPLIES), (_ZONE_TOKEN.search, ZONE),
                  (_TITLE_TOKEN.search, TITLE),
                  (_PAGER_TOKEN.search, PAGER), (_COUNT_LINK_TOKEN.search, COUNT_LINK))
        for test, flag in checks:
            if test(token):
                flags |= flag
        flags |= (ITEM if token in _ITEM_TOKENS else 0) | (
            FORM if token in _FORM_TOKENS else 0) | (
            CLOSED_MARK if token in _CLOSED_TOKENS else 0)
    flags |= (AUTHOR if author_rank < 9 else 0) | (TEXT if text_rank < 9 else 0)
    return Marks(flags, author_rank, text_rank)


def class_marks(element: etree._Element) -> Marks:
    return marks_of(element.get("class") or "")


def has(element: etree._Element, flag: int) -> bool:
    return bool(marks_of(element.get("class") or "").flags & flag)


def flags_of(element: etree._Element) -> int:
    """The flags of an element's class and id together."""
    return marks_of(element.get("class") or "").flags | marks_of(
        (element.get("id") or "").replace("#", "")).flags


class Zones:
    """Whether an element sits in a comment form, or in a sidebar / widget ("Recent comments")
    rather than a comment section; memoised along the ancestors it walks."""

    def __init__(self, forms: list) -> None:
        self._verdicts: dict[etree._Element, bool] = {}
        self._forms = set(forms)

    def excluded(self, element: etree._Element) -> bool:
        path: list[etree._Element] = []
        verdict = False
        for ancestor in element.iterancestors():
            if ancestor in self._verdicts:
                verdict = self._verdicts[ancestor]
                break
            path.append(ancestor)
            if ancestor.tag in ("body", "html"):  # page-wide classes say nothing here
                break
            if ancestor in self._forms or ancestor.get("id") == "respond":
                verdict = True
                break
            flags = flags_of(ancestor)
            if flags & ZONE and not _blog_widget(ancestor):
                verdict = True
                break
            if flags & (CONTAINER | REVIEWS):  # "jdgm-widget" above it is no sidebar's
                break
            if ancestor.tag == "aside":
                verdict = True
                break
        for ancestor in path:
            self._verdicts[ancestor] = verdict
        return verdict


def _blog_widget(element: etree._Element) -> bool:
    """Blogger's `div.widget.Blog#Blog1`, in every Blogger layout the column of posts (the
    page's main content, comments and all), not a sidebar's widget."""
    return "Blog" in (element.get("class") or "").split()
