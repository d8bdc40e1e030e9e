"""The bundled demo news site: its data, its markup and the HTTP server around it."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from parsel import Selector

from archiver.demo import DemoArticle, DemoComment, DemoSite, serve

SEED_TITLE = "Japan’s Security Posture and North American Alliances: Regional Implications"
SEED_PREV_TITLE = (
    "Nordwind Flight Skids on Landing in Novokuznetsk; Passengers Safe, Probe Underway"
)
SEED_NEXT_TITLE = "Public Debate on State Asset Sales and National Control"
SEED_FILE = Path("/work/shared/seed/000_a5ef624c200389d2.txt")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def seed_article(site: DemoSite) -> DemoArticle:
    return next(article for article in site.articles if article.title == SEED_TITLE)


def nav_links(html: str) -> dict[str, str]:
    """{"Previous Article": href, "Next Article": href} from the post navigation block."""
    links = {}
    for part in Selector(text=html).css(".post-navigation > div"):
        label = part.css("span::text").get()
        href = part.css("a::attr(href)").get()
        assert label is not None and href is not None
        links[label] = href
    return links


def make_article(slug: str, day: int, **overrides: object) -> DemoArticle:
    fields: dict[str, object] = {
        "slug": slug,
        "title": f"Title of {slug}",
        "published": f"2026-01-{day:02d}T12:00:00+00:00",
        "author": "Test Writer",
        "category": "world",
        "tags": ["test"],
        "paragraphs": [f"First paragraph of {slug}.", "Second. (Source attribution: DEA News)"],
    }
    fields.update(overrides)
    return DemoArticle(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def packaged() -> Iterator[tuple[DemoSite, str]]:
    site = DemoSite.load()
    with serve(site) as base_url:
        yield site, base_url


def test_packaged_site_data() -> None:
    site = DemoSite.load()
    assert len(site.articles) >= 14
    assert len({article.slug for article in site.articles}) == len(site.articles)
    dates = [article.published_at for article in site.articles]
    assert all(moment.tzinfo is not None for moment in dates)
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert sum(1 for article in site.articles if article.comments) >= 4
    assert any(article.comments_closed for article in site.articles)
    assert any(c.parent is not None for article in site.articles for c in article.comments)
    seed = seed_article(site)
    assert len(seed.paragraphs) == 6
    assert site.by_slug(seed.slug) is seed
    with pytest.raises(KeyError):
        site.by_slug("no-such-article")


def test_seed_text_is_verbatim() -> None:
    if not SEED_FILE.exists():
        pytest.skip("seed file not available")
    blocks = [block.strip() for block in SEED_FILE.read_text("utf-8").split("\n\n")]
    seed = seed_article(DemoSite.load())
    assert [seed.title, *seed.paragraphs] == blocks[:7]


def test_seed_neighbours_and_position() -> None:
    site = DemoSite.load()
    seed = seed_article(site)
    index = site.articles.index(seed)
    assert 0.3 < index / (len(site.articles) - 1) < 0.7
    assert site.articles[index - 1].title == SEED_PREV_TITLE
    assert site.articles[index + 1].title == SEED_NEXT_TITLE
    prev_link, next_link = site.prev_link(seed), site.next_link(seed)
    assert prev_link is not None and prev_link.title == SEED_PREV_TITLE
    assert next_link is not None and next_link.title == SEED_NEXT_TITLE
    assert site.prev_link(site.articles[0]) is None
    assert site.next_link(site.articles[-1]) is None


def test_article_path_uses_published_date() -> None:
    site = DemoSite.load()
    seed = seed_article(site)
    assert site.article_path(seed) == f"/{seed.published[:10].replace('-', '/')}/{seed.slug}/"
    assert site.article_url(seed, "http://example.test/") == (
        "http://example.test" + site.article_path(seed)
    )


def test_article_page_over_http(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    seed = seed_article(site)
    index = site.articles.index(seed)
    url = base_url + site.article_path(seed)
    status, html = fetch(url)
    assert status == 200
    page = Selector(text=html)
    assert page.css("title::text").get() == f"{SEED_TITLE} – DEA News Daily"
    assert page.css("h1.entry-title::text").get() == SEED_TITLE
    assert page.css('link[rel="canonical"]::attr(href)').get() == url
    assert page.css('meta[property="og:url"]::attr(content)').get() == url
    assert page.css('meta[property="article:tag"]::attr(content)').getall() == seed.tags
    assert page.css('link[rel="prev"], link[rel="next"]').getall() == []
    assert nav_links(html) == {
        "Previous Article": site.article_path(site.articles[index - 1]),
        "Next Article": site.article_path(site.articles[index + 1]),
    }
    content = page.css(".entry-content")
    assert content.xpath("./p[not(@class)]/text()").getall() == seed.paragraphs
    assert "Subscribe to our newsletter" in content.get()
    assert content.css(".read-also a::text").get() in {a.title for a in site.articles}
    assert page.css("#comments .comments-title::text").get() == f"{len(seed.comments)} Comments"
    for comment in seed.comments:
        item = page.css(f"li#comment-{comment.id}")
        assert item.css(".comment-author .fn::text").get() == comment.author
        assert item.css("time::attr(datetime)").get() == comment.published
        assert item.css(".comment-content p::text").get() == comment.text
    reply = next(c for c in seed.comments if c.parent is not None)
    assert page.css(f"li#comment-{reply.parent} > ol.children > li#comment-{reply.id}")
    assert page.css("form.comment-form button::text").get() == "Leave a Comment"


def test_comments_closed_and_escaping(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    closed = next(article for article in site.articles if article.comments_closed)
    status, html = fetch(base_url + site.article_path(closed))
    assert status == 200
    assert '<p class="comments-closed' in html and "Comments are closed." in html
    assert "comment-form" not in html and "comment-reply-link" not in html
    quirky = site.by_slug("moscow-airports-trial-biometric-boarding")
    _, html = fetch(base_url + site.article_path(quirky))
    assert "&lt;regional&gt;" in html and "<regional>" not in html
    assert "Sergei &amp; Co" in html


def test_unknown_paths_are_404(packaged: tuple[DemoSite, str]) -> None:
    _, base_url = packaged
    for path in ("/no-such-page/", "/2026/03/04/no-such-article/", "/page/99/", "/category/x/"):
        status, html = fetch(base_url + path)
        assert status == 404, path
        assert "Page not found" in html


def test_robots_and_listing_pages(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    status, robots = fetch(base_url + "/robots.txt")
    assert status == 200 and "Allow: /" in robots
    for path in ("/page/2/", "/category/energy/", "/tag/aviation/"):
        status, html = fetch(base_url + path)
        assert status == 200, path
        assert "post-navigation" not in html
    newest_first = sorted(site.articles, key=lambda a: a.published_at, reverse=True)
    _, html = fetch(base_url + "/")
    titles = Selector(text=html).css("main h2.entry-title a::text").getall()
    assert titles == [article.title for article in newest_first[:5]]


def test_home_page_has_pagination_trap(packaged: tuple[DemoSite, str]) -> None:
    _, base_url = packaged
    status, html = fetch(base_url + "/")
    assert status == 200
    page = Selector(text=html)
    assert page.css('head link[rel="next"]::attr(href)').get() == "/page/2/"
    rel_next = {a.css("::text").get(): a.attrib["href"] for a in page.css('a[rel="next"]')}
    assert rel_next == {"Older posts": "/page/2/", "Next page »": "/page/2/"}
    assert "post-navigation" not in html


def test_custom_site_cycle() -> None:
    first = make_article("first", 1)
    middle = make_article("middle", 2)
    last = make_article("last", 3, next="first")
    first.prev = "last"
    site = DemoSite([first, middle, last])
    with serve(site) as base_url:
        _, first_html = fetch(base_url + site.article_path(first))
        _, middle_html = fetch(base_url + site.article_path(middle))
        _, last_html = fetch(base_url + site.article_path(last))
    assert nav_links(first_html) == {
        "Previous Article": site.article_path(last),
        "Next Article": site.article_path(middle),
    }
    assert nav_links(middle_html) == {
        "Previous Article": site.article_path(first),
        "Next Article": site.article_path(last),
    }
    assert nav_links(last_html) == {
        "Previous Article": site.article_path(middle),
        "Next Article": site.article_path(first),
    }


def test_custom_site_off_site_and_missing_links() -> None:
    off_site = "https://elsewhere.example/2026/01/01/other/"
    linked = make_article("linked", 1, prev=off_site)
    lonely = make_article("lonely", 2, prev="", next="")
    site = DemoSite([linked, lonely])
    with serve(site) as base_url:
        _, linked_html = fetch(base_url + site.article_path(linked))
        _, lonely_html = fetch(base_url + site.article_path(lonely))
    # The override wins for "previous"; "next" keeps the default (the following article).
    assert nav_links(linked_html) == {
        "Previous Article": off_site,
        "Next Article": site.article_path(lonely),
    }
    # "" suppresses a link even where a default neighbour exists.
    assert nav_links(lonely_html) == {}
    assert "post-navigation" not in lonely_html
    assert "Previous Article" not in lonely_html and "Next Article" not in lonely_html


def test_expected_body_and_attribution() -> None:
    site = DemoSite.load()
    for article in site.articles:
        body = site.expected_body(article)
        assert "(Source attribution" not in body
        assert body.count("\n\n") == len(article.paragraphs) - 1
        assert body == body.strip()
    seed = seed_article(site)
    assert site.expected_attribution(seed) == ["DEA News"]
    assert site.expected_body(seed).endswith("peaceful regional dynamics.")
    attributions = [site.expected_attribution(article) for article in site.articles]
    assert ["Baltic Wire"] in attributions
    assert any(len(names) == 2 for names in attributions)


def test_mutation_shows_in_next_response() -> None:
    site = DemoSite.load()
    seed = seed_article(site)
    with serve(site) as base_url:
        url = base_url + site.article_path(seed)
        _, before = fetch(url)
        seed.comments.append(
            DemoComment(
                id=999,
                parent=seed.comments[0].id,
                author="Late Reader",
                published="2026-03-06T08:00:00+00:00",
                text="Added between two crawls.",
            )
        )
        _, after = fetch(url)
    assert "comment-999" not in before
    assert "comment-999" in after and "Added between two crawls." in after
    count = len(seed.comments)
    assert Selector(text=after).css(".comments-title::text").get() == f"{count} Comments"
    assert DemoSite.load().by_slug(seed.slug).comments != seed.comments


# -- comment sections ------------------------------------------------------------------------

PAGINATED_SLUG = "caspian-summit-preparations-focus-on-trade-and-water"
CLOSED_EMPTY_SLUG = "ruble-steadies-as-exporters-step-up-currency-sales"
DISQUS_SLUG = "hydropower-reservoirs-enter-spring-below-average"


def page_comments(html: str) -> list[dict[str, object]]:
    """The comments of one page, read from its markup the way an extractor would."""
    found = []
    for item in Selector(text=html).css("ol.comment-list li.comment"):
        ancestors = item.xpath("ancestor::li[contains(@class, 'comment')]/@id").getall()
        paragraphs = [
            "".join(p.css("::text").getall())
            for p in item.css(":scope > article .comment-content p")
        ]
        found.append(
            {
                "comment_id": item.attrib["id"].removeprefix("comment-"),
                "parent_id": ancestors[-1].removeprefix("comment-") if ancestors else None,
                "author": item.css(":scope > article .comment-author .fn::text").get(),
                "published": item.css(":scope > article time::attr(datetime)").get(),
                "text": "\n\n".join(paragraphs),
                "depth": len(ancestors),
            }
        )
    return found


def top_level_ids(html: str) -> list[int]:
    ids = Selector(text=html).css("ol.comment-list > li.comment::attr(id)").getall()
    return [int(value.removeprefix("comment-")) for value in ids]


def comment_nav(html: str) -> dict[str, str]:
    """{"Older Comments": href, "Newer Comments": href} from the comment pagination block."""
    nav = Selector(text=html).css("nav.comment-navigation#comment-nav-below")
    return {a.css("::text").get(): a.attrib["href"] for a in nav.css("div > a")}


def threads_by_page(article: DemoArticle, per_page: int) -> list[list[int]]:
    """Top-level comment ids of each page, computed from the data: oldest first, in chunks."""
    roots = sorted((c for c in article.comments if c.parent is None), key=lambda c: c.published)
    ids = [comment.id for comment in roots]
    return [ids[start : start + per_page] for start in range(0, len(ids), per_page)]


def comment(number: int, published: str, text: str, parent: int | None = None) -> DemoComment:
    """A comment with id ``number`` by "reader{number}"."""
    return DemoComment(
        id=number, author=f"reader{number}", published=published, text=text, parent=parent
    )


def test_packaged_comment_scenarios() -> None:
    site = DemoSite.load()
    ids = [c.id for article in site.articles for c in article.comments]
    assert len(ids) == len(set(ids))
    assert site.comments_per_page is None
    paginated = site.by_slug(PAGINATED_SLUG)
    assert paginated is not seed_article(site)
    assert paginated.comments_per_page == 3
    assert len([c for c in paginated.comments if c.parent is None]) == 8
    assert len(site.comment_pages(paginated)) == 3
    depths = [c["depth"] for c in site.expected_comments(paginated)]
    assert max(depths) == 3  # a thread four levels deep
    assert any("\n\n" in c.text for c in paginated.comments)
    # Every other article is unpaginated.
    assert [a.slug for a in site.articles if len(site.comment_pages(a)) > 1] == [PAGINATED_SLUG]
    open_empty = [
        a
        for a in site.articles
        if not a.comments and not a.comments_closed and a.comments_provider is None
    ]
    assert open_empty
    closed_empty = site.by_slug(CLOSED_EMPTY_SLUG)
    assert closed_empty.comments_closed and not closed_empty.comments
    assert [a.slug for a in site.articles if a.comments_provider == "disqus"] == [DISQUS_SLUG]
    assert not site.by_slug(DISQUS_SLUG).comments


def test_paginated_comment_pages_over_http(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.by_slug(PAGINATED_SLUG)
    path = site.article_path(article)
    url = base_url + path
    assert site.comment_pages(article) == [
        path,
        f"{path}comment-page-2/",
        f"{path}comment-page-3/",
    ]
    expected_threads = threads_by_page(article, 3)
    assert [len(ids) for ids in expected_threads] == [3, 3, 2]
    _, article_html = fetch(url)
    seen: list[dict[str, object]] = []
    for number, page_path in enumerate(site.comment_pages(article), start=1):
        status, html = fetch(base_url + page_path)
        assert status == 200, page_path
        page = Selector(text=html)
        # The same full article page around each comment page.
        assert page.css("h1.entry-title::text").get() == article.title
        content = page.css(".entry-content").xpath("./p[not(@class)]/text()").getall()
        assert content == article.paragraphs
        assert nav_links(html) == nav_links(article_html)
        assert page.css('link[rel="canonical"]::attr(href)').get() == url
        assert page.css('meta[property="og:url"]::attr(content)').get() == url
        # The heading states the total over all pages.
        total = len(article.comments)
        assert page.css(".comments-title::text").get() == f"{total} Comments"
        assert site.expected_comment_count(article) == total
        # Oldest threads first, whole threads only.
        assert top_level_ids(html) == expected_threads[number - 1]
        comments = page_comments(html)
        on_page = {c["comment_id"] for c in comments}
        for found in comments:
            if found["parent_id"] is not None:
                assert found["parent_id"] in on_page
        seen += comments
        # Permalinks name the comment page, except on the first one.
        first_id = expected_threads[number - 1][0]
        permalink = page.css(f"li#comment-{first_id} .comment-metadata a::attr(href)").get()
        assert permalink == f"{page_path}#comment-{first_id}"
        assert page.css("form.comment-form button::text").get() == "Leave a Comment"
    assert sorted(int(c["comment_id"]) for c in seen) == sorted(c.id for c in article.comments)
    assert seen == site.expected_comments(article)


def test_comment_page_navigation_links(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.by_slug(PAGINATED_SLUG)
    path = site.article_path(article)
    pages = [fetch(base_url + page_path)[1] for page_path in site.comment_pages(article)]
    assert comment_nav(pages[0]) == {"Newer Comments": f"{path}comment-page-2/#comments"}
    assert comment_nav(pages[1]) == {
        "Older Comments": f"{path}comment-page-1/#comments",
        "Newer Comments": f"{path}comment-page-3/#comments",
    }
    assert comment_nav(pages[2]) == {"Older Comments": f"{path}comment-page-2/#comments"}
    for html in pages:
        nav = Selector(text=html).css("#comment-nav-below")
        assert nav.css(".nav-previous a::text").getall() in ([], ["Older Comments"])
        assert nav.css(".nav-next a::text").getall() in ([], ["Newer Comments"])
    # An unpaginated article has no comment navigation at all.
    _, seed_html = fetch(base_url + site.article_path(seed_article(site)))
    assert "comment-navigation" not in seed_html and "comment-page-" not in seed_html


def test_comment_page_one_and_cpage_alias(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.by_slug(PAGINATED_SLUG)
    url = base_url + site.article_path(article)
    _, first = fetch(url)
    status, page_one = fetch(url + "comment-page-1/")
    assert status == 200 and page_one == first
    assert Selector(text=page_one).css('link[rel="canonical"]::attr(href)').get() == url
    for number in (1, 2, 3):
        status, alias = fetch(f"{url}?cpage={number}")
        assert status == 200
        assert alias == fetch(f"{url}comment-page-{number}/")[1]
    assert fetch(url + "?cpage=x")[1] == first  # not a page number: ignored
    assert fetch(url + "?utm_source=feed")[1] == first
    for missing in ("comment-page-4/", "comment-page-0/", "?cpage=4", "?cpage=0"):
        status, html = fetch(url + missing)
        assert status == 404, missing
        assert "Page not found" in html
    # Without pagination there are no comment pages, and ?cpage is ignored.
    seed_url = base_url + site.article_path(seed_article(site))
    assert fetch(seed_url + "comment-page-2/")[0] == 404
    assert fetch(seed_url + "comment-page-1/")[0] == 404
    assert fetch(seed_url + "?cpage=2") == fetch(seed_url)


def test_deep_threads_markup(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.by_slug(PAGINATED_SLUG)
    path = site.article_path(article)
    _, first = fetch(base_url + path)
    _, second = fetch(base_url + path + "comment-page-2/")
    four_levels = (
        "ol.comment-list > li#comment-122.depth-1 > ol.children > li#comment-123.depth-2"
        " > ol.children > li#comment-124.depth-3 > ol.children > li#comment-125.depth-4"
    )
    assert Selector(text=first).css(four_levels)
    three_levels = (
        "ol.comment-list > li#comment-127 > ol.children > li#comment-128"
        " > ol.children > li#comment-129"
    )
    assert Selector(text=second).css(three_levels)
    assert not Selector(text=second).css("li#comment-129 ol.children")
    deepest = next(c for c in site.expected_comments(article) if c["comment_id"] == "125")
    assert deepest["depth"] == 3 and deepest["parent_id"] == "124"
    # A comment of several paragraphs.
    item = Selector(text=second).css("li#comment-130 .comment-content")
    assert len(item.css("p")) == 3
    several = next(c for c in site.expected_comments(article) if c["comment_id"] == "130")
    assert several["text"] == "\n\n".join(item.css("p::text").getall())
    # The packaged three-level thread on an unpaginated article.
    nordwind = site.articles[6]
    _, html = fetch(base_url + site.article_path(nordwind))
    assert Selector(text=html).css(
        "li#comment-106 > ol.children > li#comment-107 > ol.children > li#comment-108"
    )


def test_no_comments_yet_and_form_open(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.articles[0]
    assert not article.comments and not article.comments_closed
    status, html = fetch(base_url + site.article_path(article))
    assert status == 200
    section = Selector(text=html).css("#comments")
    assert section and not section.css(".comments-title, ol.comment-list, li.comment")
    assert section.css("#respond form#commentform button::text").get() == "Leave a Comment"
    assert "comments-closed" not in html and "disqus" not in html
    assert site.expected_comments(article) == []
    assert site.expected_comments_open(article) is True
    assert site.expected_comment_count(article) is None
    assert site.comment_pages(article) == [site.article_path(article)]


def test_comments_closed_without_comments(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.by_slug(CLOSED_EMPTY_SLUG)
    status, html = fetch(base_url + site.article_path(article))
    assert status == 200
    section = Selector(text=html).css("#comments")
    assert section.css("p.comments-closed::text").getall() == ["Comments are closed."]
    assert not section.css(".comments-title, ol.comment-list, #respond, form")
    assert "comment-reply-link" not in html and "comment-form" not in html
    assert site.expected_comments(article) == []
    assert site.expected_comments_open(article) is False
    assert site.expected_comment_count(article) is None
    # The closed article that has comments keeps them, without a form.
    closed = site.articles[5]
    assert closed.comments_closed and closed.comments
    assert site.expected_comments_open(closed) is False
    assert site.expected_comment_count(closed) == len(closed.comments)


def test_disqus_provider(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    article = site.by_slug(DISQUS_SLUG)
    url = base_url + site.article_path(article)
    status, html = fetch(url)
    assert status == 200
    page = Selector(text=html)
    assert page.css("div#disqus_thread").get() == '<div id="disqus_thread"></div>'
    script = next(s for s in page.css("script::text").getall() if "disqus_config" in s)
    assert "var disqus_config = function () {" in script
    assert f'this.page.url = "{url}";' in script
    assert f'this.page.identifier = "{article.slug}";' in script
    assert "s.src = 'https://demo-news.disqus.com/embed.js';" in script
    assert "(d.head || d.body).appendChild(s);" in script
    noscript = " ".join("".join(page.css("noscript ::text").getall()).split())
    assert noscript == "Please enable JavaScript to view the comments powered by Disqus."
    for absent in (
        "comments-area",
        "comment-list",
        "comments-title",
        'id="respond"',
        "comment-form",
        "comments-closed",
        'id="comment-',
    ):
        assert absent not in html, absent
    assert site.expected_comments(article) == []
    assert site.expected_comments_open(article) is None
    assert site.expected_comment_count(article) is None
    assert site.comment_pages(article) == [site.article_path(article)]
    assert fetch(url + "comment-page-1/")[0] == 404
    with pytest.raises(ValueError, match="provider"):
        make_article("other", 1, comments_provider="facebook")


def test_expected_comments_match_every_page(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    for article in site.articles:
        found: list[dict[str, object]] = []
        for page_path in site.comment_pages(article):
            status, html = fetch(base_url + page_path)
            assert status == 200
            page = Selector(text=html)
            found += page_comments(html)
            heading = page.css(".comments-title::text").get()
            count = site.expected_comment_count(article)
            assert heading == (None if count is None else f"{count} Comments")
            has_form = bool(page.css("#respond form.comment-form"))
            closed = bool(page.css("p.comments-closed"))
            assert (has_form, closed) == {
                True: (True, False),
                False: (False, True),
                None: (False, False),
            }[site.expected_comments_open(article)]
        assert found == site.expected_comments(article), article.slug


def test_expected_comments_on_the_seed() -> None:
    site = DemoSite.load()
    seed = seed_article(site)
    assert site.expected_comments(seed) == [
        {
            "comment_id": "110",
            "parent_id": None,
            "author": "J. Thompson",
            "published": "2026-03-04T10:12:00+00:00",
            "text": seed.comments[0].text,
            "depth": 0,
        },
        {
            "comment_id": "111",
            "parent_id": "110",
            "author": "PacificObserver",
            "published": "2026-03-04T11:03:00+00:00",
            "text": seed.comments[1].text,
            "depth": 1,
        },
        {
            "comment_id": "112",
            "parent_id": None,
            "author": "Mika",
            "published": "2026-03-04T13:27:00+00:00",
            "text": seed.comments[2].text,
            "depth": 0,
        },
    ]
    assert site.expected_comment_count(seed) == 3
    assert site.expected_comments_open(seed) is True


def test_mutating_paginated_comments_shows_in_next_response() -> None:
    site = DemoSite.load()
    article = site.by_slug(PAGINATED_SLUG)
    path = site.article_path(article)
    with serve(site) as base_url:
        url = base_url + path
        assert fetch(url + "comment-page-4/")[0] == 404
        # Add: two new threads fill page 3 and open a fourth page.
        article.comments.append(comment(901, "2026-03-10T09:00:00+00:00", "First late thread."))
        article.comments.append(comment(902, "2026-03-10T10:00:00+00:00", "Second late thread."))
        article.comments.append(comment(903, "2026-03-10T11:00:00+00:00", "A late reply.", 131))
        assert site.comment_pages(article)[-1] == f"{path}comment-page-4/"
        _, third = fetch(url + "comment-page-3/")
        status, fourth = fetch(url + "comment-page-4/")
        assert top_level_ids(third) == [132, 134, 901]
        assert comment_nav(third)["Newer Comments"] == f"{path}comment-page-4/#comments"
        assert status == 200 and top_level_ids(fourth) == [902]
        _, second = fetch(url + "comment-page-2/")
        assert Selector(text=second).css("li#comment-131 > ol.children > li#comment-903")
        assert Selector(text=fourth).css(".comments-title::text").get() == "18 Comments"
        # Edit.
        edited = next(c for c in article.comments if c.id == 127)
        edited.text = "Edited between two crawls.\n\nWith a second paragraph."
        _, second = fetch(url + "?cpage=2")
        texts = Selector(text=second).css("li#comment-127 > article .comment-content p::text")
        assert texts.getall() == ["Edited between two crawls.", "With a second paragraph."]
        # Delete: the threads move up one page.
        article.comments[:] = [c for c in article.comments if c.id not in (126, 902)]
        _, first = fetch(url)
        _, second = fetch(url + "comment-page-2/")
        assert top_level_ids(first) == [120, 122, 127]
        assert top_level_ids(second) == [130, 131, 132]
        assert fetch(url + "comment-page-4/")[0] == 404
        assert page_comments(first) + page_comments(second) + page_comments(
            fetch(url + "comment-page-3/")[1]
        ) == site.expected_comments(article)
        # Pagination turned off for the article: everything on the article URL.
        article.comments_per_page = 0
        _, whole = fetch(url)
        assert page_comments(whole) == site.expected_comments(article)
        assert len(page_comments(whole)) == len(article.comments)
        assert fetch(url + "comment-page-2/")[0] == 404
    assert len(DemoSite.load().by_slug(PAGINATED_SLUG).comments) == 15


def test_site_wide_comments_per_page() -> None:
    threads = [
        comment(1, "2026-01-01T13:00:00+00:00", "One."),
        comment(2, "2026-01-01T14:00:00+00:00", "Two."),
        comment(3, "2026-01-01T15:00:00+00:00", "Three, a reply to one.", parent=1),
        comment(4, "2026-01-01T12:30:00+00:00", "Oldest, so on the first page."),
        comment(5, "2026-01-01T16:00:00+00:00", "Five."),
    ]
    paged = make_article("paged", 1, comments=threads)
    unpaged = make_article("unpaged", 2, comments=list(threads), comments_per_page=0)
    site = DemoSite([paged, unpaged], comments_per_page=2)
    assert [len(site.comment_pages(a)) for a in (paged, unpaged)] == [2, 1]
    with serve(site) as base_url:
        _, first = fetch(base_url + site.article_path(paged))
        _, second = fetch(base_url + site.comment_pages(paged)[1])
        _, whole = fetch(base_url + site.article_path(unpaged))
    assert top_level_ids(first) == [4, 1] and top_level_ids(second) == [2, 5]
    assert Selector(text=first).css("li#comment-1 > ol.children > li#comment-3")
    assert top_level_ids(whole) == [4, 1, 2, 5]
    assert "comment-navigation" not in whole
    assert page_comments(first) + page_comments(second) == site.expected_comments(paged)


# -- URL variants, AMP pages and copies ------------------------------------------------------


def canonical_of(html: str) -> str | None:
    return Selector(text=html).css('link[rel="canonical"]::attr(href)').get()


def test_url_variants_serve_the_article_page(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    for article in (seed_article(site), site.by_slug(PAGINATED_SLUG), site.by_slug(DISQUS_SLUG)):
        path = site.article_path(article)
        url = base_url + path
        _, page = fetch(url)
        assert Selector(text=page).css('link[rel="amphtml"]::attr(href)').get() == url + "amp/"
        for variant in (
            path.rstrip("/"),
            path + "index.html",
            path + "?utm_source=x&fbclid=y",
            path.rstrip("/") + "?utm_source=newsletter&utm_medium=email",
            path + "index.html?fbclid=abc",
            path + "#comments",
            path + "?amp=0",
        ):
            status, html = fetch(base_url + variant)
            assert status == 200, variant
            assert html == page, variant
            selector = Selector(text=html)
            assert selector.css("h1.entry-title::text").get() == article.title
            assert canonical_of(html) == url
            assert selector.css('meta[property="og:url"]::attr(content)').get() == url
            assert site.article_for(base_url + variant) is article
    # Comment pages keep working on the variants that serve the article page.
    paginated = site.by_slug(PAGINATED_SLUG)
    path = site.article_path(paginated)
    second = fetch(base_url + path + "comment-page-2/")[1]
    assert fetch(base_url + path.rstrip("/") + "?cpage=2")[1] == second
    assert fetch(base_url + path + "index.html?cpage=2")[1] == second
    # Variants exist for articles only.
    for missing in (
        "/contact",
        "/category/energy",
        "/2026/03/04/no-such-article",
        "/2026/03/04/no-such-article/amp/",
        "/2026/03/04/no-such-article/index.html",
        path + "comment-page-2",
        path + "amp/amp/",
        path + "index.htm",
    ):
        assert fetch(base_url + missing)[0] == 404, missing
        assert site.article_for(missing) is None, missing


def test_amp_page(packaged: tuple[DemoSite, str]) -> None:
    site, base_url = packaged
    seed = seed_article(site)
    index = site.articles.index(seed)
    path = site.article_path(seed)
    url = base_url + path
    assert site.amp_path(seed) == path + "amp/"
    assert site.amp_url(seed, base_url) == url + "amp/"
    status, amp = fetch(url + "amp/")
    assert status == 200
    assert '<html amp lang="en">' in amp
    for variant in ("amp", "amp/index.html", "?amp=1", "?amp", "?amp=1&utm_source=x", "amp/?x=1"):
        assert fetch(url + variant) == (200, amp), variant
    assert fetch(url.rstrip("/") + "?amp=1") == (200, amp)
    page = Selector(text=amp)
    assert page.css("html").attrib.keys() >= {"amp", "lang"}
    assert canonical_of(amp) == url
    assert page.css('meta[property="og:url"]::attr(content)').get() == url
    assert page.css("title::text").get() == f"{SEED_TITLE} – DEA News Daily"
    assert page.css("h1::text").getall() == [SEED_TITLE]
    # The paragraphs as on the normal page, attribution markers included.
    body = page.css("article div.amp-article-body").xpath("./p/text()").getall()
    assert body == seed.paragraphs
    assert "(Source attribution: DEA News)" in body[1]
    assert page.css('script[src="https://cdn.ampproject.org/v0.js"]')
    # The neighbours' AMP pages, as AMP themes link them.
    prev_amp = site.amp_path(site.articles[index - 1])
    next_amp = site.amp_path(site.articles[index + 1])
    assert nav_links(amp) == {"Previous Article": prev_amp, "Next Article": next_amp}
    assert site.prev_link(seed, amp=True) == (prev_amp, SEED_PREV_TITLE)
    assert site.next_link(seed, amp=True) == (next_amp, SEED_NEXT_TITLE)
    for href in (prev_amp, next_amp):
        status, html = fetch(base_url + href)
        assert status == 200 and '<html amp lang="en">' in html
        assert canonical_of(html) == base_url + href.removesuffix("amp/")
    # No comments, no boxes, no sidebar.
    for absent in (
        "comments-area",
        "comment-list",
        'id="comment-',
        "comment-form",
        "#respond",
        "newsletter",
        "read-also",
        "related-posts",
        "widget-area",
        'rel="amphtml"',
    ):
        assert absent not in amp, absent
    # The ends of the chain and the other comment scenarios.
    assert nav_links(fetch(base_url + site.amp_path(site.articles[0]))[1]) == {
        "Next Article": site.amp_path(site.articles[1])
    }
    disqus = fetch(base_url + site.amp_path(site.by_slug(DISQUS_SLUG)))[1]
    assert "disqus" not in disqus
    paginated = site.by_slug(PAGINATED_SLUG)
    assert (
        fetch(base_url + site.article_path(paginated) + "?cpage=2&amp=1")[1]
        == fetch(base_url + site.amp_path(paginated))[1]
    )
    assert site.article_for(url + "amp/") is seed
    assert site.article_for(site.amp_path(seed) + "?amp=1") is seed


def test_link_styles_render_each_variant() -> None:
    styles: list[str | None] = [
        None,
        "utm",
        "fragment",
        "no_slash",
        "index_html",
        "amp",
        "absolute",
    ]
    articles = [
        make_article(f"story-{n}", n + 1, link_style=style) for n, style in enumerate(styles)
    ]
    site = DemoSite(articles)
    with serve(site) as base_url:
        expected = {
            None: lambda a: site.article_path(a),
            "utm": lambda a: site.article_path(a) + "?utm_source=newsletter&utm_medium=email",
            "fragment": lambda a: site.article_path(a) + "#main-content",
            "no_slash": lambda a: site.article_path(a)[:-1],
            "index_html": lambda a: site.article_path(a) + "index.html",
            "amp": lambda a: site.article_path(a) + "amp/",
            "absolute": lambda a: base_url + site.article_path(a),
        }
        for index, article in enumerate(articles):
            html = fetch(base_url + site.article_path(article))[1]
            links = nav_links(html)
            wanted = {}
            if index > 0:
                wanted["Previous Article"] = expected[article.link_style](articles[index - 1])
            if index < len(articles) - 1:
                wanted["Next Article"] = expected[article.link_style](articles[index + 1])
            assert links == wanted, article.link_style
            prev_link = site.prev_link(article, base_url)
            next_link = site.next_link(article, base_url)
            assert (prev_link.href if prev_link else None) == wanted.get("Previous Article")
            assert (next_link.href if next_link else None) == wanted.get("Next Article")
            # Every variant leads to the neighbour, whose canonical URL is the plain one.
            for label, neighbour in (
                ("Previous Article", index - 1),
                ("Next Article", index + 1),
            ):
                if label in links:
                    link = prev_link if label == "Previous Article" else next_link
                    assert link is not None
                    status, target = fetch(link.url(base_url))
                    assert status == 200, link.href
                    assert canonical_of(target) == site.article_url(articles[neighbour], base_url)
                    assert site.article_for(link.url(base_url)) is articles[neighbour]
            for style, spell in expected.items():
                assert site.link_href(article, style, base_url) == spell(article)
        # In the HTML, the query's "&" is escaped.
        utm_page = fetch(base_url + site.article_path(articles[1]))[1]
        assert "?utm_source=newsletter&amp;utm_medium=email" in utm_page
    # Only "absolute" needs the base URL; AMP pages always link AMP pages.
    absolute = articles[-1]
    with pytest.raises(ValueError, match="base URL"):
        site.prev_link(absolute)
    assert site.prev_link(absolute, amp=True) == (site.amp_path(articles[-2]), articles[-2].title)
    assert site.next_link(articles[1]) == (expected["utm"](articles[2]), articles[2].title)
    with pytest.raises(ValueError, match="link style"):
        make_article("bad", 1, link_style="shortlink")
    # Overrides: a slug gets the style, an off-site URL is kept as it is.
    off_site = "https://elsewhere.example/2026/01/01/other/"
    first = make_article("first", 1, link_style="index_html", prev=off_site, next="third")
    third = make_article("third", 3, link_style="no_slash")
    site = DemoSite([first, make_article("second", 2), third])
    assert site.prev_link(first) == (off_site, off_site)
    assert site.next_link(first) == (site.article_path(third) + "index.html", third.title)


def test_copies_on_a_second_site() -> None:
    home = DemoSite.load()
    original = seed_article(home)
    neighbour = home.articles[home.articles.index(original) + 1]
    paragraphs = list(original.paragraphs)
    paragraphs.insert(1, "Editors at the partner site added this paragraph of local context.")
    paragraphs[-1] = paragraphs[-1].rsplit(".", 2)[0] + ", the agency concluded."
    copy = replace(
        original,
        slug="republished-japan-security-posture",
        published="2026-03-06T12:00:00+00:00",
        paragraphs=paragraphs,
        comments=[],
    )
    other = replace(neighbour, slug="state-asset-sales-debate", comments=[])
    partner = DemoSite([copy, other], site_name="Baltic Wire Online")
    assert partner.site_name == "Baltic Wire Online" and home.site_name == "DEA News Daily"
    # The copies share no list with the originals.
    copy.tags.append("syndicated")
    other.paragraphs.append("A partner's postscript.")
    assert "syndicated" not in original.tags
    assert other.paragraphs[:-1] == neighbour.paragraphs
    with serve(home) as home_url, serve(partner) as partner_url:
        assert home_url != partner_url
        original_url = home_url + home.article_path(original)
        copy_url = partner_url + partner.article_path(copy)
        _, original_html = fetch(original_url)
        status, copy_html = fetch(copy_url)
        assert status == 200
        _, copy_amp = fetch(copy_url + "amp/")
        _, home_page = fetch(partner_url + "/")
    page = Selector(text=copy_html)
    assert page.css("title::text").get() == f"{SEED_TITLE} – Baltic Wire Online"
    assert page.css('meta[property="og:site_name"]::attr(content)').get() == "Baltic Wire Online"
    assert page.css(".site-logo").get() == (
        '<a class="site-logo" href="/" rel="home"><span class="logo-mark">Baltic</span> Wire '
        '<span class="logo-sub">Online</span></a>'
    )
    assert "© 2026 Baltic Wire Online." in copy_html and "DEA News" not in copy_html.replace(
        "(Source attribution: DEA News)", ""
    )
    assert '"publisher": {"@type": "Organization", "name": "Baltic Wire Online"}' in copy_html
    assert canonical_of(copy_html) == copy_url
    content = page.css(".entry-content").xpath("./p[not(@class)]/text()").getall()
    assert content == paragraphs and content != original.paragraphs
    assert nav_links(copy_html) == {"Next Article": partner.article_path(other)}
    assert partner.expected_body(copy) != home.expected_body(original)
    assert partner.expected_attribution(copy) == home.expected_attribution(original)
    # The original site is unchanged.
    original_page = Selector(text=original_html)
    assert original_page.css("title::text").get() == f"{SEED_TITLE} – DEA News Daily"
    assert original_page.css(".entry-content").xpath("./p[not(@class)]/text()").getall() == (
        original.paragraphs
    )
    assert Selector(text=copy_amp).css("title::text").get() == f"{SEED_TITLE} – Baltic Wire Online"
    assert Selector(text=home_page).css("title::text").get() == "Baltic Wire Online"
    # Names of one or two words.
    for name, logo in (
        ("Wire", '<span class="logo-mark">Wire</span>'),
        ("Wire Today", '<span class="logo-mark">Wire</span> <span class="logo-sub">Today</span>'),
    ):
        html = DemoSite([copy], site_name=name).render("/", "http://x.test")[2].decode()
        assert logo in html


def test_an_exact_copy_under_another_url() -> None:
    first = DemoSite.load().articles[2]
    again = replace(
        first, slug=first.slug + "-repost", published="2026-03-20T09:00:00+00:00", comments=[]
    )
    site = DemoSite([first, again])
    assert (again.title, again.paragraphs) == (first.title, first.paragraphs)
    assert site.expected_body(again) == site.expected_body(first)
    with serve(site) as base_url:
        first_url, again_url = (site.article_url(a, base_url) for a in (first, again))
        assert first_url != again_url
        _, first_html = fetch(first_url)
        status, again_html = fetch(again_url)
        _, again_amp = fetch(again_url + "amp/")
    assert status == 200
    assert canonical_of(first_html) == first_url and canonical_of(again_html) == again_url
    assert canonical_of(again_amp) == again_url
    for html in (first_html, again_html):
        page = Selector(text=html)
        assert page.css("h1.entry-title::text").get() == first.title
        assert page.css(".entry-content").xpath("./p[not(@class)]/text()").getall() == (
            first.paragraphs
        )
    assert nav_links(first_html) == {"Next Article": site.article_path(again)}
    assert nav_links(again_html) == {"Previous Article": site.article_path(first)}
    assert site.article_for(again_url) is again and site.article_for(first_url) is first
