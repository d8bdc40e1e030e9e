"""An article read across its further pages, merged into the one article: the later pages of a
multi-page story (``/story/2/``, ``?page=2``), whose text is appended to its body, then the
further pages of its comment section (``comment-page-N``, ``?cpage=N``). The spider fetches each
page the walk names; `archiver reparse` reads it from the archive's stored pages: the same
pages, in the same order, the same merge."""

from __future__ import annotations

from .dedupe import canonicalize
from .extract import extract, extract_comments
from .extract.attribution import add_sources
from .extract.comments import merge_page
from .extract.navigation import MAX_TEXT_PAGES
from .items import Article


class PageWalk:
    def __init__(self, article: Article, *page_urls: str):
        """`article` as extracted from its page, fetched at `page_urls` (as requested, as
        answered)."""
        self.article = article
        # Canonical URLs of the pages read (the article's own page is no further page, even
        # when a later page's pager links it), and of those the pages listed, in order.
        self.done = {canonicalize(url) for url in page_urls} | {article.canonical_url}
        self.text_listed = {canonicalize(url): url for url in article.text_pages}
        self.comments_listed = {canonicalize(url): url for url in article.comment_pages}

    def next_page(self) -> str | None:
        """The next page to read, the story's before the comments', or None when all are."""
        for listed in (self.text_listed, self.comments_listed):
            for key, url in listed.items():
                if key not in self.done:
                    return url
        return None

    def add_page(self, listed_url: str, url: str, html: str | None) -> None:
        """Merge the page read for `listed_url` (answered at `url`, after redirects; `html`
        None: not an HTML page)."""
        # Both URLs: a redirected page must not be asked for again.
        self.done |= {canonicalize(listed_url), canonicalize(url)}
        if html is None:
            return
        if canonicalize(listed_url) in self.text_listed:
            self._add_text_page(url, html)
            return
        section = extract_comments(html, url, self.article.canonical_url)
        merge_page(self.article.comments, section.comments)
        self._list(self.comments_listed, self.article.comment_pages, section.page_urls)

    def _add_text_page(self, url: str, html: str) -> None:
        """Append a later page's text (what the article does not hold yet: a page may repeat
        its lede), credits and comments; list the pages its pager names."""
        page = extract(html, url)
        paragraphs = self.article.body.split("\n\n") if self.article.body else []
        held = set(paragraphs)
        paragraphs += [p for p in (page.body or "").split("\n\n") if p and p not in held]
        self.article.body = "\n\n".join(paragraphs) or None
        add_sources(self.article.attribution, page.attribution)
        for raw in page.attribution_raw:
            if raw not in self.article.attribution_raw:
                self.article.attribution_raw.append(raw)
        merge_page(self.article.comments, page.comments)
        self._list(self.comments_listed, self.article.comment_pages, page.comment_pages)
        room = MAX_TEXT_PAGES - len(self.text_listed)
        self._list(self.text_listed, self.article.text_pages, page.text_pages[:max(room, 0)])

    def _list(self, listed: dict[str, str], pages: list[str], found: list[str]) -> None:
        # Every page's pager lists the others again: add the pages not listed yet.
        for page_url in found:
            if (key := canonicalize(page_url)) not in listed:
                listed[key] = page_url
                pages.append(page_url)

    def page_failed(self, listed_url: str) -> None:
        """The page listed as `listed_url` could not be read: the article is not whole. A
        comment page missing: no archived comment will be taken as removed."""
        if canonicalize(listed_url) in self.text_listed:
            self.article.text_complete = False
        else:
            self.article.comments_complete = False
        self.done.add(canonicalize(listed_url))
