"""Conditional requests: a recrawl asks the site whether a page changed since the archive
stored it, instead of downloading it again.

For a GET of a URL the archive holds a response of (status 200), the request carries that
response's validators (`If-None-Match` from its `ETag`, `If-Modified-Since` from its
`Last-Modified`). A site that answers `304 Not Modified` sends no body: the stored response
stands in for it, so the spider reads the page as it is (its links to walk on, its comments)
and the archive records the visit, the bytes still stored once. A site that ignores the
validators answers 200 as before. On by default (`ARCHIVER_CONDITIONAL_REQUESTS`); the stat
`archiver/not_modified` counts the pages not downloaded again.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from .archive import read_only, stored_page
from .items import Page
from .responses import response_of

# Validators of a stored response, and the request headers that send them back.
VALIDATORS = {"etag": "If-None-Match", "last-modified": "If-Modified-Since"}
STORED_PAGE = "archiver_stored_page"  # request meta: the id of the stored page validated


def conditional_headers(headers: dict[str, list[str]]) -> dict[str, str]:
    """The request headers that ask whether a response with `headers` is still current."""
    found = {name.lower(): values for name, values in headers.items() if values}
    return {request_header: found[name][0] for name, request_header in VALIDATORS.items()
            if name in found}


class StoredResponses:
    """The archive at `path`, read only: the newest stored 200 response of a URL (its id and
    headers, `newest`), and a stored response whole (`page`)."""

    def __init__(self, path: Path):
        self.connection = read_only(path) if path.is_file() else None
        if self.connection is not None:
            self.connection.row_factory = sqlite3.Row

    def newest(self, url: str) -> sqlite3.Row | None:
        if self.connection is None:
            return None
        try:
            # Not the body: a 304 needs it, most requests do not.
            return self.connection.execute(
                "SELECT id, headers FROM pages WHERE url = ? AND status = 200"
                " ORDER BY fetched_at DESC, id DESC LIMIT 1", [url]).fetchone()
        except sqlite3.OperationalError:  # an archive file the pipeline has not set up yet
            return None

    def page(self, page_id: int) -> Page:
        return stored_page(self.connection, dict(self.connection.execute(
            "SELECT * FROM pages WHERE id = ?", [page_id]).fetchone()))

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


class ConditionalRequestsMiddleware:
    """Downloader middleware: validators on the way out, the stored response for a 304."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.stored = StoredResponses(Path(crawler.settings.get("ARCHIVE_DB")))
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestsMiddleware:
        if not crawler.settings.getbool("ARCHIVER_CONDITIONAL_REQUESTS"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.method != "GET" or STORED_PAGE in request.meta:
            return
        row = self.stored.newest(request.url)
        if row is None:
            return
        ask = conditional_headers(json.loads(row["headers"]))
        if ask:
            for name, value in ask.items():
                request.headers.setdefault(name, value)
            request.meta[STORED_PAGE] = row["id"]

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        page_id = request.meta.get(STORED_PAGE)
        if response.status != 304 or page_id is None:
            return response
        self.stats.inc_value("archiver/not_modified")
        stored = response_of(self.stored.page(page_id))
        return stored.replace(request=request, flags=[*stored.flags, "not modified"])

    def spider_closed(self) -> None:
        self.stored.close()
