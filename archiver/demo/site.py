"""The bundled demo news site: its data model and the HTML it serves.

Pages are rendered on demand from a :class:`DemoSite`, so a test can change ``site.articles``
between two requests and the next response reflects the change. The markup imitates a
WordPress-style news theme on purpose: the article body is surrounded by menus, share bars, an
injected newsletter box, related links, a sidebar and a comment section, which an extractor has
to cut away; listing pages carry a ``rel="next"`` pagination trap that must not be mistaken for
article navigation.

Comments use WordPress-classic markup (``ol.comment-list``, ``li#comment-{id}``, nested
``ol.children``, a ``#respond`` form or ``p.comments-closed``). An article may paginate its
comment threads WordPress-style (``comments_per_page``: oldest threads on the article URL, page N
at ``{article_path}comment-page-N/`` or ``?cpage=N``), or hand its comments to a script-loaded
provider (``comments_provider="disqus"``: only the embed code, no comments in the HTML).

Every article is also served under the URL variants real sites produce, with the very same page
(whose canonical link and ``og:url`` name the canonical article URL): without the trailing slash,
with ``index.html``, with any query string, and as an AMP page at ``{article_path}amp/`` (or with
``?amp=1``). An article's ``link_style`` makes its previous/next links use one of these variants
(:data:`LINK_STYLES`), so a chain can reach the same article under several URLs. A second
:class:`DemoSite` with another ``site_name``, served on another port, is another site: tests
build one from copies of articles (``dataclasses.replace``) to imitate syndication.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from importlib import resources
from typing import Any, NamedTuple
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

SITE_NAME = "DEA News Daily"
PAGE_SIZE = 5
MENU_CATEGORIES = ("world", "economy", "transport", "energy")

_ATTRIBUTION = re.compile(r"\s*\(Source attribution:\s*([^()]*?)\s*\)")
# An article URL and its variants: without the trailing slash, with index.html, AMP.
_ARTICLE_PATH = re.compile(
    r"^(?P<article>/\d{4}/\d{2}/\d{2}/[^/]+)(?:/(?P<amp>amp))?(?:/|/index\.html)?$"
)
_COMMENT_PAGE_PATH = re.compile(r"^(/\d{4}/\d{2}/\d{2}/[^/]+/)comment-page-(\d+)/$")
COMMENT_PROVIDERS = ("disqus",)
DISQUS_SHORTNAME = "demo-news"
_LISTING_PATH = re.compile(r"^(?:/(category|tag)/([^/]+))?(?:/page/(\d+))?/$")
# How an article's previous/next links spell the neighbour's URL (None: its plain path).
LINK_STYLES = ("utm", "fragment", "no_slash", "index_html", "amp", "absolute")
UTM_QUERY = "?utm_source=newsletter&utm_medium=email"

Response = tuple[int, str, bytes]
HTML = "text/html; charset=utf-8"


@dataclass
class DemoComment:
    """One comment: rendered as ``li#comment-{id}``; ``parent`` is the id of the comment it
    answers (None for a top-level comment). Paragraphs of ``text`` are separated by ``"\n\n"``.
    """

    id: int
    author: str
    published: str
    text: str
    parent: int | None = None


@dataclass
class DemoArticle:
    """One article of the demo site.

    ``prev`` / ``next`` override the default neighbours (the articles before and after this one
    in :attr:`DemoSite.articles`): a slug of another article, an absolute URL, or ``""`` for no
    link at all. ``None`` keeps the default.

    ``comments_per_page`` paginates the comment threads (a top-level comment with all its
    replies): ``None`` follows :attr:`DemoSite.comments_per_page`, ``0`` turns pagination off.
    ``comments_provider`` (only ``"disqus"``) replaces the HTML comments and the form by the
    provider's embed code; ``comments`` are then not rendered.

    ``link_style`` spells the previous/next links (to articles of this site) as a URL variant:
    ``None`` the plain path, ``"utm"`` with ``?utm_source=newsletter&utm_medium=email``,
    ``"fragment"`` with ``#main-content`` (a "skip to content" anchor), ``"no_slash"``
    without the trailing slash, ``"index_html"`` with ``index.html``, ``"amp"`` the neighbour's
    AMP page, ``"absolute"`` the absolute URL. An absolute URL given in ``prev``/``next`` is
    used as it is.

    The list fields are copied, so an article made by ``dataclasses.replace`` shares no list
    with its original.
    """

    slug: str
    title: str
    published: str
    author: str
    category: str
    tags: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    comments: list[DemoComment] = field(default_factory=list)
    comments_closed: bool = False
    prev: str | None = None
    next: str | None = None
    comments_per_page: int | None = None
    comments_provider: str | None = None
    link_style: str | None = None

    def __post_init__(self) -> None:
        self.tags = list(self.tags)
        self.paragraphs = list(self.paragraphs)
        self.comments = [_as_comment(comment) for comment in self.comments]
        if self.comments_provider is not None and self.comments_provider not in COMMENT_PROVIDERS:
            raise ValueError(f"unknown comments provider {self.comments_provider!r}")
        if self.link_style is not None and self.link_style not in LINK_STYLES:
            raise ValueError(f"unknown link style {self.link_style!r}")

    @property
    def published_at(self) -> datetime:
        return datetime.fromisoformat(self.published)


class NavLink(NamedTuple):
    """A resolved previous/next link, ``href`` as the page has it: root-relative for pages of
    this site unless the article's ``link_style`` is ``"absolute"``."""

    href: str
    title: str

    def url(self, base_url: str) -> str:
        """The absolute URL the link leads to from a page of the site at ``base_url``."""
        return urljoin(base_url.rstrip("/") + "/", self.href)


class _Thread(NamedTuple):
    """A comment as placed on the page, with its replies."""

    comment: DemoComment
    replies: list[_Thread]


def _as_comment(comment: DemoComment | dict[str, Any]) -> DemoComment:
    return comment if isinstance(comment, DemoComment) else DemoComment(**comment)


def _slugify(name: str) -> str:
    return re.sub(r"\s+", "-", name.strip().lower())


def _term_path(kind: str, name: str) -> str:
    """The root-relative URL of a category, tag or author page."""
    return f"/{kind}/{quote(_slugify(name), safe='-')}/"


def _label(name: str) -> str:
    return name[:1].upper() + name[1:]


def _human_date(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def _human_time(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{_human_date(moment)} at {hour}:{moment:%M} {'am' if moment.hour < 12 else 'pm'}"


def _strip_attribution(paragraph: str) -> str:
    return _ATTRIBUTION.sub("", paragraph).strip()


def _comment_paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def _comment_threads(comments: list[DemoComment]) -> list[_Thread]:
    """The top-level threads, oldest first (WordPress's "older comments at the top").

    Comments are ordered by date (ties keep list order); a comment whose parent is missing is
    shown at the top level, and each comment is placed once at most.
    """
    ordered = sorted(comments, key=lambda c: datetime.fromisoformat(c.published).timestamp())
    ids = {comment.id for comment in ordered}
    placed: set[int] = set()

    def thread(comment: DemoComment) -> _Thread:
        placed.add(id(comment))
        replies = []
        for other in ordered:
            if other.parent == comment.id and id(other) not in placed:
                replies.append(thread(other))
        return _Thread(comment, replies)

    roots = []
    for comment in ordered:
        if (comment.parent is None or comment.parent not in ids) and id(comment) not in placed:
            roots.append(thread(comment))
    return roots


def _walk(threads: list[_Thread], depth: int = 0) -> Iterator[tuple[DemoComment, int]]:
    for comment, replies in threads:
        yield comment, depth
        yield from _walk(replies, depth + 1)


def _excerpt(article: DemoArticle, words: int = 30) -> str:
    text = _strip_attribution(article.paragraphs[0]) if article.paragraphs else ""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


class DemoSite:
    """A fake news site whose articles form a chain through their previous/next links."""

    def __init__(
        self,
        articles: list[DemoArticle],
        comments_per_page: int | None = None,
        site_name: str = SITE_NAME,
    ) -> None:
        self.articles = articles
        # Site-wide comment pagination (top-level threads per page); None or 0: no pagination.
        # An article's own ``comments_per_page`` wins over this default.
        self.comments_per_page = comments_per_page
        # The brand: <title> suffix, og:site_name, masthead, footer, JSON-LD publisher.
        self.site_name = site_name

    @classmethod
    def load(cls) -> DemoSite:
        """The packaged site (a fresh copy each call, so mutations never leak between tests)."""
        text = resources.files(__package__).joinpath("articles.json").read_text(encoding="utf-8")
        return cls([DemoArticle(**record) for record in json.loads(text)])

    # -- lookups and ground truth --------------------------------------------------------

    def by_slug(self, slug: str) -> DemoArticle:
        for article in self.articles:
            if article.slug == slug:
                return article
        raise KeyError(slug)

    def article_path(self, article: DemoArticle) -> str:
        return f"/{article.published_at:%Y/%m/%d}/{article.slug}/"

    def article_url(self, article: DemoArticle, base_url: str) -> str:
        return base_url.rstrip("/") + self.article_path(article)

    def amp_path(self, article: DemoArticle) -> str:
        """The path of ``article``'s AMP page (``?amp=1`` on the article URL serves it too)."""
        return f"{self.article_path(article)}amp/"

    def amp_url(self, article: DemoArticle, base_url: str) -> str:
        return base_url.rstrip("/") + self.amp_path(article)

    def link_href(
        self, article: DemoArticle, style: str | None = None, base_url: str | None = None
    ) -> str:
        """A link to ``article`` spelled in ``style`` (see :data:`LINK_STYLES`; None: its plain
        path). Only ``"absolute"`` needs ``base_url``."""
        path = self.article_path(article)
        if style is None:
            return path
        if style == "utm":
            return path + UTM_QUERY
        if style == "fragment":
            return path + "#main-content"
        if style == "no_slash":
            return path.rstrip("/")
        if style == "index_html":
            return path + "index.html"
        if style == "amp":
            return self.amp_path(article)
        if style == "absolute":
            if base_url is None:
                raise ValueError('link style "absolute" needs the base URL')
            return self.article_url(article, base_url)
        raise ValueError(f"unknown link style {style!r}")

    def article_for(self, url: str) -> DemoArticle | None:
        """The article a URL of this site (or a path) serves under any variant, AMP included;
        None for other pages. The host is not checked."""
        match = _ARTICLE_PATH.match(unquote(urlsplit(url).path))
        return self._article_at(match.group("article") + "/") if match else None

    def prev_link(
        self, article: DemoArticle, base_url: str | None = None, *, amp: bool = False
    ) -> NavLink | None:
        """The "Previous Article" link of ``article``'s page (its AMP page with ``amp=True``), or
        None when it has none. ``base_url`` is needed only for ``link_style="absolute"``."""
        target = self._neighbour(article, article.prev, -1)
        return self._nav_link(target, "amp" if amp else article.link_style, base_url)

    def next_link(
        self, article: DemoArticle, base_url: str | None = None, *, amp: bool = False
    ) -> NavLink | None:
        """The "Next Article" link of ``article``'s page (its AMP page with ``amp=True``), or
        None when it has none. ``base_url`` is needed only for ``link_style="absolute"``."""
        target = self._neighbour(article, article.next, +1)
        return self._nav_link(target, "amp" if amp else article.link_style, base_url)

    def expected_body(self, article: DemoArticle) -> str:
        """What extraction should find: the paragraphs without their attribution markers."""
        paragraphs = (_strip_attribution(paragraph) for paragraph in article.paragraphs)
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    def expected_self_description(self, article: DemoArticle) -> dict[str, str | None]:
        """What the article's page declares about itself: its summary (the start of its first
        paragraph), section and publisher; it shows no lead image."""
        return {"description": _excerpt(article), "image_url": None,
                "section": _label(article.category), "publisher": self.site_name}

    def expected_attribution(self, article: DemoArticle) -> list[str]:
        """The distinct credited source names, in order of first appearance."""
        names: list[str] = []
        for paragraph in article.paragraphs:
            for name in _ATTRIBUTION.findall(paragraph):
                if name and name not in names:
                    names.append(name)
        return names

    # -- comments ground truth ------------------------------------------------------------

    def comment_page_count(self, article: DemoArticle) -> int:
        """How many comment pages ``article`` has (1 unless its comments are paginated)."""
        per_page = self._comments_per_page(article)
        if per_page is None:
            return 1
        threads = _comment_threads(self._article_comments(article))
        return max(1, math.ceil(len(threads) / per_page))

    def comment_page_path(self, article: DemoArticle, number: int) -> str:
        """The path of comment page ``number``: the article path itself for page 1."""
        path = self.article_path(article)
        return path if number == 1 else f"{path}comment-page-{number}/"

    def comment_pages(self, article: DemoArticle) -> list[str]:
        """The paths of all of ``article``'s comment pages, in order; page 1 is the article."""
        return [
            self.comment_page_path(article, number)
            for number in range(1, self.comment_page_count(article) + 1)
        ]

    def expected_comments(self, article: DemoArticle) -> list[dict[str, Any]]:
        """The comments as the pages show them, page after page, each thread depth first.

        Each: ``comment_id`` and ``parent_id`` (str, None at the top level), ``author``,
        ``published`` (ISO 8601, as in the data), ``text`` (paragraphs joined by a blank line)
        and ``depth`` (0 at the top level). Empty for a provider-only article.
        """
        if article.comments_provider is not None:
            return []
        return [
            {
                "comment_id": str(comment.id),
                "parent_id": None if depth == 0 else str(comment.parent),
                "author": comment.author,
                "published": comment.published,
                "text": "\n\n".join(_comment_paragraphs(comment.text)),
                "depth": depth,
            }
            for page in self._comment_page_threads(article)
            for comment, depth in _walk(page)
        ]

    def expected_comments_open(self, article: DemoArticle) -> bool | None:
        """True when the comment form is shown, False when closed, None for a provider."""
        if article.comments_provider is not None:
            return None
        return not article.comments_closed

    def expected_comment_count(self, article: DemoArticle) -> int | None:
        """The total the comments heading states (over all pages); None when there is none."""
        if article.comments_provider is not None or not article.comments:
            return None
        return len(article.comments)

    def _comments_per_page(self, article: DemoArticle) -> int | None:
        """Threads per comment page, or None when ``article``'s comments are not paginated."""
        if article.comments_provider is not None:
            return None
        per_page = article.comments_per_page
        if per_page is None:
            per_page = self.comments_per_page
        return per_page if per_page else None

    @staticmethod
    def _article_comments(article: DemoArticle) -> list[DemoComment]:
        # Tests may append plain dicts to ``article.comments``.
        return [_as_comment(comment) for comment in article.comments]

    def _comment_page_threads(self, article: DemoArticle) -> list[list[_Thread]]:
        """The threads of each comment page (a single page unless paginated)."""
        threads = _comment_threads(self._article_comments(article))
        per_page = self._comments_per_page(article)
        if per_page is None or not threads:
            return [threads]
        return [threads[start : start + per_page] for start in range(0, len(threads), per_page)]

    def _neighbour(
        self, article: DemoArticle, override: str | None, step: int
    ) -> DemoArticle | str | None:
        """The neighbour: an article of this site, an absolute URL (an override), or None."""
        if override is None:
            index = self._index(article) + step
            if not 0 <= index < len(self.articles):
                return None
            return self.articles[index]
        if override == "":
            return None
        if "://" in override:
            return override
        return self.by_slug(override)

    def _nav_link(
        self, target: DemoArticle | str | None, style: str | None, base_url: str | None
    ) -> NavLink | None:
        if target is None:
            return None
        if isinstance(target, str):
            return NavLink(target, self._title_for_url(target))
        return NavLink(self.link_href(target, style, base_url), target.title)

    def _index(self, article: DemoArticle) -> int:
        """Position by identity: two articles may compare equal field by field."""
        for index, other in enumerate(self.articles):
            if other is article:
                return index
        raise ValueError(f"article {article.slug!r} is not part of this site")

    def _title_for_url(self, url: str) -> str:
        """Link text for an absolute URL: the title of the article at that path, if any."""
        article = self.article_for(url)
        return article.title if article is not None else url

    def _newest_first(self, articles: list[DemoArticle] | None = None) -> list[DemoArticle]:
        chosen = self.articles if articles is None else articles
        return sorted(chosen, key=lambda article: article.published_at, reverse=True)

    def _others(self, article: DemoArticle) -> list[DemoArticle]:
        return [other for other in self._newest_first() if other is not article]

    # -- routing -------------------------------------------------------------------------

    def render(self, path: str, base_url: str) -> Response:
        """Render the page at ``path``: (status, type, body).

        Query strings are ignored, except ``?cpage=N`` on an article with paginated comments
        (an alias of ``{article_path}comment-page-N/``) and ``?amp`` / ``?amp=1`` (any value but
        ``0``) on an article URL, which serves the AMP page. An article is also served without
        its trailing slash and with ``index.html``; ``{article_path}amp/`` is its AMP page.
        """
        parts = urlsplit(path)
        path = unquote(parts.path) or "/"
        base_url = base_url.rstrip("/")
        if path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n"
        if path == "/contact/":
            return self._page(200, "Contact", self._contact_main(), base_url, path)
        if match := _COMMENT_PAGE_PATH.match(path):
            article = self._article_at(match.group(1))
            number = int(match.group(2))
            if article is not None and self._is_comment_page(article, number):
                return self._html(200, self._article_page(article, base_url, number))
        elif match := _ARTICLE_PATH.match(path):
            article = self._article_at(match.group("article") + "/")
            if article is not None:
                if match.group("amp") or self._amp_query(parts.query):
                    return self._html(200, self._amp_page(article, base_url))
                number = self._cpage(article, parts.query)
                if number is not None:
                    return self._html(200, self._article_page(article, base_url, number))
        elif match := _LISTING_PATH.match(path):
            kind, name, number = match.groups()
            response = self._listing(kind, name, int(number or 1), base_url)
            if response is not None:
                return response
        return self._page(404, "Page not found", self._not_found_main(path), base_url, None)

    def _article_at(self, path: str) -> DemoArticle | None:
        return next((a for a in self.articles if self.article_path(a) == path), None)

    def _is_comment_page(self, article: DemoArticle, number: int) -> bool:
        """Whether ``comment-page-{number}/`` exists: only for paginated comments."""
        if self._comments_per_page(article) is None:
            return False
        return 1 <= number <= self.comment_page_count(article)

    def _cpage(self, article: DemoArticle, query: str) -> int | None:
        """The comment page an article URL's query asks for: 1 by default, None if none such."""
        values = parse_qs(query).get("cpage")
        if not values or self._comments_per_page(article) is None:
            return 1
        if not values[-1].isdigit():
            return 1
        number = int(values[-1])
        return number if self._is_comment_page(article, number) else None

    @staticmethod
    def _amp_query(query: str) -> bool:
        """Whether the query asks for the AMP page: ``?amp``, ``?amp=1`` (not ``?amp=0``)."""
        values = parse_qs(query, keep_blank_values=True).get("amp")
        return bool(values) and values[-1] != "0"

    @staticmethod
    def _html(status: int, document: str) -> Response:
        return status, HTML, document.encode("utf-8")

    # -- shared layout -------------------------------------------------------------------

    def _page(
        self,
        status: int,
        title: str,
        main: str,
        base_url: str,
        canonical_path: str | None,
        head_extra: str = "",
    ) -> Response:
        """A non-article page: ``main`` between the site's header, sidebar and footer."""
        head = (
            f'<meta property="og:title" content="{escape(title)}">\n'
            f'<meta property="og:type" content="website">\n{head_extra}'
        )
        if canonical_path is not None:
            head = f'<link rel="canonical" href="{escape(base_url + canonical_path)}">\n{head}'
        body = f'<main id="main" class="site-main">\n{main}\n</main>\n{self._sidebar()}'
        full_title = title if title == self.site_name else f"{title} – {self.site_name}"
        return self._html(status, self._document(full_title, head, body, ticker_exclude=None))

    def _document(
        self, title: str, head: str, body: str, ticker_exclude: DemoArticle | None
    ) -> str:
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n"
            f'<meta property="og:site_name" content="{escape(self.site_name)}">\n'
            f"{head}"
            "<style>body{font-family:Georgia,serif;margin:0}"
            ".site-main{max-width:46rem;float:left;padding:1rem}"
            ".widget-area{float:right;width:18rem;padding:1rem}"
            ".site-footer{clear:both;padding:1rem;background:#222;color:#ddd}</style>\n"
            "</head>\n"
            '<body class="wp-theme-deanews">\n'
            f"{self._header(ticker_exclude)}\n"
            '<div id="content" class="site-content">\n'
            f"{body}\n"
            "</div>\n"
            f"{self._footer()}\n"
            "</body>\n</html>\n"
        )

    def _header(self, exclude: DemoArticle | None) -> str:
        items = ['<li class="menu-item"><a href="/">Home</a></li>']
        items += [
            f'<li class="menu-item"><a href="/category/{name}/">{_label(name)}</a></li>'
            for name in MENU_CATEGORIES
        ]
        items.append('<li class="menu-item"><a href="/contact/">Contact</a></li>')
        breaking = next((a for a in self._newest_first() if a is not exclude), None)
        ticker = ""
        if breaking is not None:
            ticker = (
                '<div class="breaking-news"><span class="breaking-label">Breaking:</span> '
                f'<a href="{self.article_path(breaking)}">{escape(breaking.title)}</a></div>\n'
            )
        return (
            '<header id="masthead" class="site-header">\n'
            '<div class="site-branding"><a class="site-logo" href="/" rel="home">'
            f"{self._logo()}</a>"
            '<p class="site-description">Wire news on geopolitics, economy and energy</p></div>\n'
            '<nav id="site-navigation" class="main-navigation" aria-label="Main menu">'
            f'<ul class="menu">{"".join(items)}</ul></nav>\n'
            f"{ticker}"
            "</header>"
        )

    def _logo(self) -> str:
        """The masthead's logo: first word marked, last word as the subtitle."""
        words = [escape(word) for word in self.site_name.split()]
        if len(words) < 2:
            return f'<span class="logo-mark">{" ".join(words)}</span>'
        middle = " ".join(words[1:-1])
        return (
            f'<span class="logo-mark">{words[0]}</span> {middle}{" " if middle else ""}'
            f'<span class="logo-sub">{words[-1]}</span>'
        )

    def _social_handle(self) -> str:
        return re.sub(r"[^a-z0-9]", "", self.site_name.lower())

    def _sidebar(self) -> str:
        popular = sorted(self.articles, key=lambda a: len(a.comments), reverse=True)[:5]
        items = "".join(
            f'<li><a href="{self.article_path(a)}">{escape(a.title)}</a></li>' for a in popular
        )
        handle = self._social_handle()
        return (
            '<aside id="secondary" class="widget-area">\n'
            '<section class="widget widget-popular"><h2 class="widget-title">Most read</h2>'
            f"<ol>{items}</ol></section>\n"
            '<section class="widget widget-social"><h2 class="widget-title">Follow us</h2><ul>'
            f'<li><a href="https://www.facebook.com/{handle}">Facebook</a></li>'
            f'<li><a href="https://x.com/{handle}">X</a></li>'
            f'<li><a href="https://t.me/{handle}">Telegram</a></li>'
            '<li><a href="/feed/">RSS</a></li></ul></section>\n'
            "</aside>"
        )

    def _footer(self) -> str:
        name = escape(self.site_name)
        return (
            '<footer id="colophon" class="site-footer">\n'
            f'<div class="footer-about"><p>{name} publishes wire reports on geopolitics, '
            "the economy, transport and energy from correspondents across the region.</p></div>\n"
            '<nav class="footer-links"><a href="/contact/">Contact</a> · '
            '<a href="/privacy-policy/">Privacy policy</a> · <a href="/terms/">Terms of use</a>'
            "</nav>\n"
            f'<p class="copyright">© 2026 {name}. All rights reserved.</p>\n'
            "</footer>"
        )

    # -- listing pages -------------------------------------------------------------------

    def _listing(
        self, kind: str | None, name: str | None, number: int, base_url: str
    ) -> Response | None:
        """Home (``kind`` None), category or tag listing page ``number``; None if empty."""
        prefix, heading, chosen = "", "Latest news", self.articles
        if kind == "category" and name is not None:
            chosen = [a for a in self.articles if _slugify(a.category) == name]
            label = chosen[0].category if chosen else name
            prefix, heading = _term_path(kind, name), f"Category: {_label(label)}"
        elif kind == "tag" and name is not None:
            chosen = [a for a in self.articles if name in map(_slugify, a.tags)]
            label = next((t for a in chosen for t in a.tags if _slugify(t) == name), name)
            prefix, heading = _term_path(kind, name), f"Tag: {_label(label)}"
        prefix = prefix.rstrip("/")
        chosen = self._newest_first(chosen)
        pages = -(-len(chosen) // PAGE_SIZE)
        if not 1 <= number <= max(pages, 1) or (kind is not None and not chosen):
            return None
        shown = chosen[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]

        def page_path(n: int) -> str:
            return f"{prefix}/" if n == 1 else f"{prefix}/page/{n}/"

        head_links = ""
        if number > 1:
            head_links += f'<link rel="prev" href="{page_path(number - 1)}">\n'
        if number < pages:
            head_links += f'<link rel="next" href="{page_path(number + 1)}">\n'
        summaries = "\n".join(self._summary(article) for article in shown)
        main = (
            f'<header class="page-header"><h1 class="page-title">{escape(heading)}</h1></header>\n'
            f"{summaries}\n{self._pagination(number, pages, page_path)}"
        )
        title = self.site_name if kind is None else heading
        if number > 1:
            title = f"Page {number}" if kind is None else f"{heading} – Page {number}"
        return self._page(200, title, main, base_url, page_path(number), head_links)

    def _summary(self, article: DemoArticle) -> str:
        href = self.article_path(article)
        return (
            '<article class="post type-post summary">\n'
            f'<h2 class="entry-title"><a href="{href}">{escape(article.title)}</a></h2>\n'
            f'<div class="entry-meta">By {escape(article.author)} · '
            f'<time datetime="{escape(article.published)}">'
            f"{_human_date(article.published_at)}</time> · "
            f'<a href="{_term_path("category", article.category)}">'
            f"{escape(_label(article.category))}</a></div>\n"
            f'<div class="entry-summary"><p>{escape(_excerpt(article))}</p></div>\n'
            f'<a class="more-link" href="{href}">Continue reading</a>\n'
            "</article>"
        )

    @staticmethod
    def _pagination(number: int, pages: int, page_path: Callable[[int], str]) -> str:
        if pages == 1:
            return ""
        older = newer = ""
        if number < pages:
            older = (
                f'<div class="nav-previous"><a href="{page_path(number + 1)}" rel="next">'
                "Older posts</a></div>"
            )
        if number > 1:
            newer = (
                f'<div class="nav-next"><a href="{page_path(number - 1)}" rel="prev">'
                "Newer posts</a></div>"
            )
        numbers = []
        if number > 1:
            numbers.append(
                f'<a class="prev page-numbers" rel="prev" href="{page_path(number - 1)}">'
                "« Previous page</a>"
            )
        for n in range(1, pages + 1):
            if n == number:
                numbers.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            else:
                numbers.append(f'<a class="page-numbers" href="{page_path(n)}">{n}</a>')
        if number < pages:
            numbers.append(
                f'<a class="next page-numbers" rel="next" href="{page_path(number + 1)}">'
                "Next page »</a>"
            )
        return (
            '<nav class="navigation posts-navigation pagination" aria-label="Posts">\n'
            f'<div class="nav-links">{older}{newer}</div>\n'
            f'<div class="page-links">{" ".join(numbers)}</div>\n'
            "</nav>"
        )

    @staticmethod
    def _contact_main() -> str:
        return (
            '<article class="page"><h1 class="entry-title">Contact</h1>'
            '<div class="entry-content"><p>Write to the newsroom at '
            '<a href="mailto:newsroom@example.org">newsroom@example.org</a>.</p></div></article>'
        )

    @staticmethod
    def _not_found_main(path: str) -> str:
        return (
            '<section class="error-404 not-found"><h1 class="page-title">Page not found</h1>'
            f'<p>Nothing was found at {escape(path)}. Try the <a href="/">home page</a>.</p>'
            "</section>"
        )

    # -- article pages -------------------------------------------------------------------

    def _article_page(self, article: DemoArticle, base_url: str, comment_page: int = 1) -> str:
        url = self.article_url(article, base_url)
        head = self._article_head(article, url)
        body = (
            f"{self._breadcrumb(article)}\n"
            '<main id="main" class="site-main">\n'
            f'<article id="post-{article.slug}" class="post type-post status-publish">\n'
            f"{self._entry_header(article, url)}\n"
            f"{self._entry_content(article)}\n"
            f"{self._entry_footer(article)}\n"
            "</article>\n"
            f"{self._post_navigation(article, base_url)}\n"
            f"{self._related(article)}\n"
            f"{self._comments(article, url, comment_page)}\n"
            "</main>\n"
            f"{self._sidebar()}"
        )
        title = f"{article.title} – {self.site_name}"
        return self._document(title, head, body, ticker_exclude=article)

    def _amp_page(self, article: DemoArticle, base_url: str) -> str:
        """The AMP version: the article alone (no comments, sidebar or boxes) in AMP's markup,
        its neighbour links pointing to their AMP pages."""
        url = self.article_url(article, base_url)
        name = escape(self.site_name)
        paragraphs = "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in article.paragraphs)
        tags = ", ".join(escape(tag) for tag in article.tags)
        tags_html = f'<div class="amp-tags">Tags: {tags}</div>\n' if tags else ""
        navigation = self._post_navigation(article, base_url, amp=True)
        return (
            "<!doctype html>\n"
            '<html amp lang="en">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<script async src="https://cdn.ampproject.org/v0.js"></script>\n'
            f"<title>{escape(article.title)} – {name}</title>\n"
            f'<link rel="canonical" href="{escape(url)}">\n'
            '<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">\n'
            f'<meta property="og:site_name" content="{name}">\n'
            f'<meta property="og:title" content="{escape(article.title)}">\n'
            f'<meta property="og:url" content="{escape(url)}">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="article:published_time" content="{escape(article.published)}">\n'
            f"{self._json_ld(article, url)}\n"
            "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal "
            "both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@keyframes -amp-start"
            "{from{visibility:hidden}to{visibility:visible}}</style><noscript><style "
            "amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>\n"
            "<style amp-custom>body{font-family:Georgia,serif;margin:0 auto;max-width:40rem;"
            "padding:1rem}.amp-header{border-bottom:1px solid #ccc}</style>\n"
            "</head>\n"
            '<body class="amp-mode-mouse">\n'
            f'<header class="amp-header"><a class="amp-site-title" href="/">{name}</a></header>\n'
            f'<article class="amp-article" id="post-{escape(article.slug)}">\n'
            '<header class="amp-article-header">\n'
            f'<h1 class="amp-title">{escape(article.title)}</h1>\n'
            f'<div class="amp-meta"><span class="amp-byline">By {escape(article.author)}</span> '
            f'<time datetime="{escape(article.published)}">'
            f"{_human_date(article.published_at)}</time></div>\n"
            "</header>\n"
            f'<div class="amp-article-body">\n{paragraphs}\n</div>\n'
            f'<footer class="amp-article-footer">\n{tags_html}'
            f'<a class="amp-canonical-link" href="{escape(url)}">View the full version</a>\n'
            "</footer>\n"
            "</article>\n"
            f"{navigation}\n"
            f'<footer class="amp-site-footer"><p>© 2026 {name}</p></footer>\n'
            "</body>\n</html>\n"
        )

    def _article_head(self, article: DemoArticle, url: str) -> str:
        description = escape(_excerpt(article))
        lines = [
            f'<meta name="description" content="{description}">',
            f'<link rel="canonical" href="{escape(url)}">',
            f'<link rel="amphtml" href="{escape(url)}amp/">',
            f'<meta property="og:title" content="{escape(article.title)}">',
            f'<meta property="og:url" content="{escape(url)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:description" content="{description}">',
            f'<meta property="article:published_time" content="{escape(article.published)}">',
            f'<meta property="article:author" content="{escape(article.author)}">',
            f'<meta property="article:section" content="{escape(_label(article.category))}">',
        ]
        lines += [f'<meta property="article:tag" content="{escape(tag)}">' for tag in article.tags]
        lines.append(self._json_ld(article, url))
        return "\n".join(lines) + "\n"

    def _json_ld(self, article: DemoArticle, url: str) -> str:
        json_ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": url,
            "headline": article.title,
            "datePublished": article.published,
            "author": {"@type": "Person", "name": article.author},
            "keywords": ", ".join(article.tags),
            "articleSection": _label(article.category),
            "publisher": {"@type": "Organization", "name": self.site_name},
        }
        script = json.dumps(json_ld, ensure_ascii=False).replace("</", "<\\/")
        return f'<script type="application/ld+json">{script}</script>'

    def _breadcrumb(self, article: DemoArticle) -> str:
        category = escape(_label(article.category))
        return (
            '<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> › '
            f'<a href="{_term_path("category", article.category)}">{category}</a> › '
            f'<span class="breadcrumb-current">{escape(article.title)}</span></nav>'
        )

    def _entry_header(self, article: DemoArticle, url: str) -> str:
        shared = quote(url, safe="")
        subject = quote(article.title, safe="")
        return (
            '<header class="entry-header">\n'
            f'<h1 class="entry-title">{escape(article.title)}</h1>\n'
            '<div class="entry-meta"><span class="byline">By <span class="author vcard">'
            f'<a class="url fn n" href="{_term_path("author", article.author)}">'
            f"{escape(article.author)}</a></span></span> "
            '<span class="posted-on"><time class="entry-date published" '
            f'datetime="{escape(article.published)}">{_human_date(article.published_at)}</time>'
            "</span></div>\n"
            '<div class="share-bar">'
            f'<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={shared}">'
            "Share on Facebook</a> "
            f'<a class="share-x" href="https://x.com/intent/post?url={shared}">Share on X</a> '
            f'<a class="share-telegram" href="https://t.me/share/url?url={shared}">'
            "Share on Telegram</a> "
            f'<a class="share-email" href="mailto:?subject={subject}&amp;body={shared}">Email</a>'
            "</div>\n"
            "</header>"
        )

    def _entry_content(self, article: DemoArticle) -> str:
        blocks = [f"<p>{escape(paragraph)}</p>" for paragraph in article.paragraphs]
        blocks.insert(min(2, len(blocks)), self._injected_boxes(article))
        return '<div class="entry-content">\n' + "\n".join(blocks) + "\n</div>"

    def _injected_boxes(self, article: DemoArticle) -> str:
        newsletter = (
            '<div class="newsletter-box ad-slot">'
            '<h4 class="newsletter-title">Subscribe to our newsletter</h4>'
            "<p>The day's top stories from our correspondents, every morning in your inbox.</p>"
            '<form class="newsletter-form" action="/newsletter/" method="post">'
            '<input type="email" name="email" placeholder="Your email address" required> '
            '<button type="submit">Subscribe</button></form></div>'
        )
        others = self._others(article)
        if not others:
            return newsletter
        # The article two steps away in the chain, so it is never a direct neighbour.
        index = self._index(article)
        candidate = self.articles[(index + 2) % len(self.articles)]
        read_also = candidate if candidate is not article else others[0]
        return (
            f"{newsletter}\n"
            '<p class="read-also"><strong>Read also:</strong> '
            f'<a href="{self.article_path(read_also)}">{escape(read_also.title)}</a></p>'
        )

    def _entry_footer(self, article: DemoArticle) -> str:
        tags = ", ".join(
            f'<a href="{_term_path("tag", tag)}" rel="tag">{escape(tag)}</a>'
            for tag in article.tags
        )
        tags_html = f'<div class="tags-links"><span>Tags:</span> {tags}</div>\n' if tags else ""
        return (
            '<footer class="entry-footer">\n'
            f"{tags_html}"
            '<div class="author-box"><h4 class="author-box-title">About the author</h4>'
            f"<p><strong>{escape(article.author)}</strong> is a staff correspondent at "
            f"{escape(self.site_name)} covering {escape(article.category)} news.</p></div>\n"
            "</footer>"
        )

    def _post_navigation(self, article: DemoArticle, base_url: str, amp: bool = False) -> str:
        parts = []
        for css, label, link in (
            ("prev", "Previous Article", self.prev_link(article, base_url, amp=amp)),
            ("next", "Next Article", self.next_link(article, base_url, amp=amp)),
        ):
            if link is not None:
                parts.append(
                    f'<div class="post-navigation-link post-navigation-{css}">'
                    f'<span class="post-navigation-label">{label}</span>\n'
                    f'<a class="post-navigation-title" href="{escape(link.href)}">'
                    f"{escape(link.title)}</a></div>"
                )
        if not parts:
            return ""
        return '<div class="post-navigation">\n' + "\n".join(parts) + "\n</div>"

    def _related(self, article: DemoArticle) -> str:
        others = self._others(article)
        same = [other for other in others if other.category == article.category]
        chosen = (same + [other for other in others if all(o is not other for o in same)])[:3]
        if not chosen:
            return ""
        items = "".join(
            f'<li><a href="{self.article_path(a)}">{escape(a.title)}</a></li>' for a in chosen
        )
        return (
            '<section class="related-posts"><h3 class="related-title">Related articles</h3>'
            f"<ul>{items}</ul></section>"
        )

    # -- comments ------------------------------------------------------------------------

    def _comments(self, article: DemoArticle, url: str, page: int = 1) -> str:
        if article.comments_provider == "disqus":
            return self._disqus(article, url)
        comments = self._article_comments(article)
        parts = ['<div id="comments" class="comments-area">']
        if comments:
            count = len(comments)  # WordPress states the total over all comment pages
            heading = f"{count} Comment" if count == 1 else f"{count} Comments"
            parts.append(f'<h2 class="comments-title">{heading}</h2>')
            pages = self._comment_page_threads(article)
            threads = pages[page - 1] if page <= len(pages) else []
            if threads:
                parts.append(self._comment_list(article, threads, page, 1, "comment-list"))
            if len(pages) > 1:
                parts.append(self._comment_navigation(article, page, len(pages)))
        if article.comments_closed:
            parts.append('<p class="comments-closed no-comments">Comments are closed.</p>')
        else:
            parts.append(self._respond_form(article))
        parts.append("</div>")
        return "\n".join(parts)

    def _comment_navigation(self, article: DemoArticle, page: int, pages: int) -> str:
        """WordPress's comment pagination: "Older Comments" is the page before this one."""
        path = self.article_path(article)
        links = []
        if page > 1:
            links.append(
                f'<div class="nav-previous"><a href="{path}comment-page-{page - 1}/#comments">'
                "Older Comments</a></div>"
            )
        if page < pages:
            links.append(
                f'<div class="nav-next"><a href="{path}comment-page-{page + 1}/#comments">'
                "Newer Comments</a></div>"
            )
        return (
            '<nav class="comment-navigation" id="comment-nav-below">\n'
            + "\n".join(links)
            + "\n</nav>"
        )

    def _comment_list(
        self, article: DemoArticle, threads: list[_Thread], page: int, depth: int, css: str
    ) -> str:
        # A comment's permalink names its comment page, except on the default (first) page.
        permalink = self.article_path(article)
        if page > 1:
            permalink += f"comment-page-{page}/"
        items = []
        for comment, replies in threads:
            moment = datetime.fromisoformat(comment.published)
            paragraphs = "".join(
                f"<p>{escape(part)}</p>" for part in _comment_paragraphs(comment.text)
            )
            reply = ""
            if not article.comments_closed:
                reply = (
                    '<div class="reply"><a rel="nofollow" class="comment-reply-link" '
                    f'href="?replytocom={comment.id}#respond" data-commentid="{comment.id}" '
                    f'aria-label="Reply to {escape(comment.author)}">Reply</a></div>'
                )
            nested = (
                self._comment_list(article, replies, page, depth + 1, "children") + "\n"
                if replies
                else ""
            )
            items.append(
                f'<li id="comment-{comment.id}" class="comment depth-{depth}">\n'
                f'<article id="div-comment-{comment.id}" class="comment-body">\n'
                '<footer class="comment-meta"><div class="comment-author vcard">'
                f'<b class="fn">{escape(comment.author)}</b> <span class="says">says:</span>'
                '</div><div class="comment-metadata">'
                f'<a href="{permalink}#comment-{comment.id}">'
                f'<time datetime="{escape(comment.published)}">{_human_time(moment)}</time></a>'
                "</div></footer>\n"
                f'<div class="comment-content">{paragraphs}</div>\n'
                f"{reply}\n"
                "</article>\n"
                f"{nested}"
                "</li>"
            )
        return f'<ol class="{css}">\n' + "\n".join(items) + "\n</ol>"

    @staticmethod
    def _disqus(article: DemoArticle, url: str) -> str:
        """Disqus's universal embed code: the comments arrive later, from a script."""

        def js(value: str) -> str:
            return json.dumps(value).replace("</", "<\\/")

        return (
            '<div id="disqus_thread"></div>\n'
            "<script>\n"
            "    var disqus_config = function () {\n"
            f"    this.page.url = {js(url)};\n"
            f"    this.page.identifier = {js(article.slug)};\n"
            "    };\n"
            "    (function() { // DON'T EDIT BELOW THIS LINE\n"
            "    var d = document, s = d.createElement('script');\n"
            f"    s.src = 'https://{DISQUS_SHORTNAME}.disqus.com/embed.js';\n"
            "    s.setAttribute('data-timestamp', +new Date());\n"
            "    (d.head || d.body).appendChild(s);\n"
            "    })();\n"
            "</script>\n"
            '<noscript>Please enable JavaScript to view the <a href="https://disqus.com/'
            '?ref_noscript" rel="nofollow">comments powered by Disqus.</a></noscript>'
        )

    @staticmethod
    def _respond_form(article: DemoArticle) -> str:
        return (
            '<div id="respond" class="comment-respond">\n'
            '<h3 id="reply-title" class="comment-reply-title">Write a Comment</h3>\n'
            '<form action="/wp-comments-post.php" method="post" id="commentform" '
            'class="comment-form">\n'
            '<p class="comment-notes">Your email address will not be published.</p>\n'
            '<p class="comment-form-comment"><label for="comment">Comment</label>'
            '<textarea id="comment" name="comment" rows="6" required></textarea></p>\n'
            '<p class="comment-form-author"><label for="author">Name</label>'
            '<input id="author" name="author" type="text" required></p>\n'
            '<p class="comment-form-email"><label for="email">Email</label>'
            '<input id="email" name="email" type="email" required></p>\n'
            '<p class="form-submit"><button type="submit" id="submit" class="submit">'
            "Leave a Comment</button>"
            f'<input type="hidden" name="comment_post_slug" value="{escape(article.slug)}">'
            '<input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>\n'
            "</form>\n"
            "</div>"
        )
