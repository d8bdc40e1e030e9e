"""HTTP responses as the archive keeps them (`page_of`) and back (`response_of`), and the text
extraction reads from them (`text_of`): the crawl and `archiver reparse` read a page alike."""

from __future__ import annotations

from scrapy.http import Headers, Response, TextResponse
from scrapy.responsetypes import responsetypes

from .archive import now
from .extract.text import decode_html
from .items import Page


def page_of(response: Response) -> Page:
    """The response as the archive keeps it: `url` is the URL requested (before redirects),
    `final_url` the one answered."""
    return Page(
        url=(response.meta.get("redirect_urls") or [response.url])[0] if response.request
        else response.url,
        final_url=response.url,
        status=response.status,
        headers={key.decode("latin-1"): [v.decode("latin-1") for v in values]
                 for key, values in response.headers.items()},
        body=response.body,
        fetched_at=now(),
    )


def response_of(page: Page) -> Response:
    """The stored page as the Scrapy response the crawl had: of the class Scrapy's downloader
    picks from the headers, URL and body (a `TextResponse` for HTML)."""
    headers = Headers(page.headers)
    response_class = responsetypes.from_args(headers=headers, url=page.final_url, body=page.body)
    return response_class(url=page.final_url, status=page.status, headers=headers,
                          body=page.body)


def not_html(response: Response) -> str | None:
    """Why the response is no page to extract an article from, or None."""
    if isinstance(response, TextResponse):
        return None
    return "not an HTML page: " + response.headers.get("Content-Type", b"?").decode("latin-1")


def text_of(response: TextResponse) -> str:
    """The page as the archive's extraction decodes it (Scrapy trusts a page's declared
    charset over bytes that are plainly UTF-8)."""
    content_type = response.headers.get("Content-Type", b"").decode("latin-1")
    return decode_html(response.body, content_type or None)
