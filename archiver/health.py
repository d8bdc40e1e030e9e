"""Extraction health: how well a run read each site, and whether that got clearly worse.

A site's redesign rarely breaks a crawl: the pages still come, but a selector no longer
matches and dates, bylines or bodies silently stop being found. Each crawl run measures, per
site, over the articles it saved: how many lack each of `FIELDS`, the median body length in
words, and how many had comments found. These figures are stored per run (`site_health`), and
a run is compared with the site's latest earlier run that measured at least the minimum
sample; a measure clearly worse is an `Alert`.

Everything here is pure: plain rows and numbers in, figures and alerts out. `archive.py` reads
and stores them, `pipelines/store.py` feeds a run's articles, `stats.py` the whole archive's.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .dedupe import site_of
from .items import Article

# The fields whose absence is counted, per article.
FIELDS = ("title", "body", "authors", "published", "language")
BODY_LENGTH = "body_length"  # the measure of the median body length (words)
COMMENTS = "comments"  # the measure of the share of articles with comments found
MEASURES = (*FIELDS, BODY_LENGTH, COMMENTS)
# Shares are differences of small fractions (0.7 - 0.4 is 0.29999999999999993 in floats): a
# rise exactly at the threshold must count as reaching it.
EPSILON = 1e-9


def lacks(value: object) -> bool:
    """Whether a field's value is "not found": None, empty, or the empty JSON list the
    archive stores for no authors. A row may give a field as a bool (found or not), as a
    run's rows do to keep no text in memory."""
    return not value or value == "[]"


@dataclass(frozen=True)
class SiteFigures:
    """One site's figures over a set of articles (a run's, or the whole archive's)."""

    site: str
    articles: int
    missing: dict[str, int]  # field -> how many articles lack it
    median_words: float | None = None  # of the bodies found; None: none found, or not measured
    with_comments: int | None = None  # articles with a comment found; None: not measured

    def share_missing(self, field: str) -> float:
        return self.missing[field] / self.articles if self.articles else 0.0

    def share_with_comments(self) -> float:
        return (self.with_comments or 0) / self.articles if self.articles else 0.0

    def shares(self) -> dict:
        """The site, its article count and the share of them missing each field (3 places),
        as `archiver stats` reports them."""
        return {"site": self.site, "articles": self.articles,
                **{f"missing_{field}": round(self.share_missing(field), 3) for field in FIELDS}}

    def row(self) -> dict:
        """The figures as a `site_health` row (counts, not shares: the message says "8 of 10")."""
        return {"site": self.site, "articles": self.articles,
                **{f"missing_{field}": self.missing[field] for field in FIELDS},
                "median_words": self.median_words, "with_comments": self.with_comments}

    @classmethod
    def from_row(cls, row: Mapping) -> SiteFigures:
        return cls(row["site"], row["articles"],
                   {field: row[f"missing_{field}"] for field in FIELDS},
                   row["median_words"], row["with_comments"])


@dataclass(frozen=True)
class Thresholds:
    """When a measure is clearly worse (the `ARCHIVER_HEALTH_*` settings)."""

    min_articles: int = 5  # both this run and the history must have at least this many
    max_drop: float = 0.3  # a share (missing, with comments) worse by this much, absolute
    min_body_share: float = 0.5  # the median body length fallen below this share of before
    # Comments found on none of this run's articles, where the history's share makes that this
    # unlikely by chance: a site where one article in ten had comments drops by 0.1 only.
    max_chance_of_none: float = 0.01


@dataclass(frozen=True)
class Alert:
    site: str
    measure: str  # one of MEASURES
    now: float  # a share of articles, or for BODY_LENGTH the median words
    before: float
    articles_now: int
    articles_before: int
    message: str

    def row(self) -> dict:
        return {"site": self.site, "measure": self.measure, "now": self.now,
                "before": self.before, "articles_now": self.articles_now,
                "articles_before": self.articles_before, "message": self.message}


def article_row(article: Article) -> dict:
    """What the health figures need of one extracted article, with no text kept: a run holds
    one such row per article it saved until its end."""
    body = article.body or ""
    return {"site": site_of(article.canonical_url or article.url),
            **{field: not lacks(getattr(article, field)) for field in FIELDS},
            "words": len(body.split()) if body else None, "comments": len(article.comments)}


def site_figures(rows: Iterable[Mapping]) -> list[SiteFigures]:
    """Each site's figures over `rows`, most articles first, then by site.

    A row has `site` and the values of `FIELDS` (or whether each was found); optionally
    `words` (the body's length, None without a body) and `comments` (how many were found):
    without them, `median_words` and `with_comments` stay None."""
    sites: dict[str, dict] = {}
    for row in rows:
        tally = sites.setdefault(row["site"], {"articles": 0, "missing": dict.fromkeys(FIELDS, 0),
                                               "words": [], "with_comments": None})
        tally["articles"] += 1
        for field in FIELDS:
            tally["missing"][field] += lacks(row[field])
        if row.get("words"):
            tally["words"].append(row["words"])
        if "comments" in row:
            tally["with_comments"] = (tally["with_comments"] or 0) + bool(row["comments"])
    figures = [SiteFigures(site, tally["articles"], tally["missing"],
                           statistics.median(tally["words"]) if tally["words"] else None,
                           tally["with_comments"])
               for site, tally in sites.items()]
    return sorted(figures, key=lambda figure: (-figure.articles, figure.site))


def compare(now: SiteFigures, before: SiteFigures | None,
            thresholds: Thresholds = Thresholds()) -> list[Alert]:
    """The measures of `now` clearly worse than `before` (the same site's history). None for
    a new site (no history) or when either side has fewer than `min_articles` articles: a
    small sample says nothing."""
    if before is None or min(now.articles, before.articles) < thresholds.min_articles:
        return []
    alerts = []
    for field in FIELDS:
        share_now, share_before = now.share_missing(field), before.share_missing(field)
        if share_now - share_before >= thresholds.max_drop - EPSILON:
            alerts.append(_alert(now, before, field, share_now, share_before,
                                 f"{field} missing on {now.missing[field]} of {now.articles} "
                                 f"articles this run (was {before.missing[field]} of "
                                 f"{before.articles})"))
    if now.median_words is not None and before.median_words is not None and \
            now.median_words < before.median_words * thresholds.min_body_share:
        alerts.append(_alert(now, before, BODY_LENGTH, now.median_words, before.median_words,
                             f"median body length {now.median_words:g} words over "
                             f"{now.articles} articles this run (was {before.median_words:g} "
                             f"words over {before.articles})"))
    # A drop this large says the history had comments: a site without any never alerts.
    if now.with_comments is not None and before.with_comments is not None:
        share_now, share_before = now.share_with_comments(), before.share_with_comments()
        chance_of_none = (1 - share_before) ** now.articles
        if share_before - share_now >= thresholds.max_drop - EPSILON or (
                now.with_comments == 0 and chance_of_none <= thresholds.max_chance_of_none):
            alerts.append(_alert(now, before, COMMENTS, share_now, share_before,
                                 f"comments found on {now.with_comments} of {now.articles} "
                                 f"articles this run (was {before.with_comments} of "
                                 f"{before.articles})"))
    return alerts


def _alert(now: SiteFigures, before: SiteFigures, measure: str, value_now: float,
           value_before: float, what: str) -> Alert:
    return Alert(now.site, measure, value_now, value_before, now.articles, before.articles,
                 f"extraction health: {now.site}: {what}")
