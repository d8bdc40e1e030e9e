"""The `chain` spider: from article URLs, walk the site's previous / next article links."""

from __future__ import annotations

from functools import cached_property

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from archiver.dedupe import article_key, same_site
from archiver.extract import extract
from archiver.items import CrawlError
from archiver.known import KnownLinks
from archiver.page_walk import PageWalk
from archiver.responses import not_html, page_of, text_of

DIRECTIONS = ("both", "prev", "next")
YES, NO = ("true", "yes", "1"), ("false", "no", "0", "")


class ChainSpider(scrapy.Spider):
    """`scrapy crawl chain -a start_url=URL[,URL...] [-a direction=both|prev|next]
    [-a max_articles=N] [-a incremental=true]`"""

    name = "chain"

    def __init__(self, start_url: str | None = None, direction: str = "both",
                 max_articles: str | int | None = None, incremental: str | bool = False,
                 **kwargs):
        super().__init__(**kwargs)
        if not start_url:
            raise ValueError("chain needs a start URL: scrapy crawl chain -a start_url=URL")
        self.start_urls = [url.strip() for url in start_url.split(",") if url.strip()]
        bad = [url for url in self.start_urls if not url.startswith(("http://", "https://"))]
        if bad:
            raise ValueError(f"start_url must be http(s) URLs, got {', '.join(bad)}")
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, got {direction!r}")
        self.direction = direction
        try:
            self.max_articles = int(max_articles) if max_articles not in (None, "") else None
        except ValueError:
            raise ValueError(f"max_articles must be a whole number, got {max_articles!r}") from None
        if self.max_articles is not None and self.max_articles < 1:
            raise ValueError(f"max_articles must be at least 1, got {self.max_articles}")
        if str(incremental).lower() not in YES + NO:
            raise ValueError(f"incremental must be true or false, got {incremental!r}")
        self.incremental = str(incremental).lower() in YES
        self.arguments = {"start_url": start_url, "direction": direction,
                          "max_articles": self.max_articles, "incremental": self.incremental}
        # Article keys requested, archived and (incremental) walked over without a fetch: what
        # keeps the walk from looping.
        self.requested: set[str] = set()
        self.archived: set[str] = set()
        self.walked_over: set[str] = set()

    @cached_property
    def known(self) -> KnownLinks:
        return KnownLinks(self.settings.get("ARCHIVE_DB"))

    def closed(self, reason: str) -> None:
        if self.incremental:
            self.known.close()

    @cached_property
    def tracking_params(self) -> list[str]:
        return self.settings.getlist("ARCHIVER_TRACKING_PARAMS")

    def key(self, url: str) -> str:
        """What makes two URLs the same article (tracking parameters, AMP, www. folded)."""
        return article_key(url, self.tracking_params)

    async def start(self):
        for url in self.start_urls:
            request = self._article_request(url, self.direction)
            if request is not None:
                yield request

    def _seen(self, key: str) -> bool:
        return key in self.requested or key in self.archived or key in self.walked_over

    def _article_request(self, url: str, direction: str) -> scrapy.Request | None:
        key = self.key(url)
        if self._seen(key):
            return None
        if self.max_articles is not None and len(self.requested) >= self.max_articles:
            self.crawler.stats.inc_value("archiver/links_over_max_articles")
            return None
        self.requested.add(key)
        # `requested` keeps the walk from fetching an article twice; Scrapy's duplicate filter
        # would also drop, silently, a redirect back to a URL seen: a redirect loop would leave
        # no error. Unfiltered, it ends at REDIRECT_MAX_TIMES in `fetch_failed`.
        return scrapy.Request(url, callback=self.parse_article, errback=self.fetch_failed,
                              cb_kwargs={"direction": direction}, dont_filter=True)

    def parse_article(self, response: Response, direction: str):
        page = page_of(response)
        yield page
        if reason := not_html(response):
            yield CrawlError(url=response.url, status=response.status, reason=reason)
            return
        article = extract(text_of(response), response.url)
        if self.key(article.canonical_url) in self.archived:
            self.logger.info("%s is %s again: chain not followed further", response.url,
                             article.canonical_url)
            return
        self.archived.update({self.key(article.canonical_url), self.key(response.url)})
        yield self._complete(PageWalk(article, page.url, page.final_url))
        for step, link in (("prev", article.prev_url), ("next", article.next_url)):
            if not link or direction not in (step, "both"):
                continue
            if not same_site(link, response.url):
                self.logger.info("%s link of %s leaves the site: %s", step, response.url, link)
                self.crawler.stats.inc_value("archiver/offsite_links_skipped")
                continue
            if self.incremental:
                link = self._past_known(link, step)
            request = self._article_request(link, step) if link else None
            if request is not None:
                yield request

    def _past_known(self, url: str, direction: str) -> str | None:
        """Walking in `direction` from `url` over archived articles along their stored links:
        the first URL to fetch, a new article or the last one known (it may have a new
        neighbour); None when a stored link leaves the site."""
        while not self._seen(key := self.key(url)):
            stored = self.known.link(key, direction)
            if stored is None:
                break
            if not same_site(stored, url):
                return None
            self.walked_over.add(key)
            self.crawler.stats.inc_value("archiver/known_articles_walked_over")
            url = stored
        return url

    def _complete(self, walk: PageWalk):
        """The article when it is whole, else the request for its next further page (of its
        text, then of its comment section), which carries the walk along until the last page
        is read."""
        pending = walk.next_page()
        if pending is None:
            return walk.article
        return scrapy.Request(pending, callback=self.parse_further_page,
                              errback=self.further_page_failed, priority=1,
                              cb_kwargs={"walk": walk, "listed_url": pending})

    def parse_further_page(self, response: Response, walk: PageWalk, listed_url: str):
        yield page_of(response)
        html = text_of(response) if isinstance(response, TextResponse) else None
        walk.add_page(listed_url, response.url, html)
        yield self._complete(walk)

    def further_page_failed(self, failure):
        walk, listed_url = (failure.request.cb_kwargs[name] for name in ("walk", "listed_url"))
        walk.page_failed(listed_url)
        yield from self.fetch_failed(failure)
        yield self._complete(walk)

    def fetch_failed(self, failure):
        request = failure.request
        if failure.check(HttpError):
            response = failure.value.response
            yield page_of(response)
            reason = f"HTTP {response.status}"
            status = response.status
        else:
            # Some failures carry no message (a connection closed mid-body): their doc says it.
            message = failure.getErrorMessage() or first_line(failure.type.__doc__)
            reason = f"{failure.type.__name__}: {message}"
            status = None
        redirects = request.meta.get("redirect_urls", [])
        if redirects:
            reason += " (redirected: " + " -> ".join([*redirects, request.url]) + ")"
        url = redirects[0] if redirects else request.url
        self.logger.error("could not fetch %s: %s", url, reason)
        yield CrawlError(url=url, reason=reason, status=status)


def first_line(text: str | None) -> str:
    return (text or "").strip().split("\n", 1)[0]

