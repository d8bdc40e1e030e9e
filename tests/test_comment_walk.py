"""The comment-page walk the spider and `archiver reparse` share."""

from __future__ import annotations

from archiver.comment_walk import CommentWalk
from archiver.items import Article

ARTICLE = "http://news.example/2026/03/07/story/"
PAGE_2 = ARTICLE + "comment-page-2/"
PAGE_3 = ARTICLE + "comment-page-3/"


def pager(*urls: str) -> str:
    """A WordPress comment page whose pager links `urls`."""
    links = "".join(f'<a class="page-numbers" href="{url}">{n}</a>'
                    for n, url in enumerate(urls, start=1))
    return (f'<html><body><article><h1>Story</h1></article><div id="comments">'
            f'<ol class="comment-list"><li id="comment-7" class="comment">'
            f'<div class="comment-author">'
            f'<cite class="fn">Reader</cite></div><div class="comment-content"><p>A remark.</p>'
            f'</div></li></ol><nav class="comment-navigation">{links}</nav></div></body></html>')


def walk_of(*comment_pages: str) -> CommentWalk:
    article = Article(url=ARTICLE, canonical_url=ARTICLE, comment_pages=list(comment_pages))
    return CommentWalk(article, ARTICLE)


def test_pages_are_read_in_the_order_listed_and_a_later_pager_adds_more():
    walk = walk_of(PAGE_2)
    assert walk.next_page() == PAGE_2
    walk.add_page(PAGE_2, PAGE_2, pager(ARTICLE, PAGE_2, PAGE_3))
    # The article's own URL in the pager is not a comment page to read.
    assert walk.next_page() == PAGE_3
    assert PAGE_3 in walk.article.comment_pages
    assert [comment.comment_id for comment in walk.article.comments] == ["7"]
    walk.add_page(PAGE_3, PAGE_3, None)  # not an HTML page: read, nothing merged
    assert walk.next_page() is None and walk.article.comments_complete


def test_a_redirected_page_is_not_asked_for_again():
    walk = walk_of(PAGE_2)
    walk.add_page(PAGE_2, "http://news.example/story/comments/2/", None)
    assert walk.next_page() is None


def test_a_page_that_failed_leaves_the_section_incomplete():
    walk = walk_of(PAGE_2, PAGE_3)
    walk.page_failed(PAGE_2)
    assert walk.next_page() == PAGE_3
    assert not walk.article.comments_complete
