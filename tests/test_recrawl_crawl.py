"""End to end: a recrawl over loopback keeps what the archive knew when the page shows less."""

from __future__ import annotations

import re

from archiver.dedupe import canonicalize
from archiver.demo import DemoSite, serve
from archiver.demo.site import HTML

# What a consent wall or a page served degraded leaves out: structured data, the article's
# meta tags, the byline and date, the tags, the author box and the comment section.
DEGRADED = (r'<script type="application/ld\+json">.*?</script>\n',
            r'<meta property="article:[^>]*>\n', r'<div class="entry-meta">.*?</div>',
            r'<div class="tags-links">.*?</div>', r'<div class="author-box">.*?</div>')
COMMENTS_AREA = r'<div id="comments".*?(?=</main>)'
CONSENT_WALL = '<div class="consent-wall"><p>Accept cookies to read the comments.</p></div>\n'

class ChangingSite(DemoSite):
    """The demo site; its pages lose the parts `cut` lists (regular expressions)."""

    cut: tuple[str, ...] = ()
    replaced: tuple[tuple[str, str], ...] = ()

    def render(self, path: str, base_url: str):
        status, content_type, body = super().render(path, base_url)
        if content_type != HTML:
            return status, content_type, body
        page = body.decode()
        for pattern in self.cut:
            page = re.sub(pattern, "", page, flags=re.S)
        for pattern, replacement in self.replaced:
            page = re.sub(pattern, replacement, page, flags=re.S)
        return status, content_type, page.encode()


def test_a_degraded_recrawl_keeps_the_metadata_and_comments_the_archive_knew(
        crawl, archive_path, open_archive):
    site = ChangingSite.load()
    article = next(a for a in site.articles if a.comments and a.tags)
    with serve(site) as base_url:
        start = base_url + site.article_path(article)
        crawl(archive_path, start, max_articles=1)
        site.cut, site.replaced = DEGRADED, ((COMMENTS_AREA, CONSENT_WALL),)
        crawl(archive_path, start, max_articles=1)
    archive = open_archive(archive_path)
    row = archive.article(canonicalize(start))
    assert row["authors"] == [article.author] and row["tags"] == article.tags
    assert row["published"] == article.published  # not the bare day its URL gives
    assert (row["comments_open"], row["comment_count"]) == (
        site.expected_comments_open(article), site.expected_comment_count(article))
    comments = list(archive.db["comments"].rows)
    assert len(comments) == len(site.expected_comments(article))
    assert all(comment["removed_at"] is None for comment in comments)
    assert archive.db["article_versions"].count == 0
    assert archive.db["crawl_runs"].count == 2

