"""`extract` on every demo-site page: exact title, body, attribution and neighbours."""

from __future__ import annotations

import pytest

from archiver.demo import DemoSite
from archiver.extract import extract

BASE_URL = "http://127.0.0.1:8000"
SITE = DemoSite.load()


def extracted(article):
    path = SITE.article_path(article)
    status, _, body = SITE.render(path, BASE_URL)
    assert status == 200
    return extract(body, BASE_URL + path)


@pytest.fixture(scope="module")
def articles():
    return [(article, extracted(article)) for article in SITE.articles]


def test_titles_are_exact(articles):
    for expected, article in articles:
        assert article.title == expected.title


def test_bodies_are_exact_without_boilerplate_or_markers(articles):
    for expected, article in articles:
        assert article.body == SITE.expected_body(expected)


def test_attribution_lists_each_credited_source_once(articles):
    for expected, article in articles:
        assert article.attribution == SITE.expected_attribution(expected)
    seed = next(a for e, a in articles if e.title.startswith("Japan’s Security Posture"))
    assert seed.attribution == ["DEA News"]
    assert seed.attribution_raw[0] == "(Source attribution: DEA News)"


def test_neighbours_are_the_previous_and_next_articles(articles):
    for expected, article in articles:
        prev_link, next_link = SITE.prev_link(expected), SITE.next_link(expected)
        assert article.prev_url == (BASE_URL + prev_link.href if prev_link else None)
        assert article.next_url == (BASE_URL + next_link.href if next_link else None)


def test_metadata_comes_from_the_page(articles):
    expected, article = articles[0]
    assert article.canonical_url == BASE_URL + SITE.article_path(expected)
    assert article.authors == [expected.author]
    assert article.published == expected.published
    assert article.language == "en"
    assert article.tags == expected.tags
