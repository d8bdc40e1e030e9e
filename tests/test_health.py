"""`archiver.health`: per-site figures and the comparisons that raise alerts (pure, no crawl)."""

from __future__ import annotations

import pytest

from archiver.health import (
    BODY_LENGTH,
    COMMENTS,
    SiteFigures,
    Thresholds,
    article_row,
    compare,
    site_figures,
)
from archiver.items import Article, Comment


def figures(articles: int, median_words: float | None = 400.0, with_comments: int | None = 0,
            **missing: int) -> SiteFigures:
    counts = {field: 0 for field in ("title", "body", "authors", "published", "language")}
    return SiteFigures("news.example", articles, {**counts, **missing}, median_words,
                       with_comments)


def measures(alerts) -> list[str]:
    return [alert.measure for alert in alerts]


def test_a_field_missing_far_more_often_is_an_alert_with_a_message_for_the_operator():
    [alert] = compare(figures(10, published=8), figures(120, published=1))
    assert (alert.measure, alert.now, alert.before) == ("published", 0.8, 1 / 120)
    assert (alert.articles_now, alert.articles_before) == (10, 120)
    assert alert.message == ("extraction health: news.example: published missing on 8 of 10 "
                             "articles this run (was 1 of 120)")


def test_no_history_is_no_alert():
    assert compare(figures(10, authors=10), None) == []


@pytest.mark.parametrize("now, before", [(4, 120), (120, 4)])
def test_a_sample_below_the_minimum_on_either_side_is_no_alert(now, before):
    assert compare(figures(now, authors=now), figures(before)) == []
    # At the minimum it counts.
    assert measures(compare(figures(5, authors=5), figures(5))) == ["authors"]


def test_a_rise_exactly_at_the_threshold_alerts_and_just_below_does_not():
    # 0.7 - 0.4 is 0.29999999999999993 in floats: exactly the threshold all the same.
    assert measures(compare(figures(10, title=7), figures(10, title=4))) == ["title"]
    assert measures(compare(figures(10, title=3), figures(10))) == ["title"]
    assert compare(figures(100, title=29), figures(100)) == []
    assert compare(figures(10, title=9), figures(10, title=9)) == []  # bad, but not worse


def test_the_thresholds_are_the_callers():
    strict = Thresholds(min_articles=2, max_drop=0.1, min_body_share=0.9)
    assert measures(compare(figures(2, language=1, median_words=80), figures(2, median_words=100),
                            strict)) == ["language", BODY_LENGTH]
    assert compare(figures(2, language=1, median_words=80), figures(2, median_words=100)) == []


def test_a_median_body_more_than_halved_alerts_and_exactly_half_does_not():
    [alert] = compare(figures(10, median_words=199), figures(10, median_words=400))
    assert (alert.measure, alert.now, alert.before) == (BODY_LENGTH, 199, 400)
    assert "median body length 199 words over 10 articles this run (was 400 words" in (
        alert.message)
    assert compare(figures(10, median_words=200), figures(10, median_words=400)) == []
    # No body at all is the body measure's to say, not the length's.
    assert compare(figures(10, median_words=None, body=10), figures(10))[0].measure == "body"


def test_comments_lost_alert_only_where_the_history_had_comments():
    [alert] = compare(figures(10, with_comments=1), figures(10, with_comments=8))
    assert (alert.measure, alert.now, alert.before) == (COMMENTS, 0.1, 0.8)
    assert alert.message.endswith("comments found on 1 of 10 articles this run (was 8 of 10)")
    assert compare(figures(10, with_comments=0), figures(10, with_comments=0)) == []
    assert compare(figures(10, with_comments=6), figures(10, with_comments=8)) == []


def test_comments_gone_from_a_site_where_few_articles_had_them_alert_on_a_sample_that_says_so():
    # One article in ten had comments: a drop to none is 0.1, far below the absolute threshold.
    [alert] = compare(figures(44, with_comments=0), figures(50, with_comments=5))
    assert alert.message.endswith("comments found on 0 of 44 articles this run (was 5 of 50)")
    # 0.9 ** 20 = 0.12: twenty articles without comments happen by chance.
    assert compare(figures(20, with_comments=0), figures(50, with_comments=5)) == []
    assert compare(figures(44, with_comments=1), figures(50, with_comments=5)) == []
    assert compare(figures(44, with_comments=0), figures(50, with_comments=5),
                   Thresholds(max_chance_of_none=0.001)) == []


def test_site_figures_count_each_site_s_rows_most_articles_first():
    rows = [{"site": "b.example", "title": "T", "body": "x y", "authors": "[]", "published": None,
             "language": "en", "words": 2, "comments": 0},
            {"site": "a.example", "title": "", "body": "", "authors": '["A"]', "published": "2026",
             "language": None, "words": None, "comments": 3},
            {"site": "b.example", "title": "T", "body": "x y z w", "authors": ["A"],
             "published": "2026", "language": "en", "words": 4, "comments": 1}]
    b, a = site_figures(rows)
    assert (b.site, b.articles, b.missing) == ("b.example", 2, {
        "title": 0, "body": 0, "authors": 1, "published": 1, "language": 0})
    assert (b.median_words, b.with_comments) == (3, 1)
    assert (a.missing["title"], a.missing["body"], a.missing["authors"]) == (1, 1, 0)
    assert (a.median_words, a.with_comments) == (None, 1)
    assert b.shares()["missing_authors"] == 0.5
    assert SiteFigures.from_row(b.row()) == b


def test_rows_without_words_or_comments_leave_those_unmeasured():
    [site] = site_figures([{"site": "a.example", "title": "T", "body": 1, "authors": "[]",
                            "published": None, "language": "en"}])
    assert (site.median_words, site.with_comments) == (None, None)
    assert site.missing["body"] == 0 and site.missing["authors"] == 1


def test_an_extracted_article_s_row_keeps_no_text():
    article = Article(url="https://www.news.example/a/", title="A", body="one two three",
                      authors=[], language="en",
                      comments=[Comment(comment_id="1", text="hi")])
    assert article_row(article) == {"site": "news.example", "title": True, "body": True,
                                    "authors": False, "published": False, "language": True,
                                    "words": 3, "comments": 1}
