"""The items that flow from spiders to pipelines: plain dataclasses, itemadapter-compatible."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Comment:
    comment_id: str
    parent_id: str | None = None
    author: str | None = None
    author_url: str | None = None
    published: str | None = None
    text: str = ""
    position: int = 0
    depth: int = 0
    # "comment" (a reader's words), or "pingback" / "trackback": another page's notice that it
    # links here, its title as `author`, its link as `author_url`, its excerpt as `text`.
    kind: str = "comment"


@dataclass
class Article:
    """Everything `archiver.extract.extract` finds on one article page."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    body: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    # What the page declares about itself: its summary, lead image, section and publisher.
    description: str | None = None
    image_url: str | None = None
    section: str | None = None
    publisher: str | None = None
    # Source names credited by the page, e.g. ["DEA News"]; the raw lines they came from.
    attribution: list[str] = field(default_factory=list)
    attribution_raw: list[str] = field(default_factory=list)
    prev_url: str | None = None
    next_url: str | None = None
    comments_open: bool | None = None
    comment_count: int | None = None
    comments_provider: str | None = None
    comments: list[Comment] = field(default_factory=list)
    # Other pages of the comment section, which the spider fetches and merges into `comments`;
    # False when one of them could not be fetched (then no comment is taken as removed).
    comment_pages: list[str] = field(default_factory=list)
    comments_complete: bool = True
    # The later pages of a multi-page article (its page 2, 3...), which the spider fetches and
    # appends to `body`; False when one of them could not be fetched.
    text_pages: list[str] = field(default_factory=list)
    text_complete: bool = True
    # When this page is a later page of a story (its /story/2/): the story's first page, where
    # the spider reads the story from.
    first_page_url: str | None = None


@dataclass
class Page:
    """One fetched HTTP response, kept verbatim so extraction can be re-run offline."""

    url: str
    final_url: str
    status: int
    headers: dict[str, list[str]]
    body: bytes
    fetched_at: str


@dataclass
class CrawlError:
    """A URL the crawl could not archive, and why."""

    url: str
    reason: str
    status: int | None = None


# What makes an article an article: a page without them is recorded as an error instead.
REQUIRED_FIELDS = ("title", "body")


def missing_content(article: Article) -> str | None:
    """Why `article` cannot be archived ("no title found on the page"), or None."""
    missing = [name for name in REQUIRED_FIELDS if not getattr(article, name)]
    return f"no {' and no '.join(missing)} found on the page" if missing else None
