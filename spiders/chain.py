"""The `chain` spider: from article URLs, walk the site's previous / next article links."""

from __future__ import annotations

from functools import cached_property

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from archiver.dedupe import article_key, same_site
from archiver.extract import extract
from archiver.frontier import Claim, Frontier, note
from archiver.items import CrawlError
from archiver.known import KnownLinks
from archiver.page_walk import PageWalk
from archiver.redis_crawl import RedisUnavailable, frontier_for
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
        self._use(Frontier())

    def _use(self, frontier: Frontier) -> None:
        # Article keys requested, archived and (incremental) walked over without a fetch: what
        # keeps the walk from looping, and with a shared frontier, from fetching an article
        # another worker fetches.
        self.frontier = frontier
        self.requested = frontier.seen_keys("requested")
        self.archived = frontier.seen_keys("archived")
        self.walked_over = frontier.seen_keys("walked_over")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        try:
            spider._use(frontier_for(crawler, spider.name, spider.start_urls))
        except RedisUnavailable as error:
            spider.logger.error("%s", error)
            # One line, no traceback: a SystemExit ends `scrapy crawl` with status 1 as is.
            raise SystemExit(1) from None
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        return spider

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
        # One atomic step, so two workers never both claim an article, nor pass max_articles.
        claim = self.requested.add(key, self.max_articles, note(url, direction))
        if claim is Claim.FULL:
            self.crawler.stats.inc_value("archiver/links_over_max_articles")
        return self._request(url, key, direction) if claim is Claim.NEW else None

    def _request(self, url: str, key: str, direction: str,
                 taken_over: bool = False) -> scrapy.Request:
        # `requested` keeps the walk from fetching an article twice; Scrapy's duplicate filter
        # would also drop, silently, a redirect back to a URL seen: a redirect loop would leave
        # no error. Unfiltered, it ends at REDIRECT_MAX_TIMES in `fetch_failed`.
        return scrapy.Request(url, callback=self.parse_article, errback=self.article_failed,
                              cb_kwargs={"direction": direction}, dont_filter=True,
                              meta={"article_key": key, "taken_over": taken_over})

    def parse_article(self, response: Response, direction: str):
        key = response.meta["article_key"]
        page = page_of(response)
        yield page
        if reason := not_html(response):
            yield self.frontier.owes(
                CrawlError(url=response.url, status=response.status, reason=reason), key)
            return
        article = extract(text_of(response), response.url)
        walk = PageWalk(article, page.url, page.final_url)
        if article.first_page_url and same_site(article.first_page_url, response.url):
            # A later page of a story (a start URL's /story/2/): the story is read from its
            # first page, which lists this one among its pages. Its canonical URL may well be
            # the first page's: nothing of it is claimed here.
            self.logger.info("%s is a later page of %s: the story is read from there",
                             response.url, article.first_page_url)
            self.frontier.settled(key)
            request = self._article_request(article.first_page_url, direction)
            if request is not None:
                # Should the first page fail, the story is archived from this page on.
                request.meta["later_page"] = walk
                yield request
            return
        yield from self._archive(walk, key, direction, response.meta.get("taken_over", False))

    def _archive(self, walk: PageWalk, key: str, direction: str, taken_over: bool):
        """The article `walk` read (once its further pages are read), and the requests for its
        neighbours in `direction`."""
        article, url = walk.article, walk.article.url
        # An article taken over from a killed worker may be marked archived by it: not written.
        if self.archived.add(self.key(article.canonical_url)) is Claim.SEEN and not taken_over:
            self.logger.info("%s is %s again: chain not followed further", url,
                             article.canonical_url)
            self.frontier.settled(key)
            return
        self.archived.add(self.key(url))
        yield self._complete(walk, key)
        for step, link in (("prev", article.prev_url), ("next", article.next_url)):
            if not link or direction not in (step, "both"):
                continue
            if not same_site(link, url):
                self.logger.info("%s link of %s leaves the site: %s", step, url, link)
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

    def _complete(self, walk: PageWalk, key: str):
        """The article when it is whole, else the request for its next further page (of its
        text, then of its comment section), which carries the walk along until the last page
        is read. With a shared frontier that request goes through Redis, pickled, the walk with
        it: whichever worker takes it reads the page and carries the walk on."""
        pending = walk.next_page()
        if pending is None:
            return self.frontier.owes(walk.article, key)
        # Unfiltered: the walk never asks for a page twice, and a duplicate filter dropping its
        # request (another article listing the same page, an article taken over from a killed
        # worker) would leave the article unfinished, never archived.
        return scrapy.Request(pending, callback=self.parse_further_page,
                              errback=self.further_page_failed, priority=1, dont_filter=True,
                              cb_kwargs={"walk": walk, "listed_url": pending},
                              meta={"article_key": key})

    def parse_further_page(self, response: Response, walk: PageWalk, listed_url: str):
        yield page_of(response)
        html = text_of(response) if isinstance(response, TextResponse) else None
        walk.add_page(listed_url, response.url, html)
        yield self._complete(walk, response.meta["article_key"])

    def further_page_failed(self, failure):
        walk, listed_url = (failure.request.cb_kwargs[name] for name in ("walk", "listed_url"))
        walk.page_failed(listed_url)
        yield from self.fetch_failed(failure)
        yield self._complete(walk, failure.request.meta["article_key"])

    def article_failed(self, failure):
        key = failure.request.meta["article_key"]
        for item in self.fetch_failed(failure):
            yield self.frontier.owes(item, key) if isinstance(item, CrawlError) else item
        if (walk := failure.request.meta.get("later_page")) is not None:
            # A story's first page failed: what its later page gave is archived, and walked on.
            yield from self._archive(walk, key, failure.request.cb_kwargs["direction"], False)

    def idle(self) -> None:
        """Nothing left to do here: with a shared frontier, take over what killed workers
        left, and stay while live ones still hold articles (they may die too)."""
        taken, waiting = self.frontier.orphans()
        for key, url, direction in taken:
            self.logger.info("taking over %s from a worker gone", url)
            self.crawler.stats.inc_value("archiver/articles_taken_over")
            self.crawler.engine.crawl(self._request(url, key, direction, taken_over=True))
        if taken or waiting:
            raise DontCloseSpider

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

