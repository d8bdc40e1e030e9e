"""An article's comment section read across its further pages (`comment-page-N`, `?cpage=N`),
merged into the one article. The spider fetches each page the walk names; `archiver reparse`
reads it from the archive's stored pages: the same pages, in the same order, the same merge."""

from __future__ import annotations

from .dedupe import canonicalize
from .extract import extract_comments
from .extract.comments import merge_page
from .items import Article


class CommentWalk:
    def __init__(self, article: Article, *page_urls: str):
        """`article` as extracted from its page, fetched at `page_urls` (as requested, as
        answered)."""
        self.article = article
        # Canonical URLs of the pages read (the article's own page is no comment page, even
        # when a later page's pager links it), and of those the pagers listed, in order.
        self.done = {canonicalize(url) for url in page_urls} | {article.canonical_url}
        self.listed = {canonicalize(url): url for url in article.comment_pages}

    def next_page(self) -> str | None:
        """The next comment page to read, or None when the section is whole."""
        return next((url for key, url in self.listed.items() if key not in self.done), None)

    def add_page(self, listed_url: str, url: str, html: str | None) -> None:
        """Merge the page read for `listed_url` (answered at `url`, after redirects; `html`
        None: not an HTML page)."""
        # Both URLs: a redirected page must not be asked for again.
        self.done |= {canonicalize(listed_url), canonicalize(url)}
        if html is None:
            return
        section = extract_comments(html, url, self.article.canonical_url)
        merge_page(self.article.comments, section.comments)
        # Every page's pager lists the others again: add the pages not listed yet.
        for page_url in section.page_urls:
            if (key := canonicalize(page_url)) not in self.listed:
                self.listed[key] = page_url
                self.article.comment_pages.append(page_url)

    def page_failed(self, listed_url: str) -> None:
        """The page listed as `listed_url` could not be read: the section is not whole, so no
        archived comment will be taken as removed."""
        self.article.comments_complete = False
        self.done.add(canonicalize(listed_url))
