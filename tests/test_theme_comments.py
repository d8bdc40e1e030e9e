"""End to end: the comment sections of the theme sites (`theme_comments.py`) in each system's
own markup, crawled over loopback from the middle post into a real archive and read back."""

from __future__ import annotations

from datetime import datetime

import pytest
from test_theme_chains import crawl_from_the_middle
from theme_comments import BST, expected
from theme_sites import POSTS, ThemeSite

from archiver.dedupe import canonicalize


def archived_comments(archive, url: str) -> list[dict]:
    """The article's comments by id; a date without a zone is the site's own time (Blogger
    writes "May 13, 2024 at 6:06 PM"), compared as the instant it names."""
    rows = archive.db["comments"].rows_where("article_url = ?", [url], order_by="comment_id")
    return [{"comment_id": row["comment_id"], "parent_id": row["parent_id"],
             "author": row["author"], "text": row["text"],
             "published": row["published"] and _instant(row["published"])} for row in rows]


def _instant(text: str) -> datetime:
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=BST)


@pytest.mark.parametrize(("theme", "markup"), [
    ("wordpress_classic", None),  # Twenty Twenty-One: ol.comment-list, comment-page-N/
    ("wordpress_block", None),  # Twenty Twenty-Four: wp-block-comment-template
    ("blogger", None),  # threaded: .comment-thread, li.comment#cN, .comment-replies
    ("blogger", "blogger_classic"),  # dl#comments-block, ?commentPage=N
    ("drupal_head_links", None),  # Drupal 10 Olivero: article.comment, div.indented, ?page=N
    ("drupal_flippy", None),  # Drupal 7: a#comment-N + div.comment, div.indented, ?page=N
])
def test_each_posts_comments_are_archived_with_their_threads_and_state(
        theme, markup, crawl, archive_path, open_archive):
    site = ThemeSite(theme, markup)
    archive, urls, fetched = crawl_from_the_middle(theme, crawl, archive_path, open_archive,
                                                   site)
    assert archive.db["articles"].count == len(POSTS)  # comment pages are no articles
    # Besides the posts, the paginated post's other comment page, fetched once; not Drupal's
    # `?page=0` or WordPress's last page: the post itself. Blogger's `?commentPage=1` is
    # another URL for the post's page (the comments merge by their ids).
    others = [url for url in fetched if url not in urls]
    assert len(fetched) == len(set(fetched))
    system = site.comments
    assert len(others) == system.paged + system.names_first_page, others
    for post, url in zip(POSTS, urls, strict=True):
        row = archive.article(canonicalize(url))
        comments, comments_open, count = expected(system, post.id)
        # on the paginated post, the other comment page's comments are merged into the article
        assert archived_comments(archive, canonicalize(url)) == comments, post.slug
        assert (row["comments_open"], row["comment_count"]) == (comments_open, count), post.slug
