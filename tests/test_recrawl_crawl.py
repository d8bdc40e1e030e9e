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
# What a WordPress theme writes a comment's id in.
COMMENT_IDS = (r' id="(li-|div-)?comment-\d+"', r' data-commentid="\d+"', r'\?replytocom=\d+',
               r'#comment-\d+')
# A paywall: the story's first paragraph, then a subscription box where the rest was.
PAYWALL = (r'(<div class="entry-content">\n<p>.*?</p>\n).*?(?=</div>\n<footer)',
           r'\1<div class="paywall"><p>Subscribe to read the rest of this article.</p></div>\n')
CANONICAL = (r'<link rel="canonical"[^>]*>\n', r'<meta property="og:url"[^>]*>\n')


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


def test_a_recrawl_behind_a_paywall_keeps_the_full_text_current_and_searchable(
        crawl, archive_path, open_archive):
    site = ChangingSite.load()
    article = site.articles[3]
    with serve(site) as base_url:
        start = base_url + site.article_path(article)
        crawl(archive_path, start, max_articles=1)
        full = open_archive(archive_path).article(canonicalize(start))["body"]
        site.replaced = (PAYWALL,)
        crawl(archive_path, start, max_articles=1)
    archive = open_archive(archive_path)
    phrase = " ".join(re.findall(r"\w+", full)[-8:])  # from the end of the story
    assert archive.article(canonicalize(start))["body"] == full
    assert archive.db["article_versions"].count == 0
    assert archive.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                              [f'"{phrase}"']).fetchone()[0] == 1
    # Both responses are kept as fetched.
    assert archive.db["pages"].count_where("url = ?", [start]) == 2


def test_comments_without_ids_keep_them_when_the_site_starts_declaring_a_canonical_url(
        crawl, archive_path, open_archive):
    site = ChangingSite.load()
    site.cut = COMMENT_IDS + CANONICAL
    article = next(a for a in site.articles if len(site.comment_pages(a)) > 1)
    with serve(site) as base_url:
        # Linked without its trailing slash, the page declaring no canonical URL: archived
        # under the URL without the slash. Then the site declares it, with the slash.
        start = (base_url + site.article_path(article)).rstrip("/")
        crawl(archive_path, start, max_articles=1)
        first = {row["comment_id"]: row for row in open_archive(archive_path).db["comments"].rows}
        site.cut = COMMENT_IDS
        crawl(archive_path, start, max_articles=1)
    archive = open_archive(archive_path)
    assert [row["canonical_url"] for row in archive.db["articles"].rows] == [start]
    rows = {row["comment_id"]: row for row in archive.db["comments"].rows}
    assert len(first) == len(site.expected_comments(article)) > 0
    assert set(rows) == set(first)  # every page's comments: none stored twice
    assert all(row["removed_at"] is None for row in rows.values())
    assert {row["parent_id"] for row in rows.values()} - {None} <= set(rows)


def test_a_comment_edited_on_a_site_without_comment_ids_is_a_version_and_keeps_its_replies(
        crawl, archive_path, open_archive):
    site = ChangingSite.load()
    site.cut = COMMENT_IDS
    article = next(a for a in site.articles
                   if any(c["parent_id"] for c in site.expected_comments(a)))
    comments = site.expected_comments(article)
    parent_id = next(c["parent_id"] for c in comments if c["parent_id"])
    words = next(c for c in comments if c["comment_id"] == parent_id)["text"].split("\n\n")[0]
    with serve(site) as base_url:
        start = base_url + site.article_path(article)
        crawl(archive_path, start, max_articles=1)
        first = {row["comment_id"]: row for row in open_archive(archive_path).db["comments"].rows}
        site.replaced = ((re.escape(words), words + " (Edited: a typo fixed.)"),)
        crawl(archive_path, start, max_articles=1)
    archive = open_archive(archive_path)
    rows = {row["comment_id"]: row for row in archive.db["comments"].rows}
    assert set(rows) == set(first) and len(rows) == len(comments)
    assert all(row["removed_at"] is None for row in rows.values())
    [version] = archive.db["comment_versions"].rows
    edited = rows[version["comment_id"]]
    assert words in version["text"] and "(Edited: a typo fixed.)" in edited["text"]
    # Its replies still hang under it.
    assert any(row["parent_id"] == edited["comment_id"] for row in rows.values())
    assert {row["parent_id"] for row in rows.values()} - {None} <= set(rows)
