"""The walk over an article's further pages (a story's page 2, its comment pages) that the
spider and `archiver reparse` share."""

from __future__ import annotations

from archiver.items import Article
from archiver.page_walk import PageWalk

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


def walk_of(*comment_pages: str) -> PageWalk:
    article = Article(url=ARTICLE, canonical_url=ARTICLE, comment_pages=list(comment_pages))
    return PageWalk(article, ARTICLE)


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


STORY = "http://news.example/2026/03/07/night-shift/"
STORY_2, STORY_3 = STORY + "2/", STORY + "3/"
LEDE = ("The night shift starts at ten, when the first container ship of the night ties up at "
        "the north quay.")


def story_page(number: int, *paragraphs: str, story: str = STORY) -> str:
    """Page `number` of a three-page story: its lede again, `paragraphs`, its pager."""
    pager = "".join(f'<a href="{story}{n}/">{n}</a>' for n in (2, 3) if n != number)
    text = "".join(f"<p>{p}</p>" for p in (LEDE, *paragraphs))
    return (f'<html><body><h1>Story</h1><div class="entry-content">{text}'
            f'<div class="page-links">{pager}</div></div>{pager_comment()}</body></html>')


def pager_comment() -> str:
    return ('<div id="comments"><ol class="comment-list"><li id="comment-9" class="comment">'
            '<div class="comment-author"><cite class="fn">Reader</cite></div>'
            '<div class="comment-content"><p>Seen on every page.</p></div></li></ol></div>')


MIDDLE = ("At two in the morning the pilots change over, and the tugs wait at the harbour mouth "
          "for the next arrival.")
LAST = ("By six the last ship of the night has left on the tide and the day shift takes over "
        "the cranes.")


def test_a_storys_later_pages_come_first_and_add_their_text_once():
    article = Article(url=STORY, canonical_url=STORY, body=LEDE, text_pages=[STORY_2],
                      comment_pages=[STORY + "comment-page-2/"])
    walk = PageWalk(article, STORY)
    assert walk.next_page() == STORY_2
    walk.add_page(STORY_2, STORY_2, story_page(2, MIDDLE))
    assert walk.next_page() == STORY_3  # listed by page 2's pager, read before the comments
    walk.add_page(STORY_3, STORY_3, story_page(3, LAST, "(Source attribution: Harbour News)"))
    assert walk.next_page() == STORY + "comment-page-2/"
    # The lede each page repeats is kept once; the comment on every page, once.
    assert article.body.split("\n\n") == [LEDE, MIDDLE, LAST]
    assert article.attribution == ["Harbour News"]
    assert [comment.comment_id for comment in article.comments] == ["9"]
    assert article.text_complete


def test_a_pager_showing_the_next_page_only_is_followed_from_page_to_page():
    story = "http://news.example/night-shift/"  # no date: its digits hid page 2's own pager
    article = Article(url=story, canonical_url=story, body=LEDE, text_pages=[story + "2/"])
    walk = PageWalk(article, story)
    walk.add_page(story + "2/", story + "2/", story_page(2, MIDDLE, story=story))
    assert walk.next_page() == story + "3/"


def test_a_story_page_that_failed_leaves_the_text_incomplete_and_the_walk_going():
    walk = PageWalk(Article(url=STORY, canonical_url=STORY, body=LEDE,
                            text_pages=[STORY_2, STORY_3]), STORY)
    walk.page_failed(STORY_2)
    assert walk.next_page() == STORY_3
    assert not walk.article.text_complete and walk.article.comments_complete
