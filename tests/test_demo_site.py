"""The bundled demo news site: its data, its markup and the HTTP server around it."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
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
