"""`archiver stats`: what the archive holds, and how well each site's pages were read; and the
extraction health alerts crawl runs raised (`archiver health`).

The per-site health (the share of a site's articles that lack a title, a body, authors, a
published date or a language) is what a site's redesign shows first: a selector that no longer
matches. The alerts say when a run read a site clearly worse than before (see `health`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlite_utils

from .health import site_figures

TOP = 10  # entries in each "top" list
# The counts, by name, and the tables counted.
COUNTED = {"articles": "articles", "article_versions": "article_versions",
           "copies": "duplicates", "attributions": "attributions", "comments": "comments",
           "comment_versions": "comment_versions", "pages": "pages", "crawl_runs": "crawl_runs",
           "errors": "errors"}
LAST_RUNS = 5


def stats(db: sqlite_utils.Database) -> dict:
    """Counts (`COUNTED`, and comments removed), the published date range, the top sources,
    authors, languages, sections and publishers, each site's health, the last runs."""
    return {
        **_counts(db),
        "published": dict(zip(("first", "last"), db.execute(
            "SELECT min(published), max(published) FROM articles").fetchone(), strict=True)),
        "top_sources": _top(db, "SELECT source, count(*) FROM attributions GROUP BY source"),
        "top_authors": _top(db, "SELECT value, count(*) FROM articles, json_each(authors) "
                                "GROUP BY value"),
        "languages": _top(db, "SELECT coalesce(language, '(unknown)'), count(*) FROM articles "
                              "GROUP BY 1"),
        "top_sections": _top(db, "SELECT section, count(*) FROM articles WHERE section != '' "
                                 "GROUP BY section"),
        "publishers": _top(db, "SELECT publisher, count(*) FROM articles WHERE publisher != '' "
                               "GROUP BY publisher"),
        "sites": _site_health(db),
        "last_runs": list(db.query(
            "SELECT id, spider, started, finished, status, articles, errors FROM crawl_runs "
            "ORDER BY id DESC LIMIT ?", [LAST_RUNS])),
        "health_alerts": last_run_alerts(db),
    }


def _counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = {name: db[table].count for name, table in COUNTED.items()}
    counts["comments_removed"] = db.execute(
        "SELECT count(*) FROM comments WHERE removed_at IS NOT NULL").fetchone()[0]
    return counts


def _top(db: sqlite_utils.Database, grouped_sql: str) -> list[list]:
    """The TOP rows of a (name, count) query, most first, then by name."""
    return [list(row) for row in db.execute(
        f"SELECT * FROM ({grouped_sql}) ORDER BY 2 DESC, 1 LIMIT {TOP}")]


def _site_health(db: sqlite_utils.Database) -> list[dict]:
    """Each site's article count and the share of its articles missing each field, counted as
    a crawl run counts its own (`health.site_figures`). The body is read as whether there is
    one: the texts stay in SQLite."""
    rows = db.query("SELECT site, title, coalesce(body, '') != '' AS body, authors, published,"
                    " language FROM articles")
    return [figures.shares() for figures in site_figures(rows)]


def last_measured_run(db: sqlite_utils.Database) -> int | None:
    """The latest run that measured extraction health (a crawl that saved articles; a
    reparse or an import does not measure)."""
    return db.execute("SELECT max(run_id) FROM site_health").fetchone()[0]


def last_run_alerts(db: sqlite_utils.Database) -> list[dict]:
    """The alerts the latest run that measured extraction health raised."""
    run = last_measured_run(db)
    return [] if run is None else health_alerts(db, since_run=run, until_run=run)


def health_alerts(db: sqlite_utils.Database, since_run: int | None = None,
                  until_run: int | None = None, days: float | None = None) -> list[dict]:
    """Extraction health alerts, newest first: of runs from `since_run` (to `until_run`), or
    of the last `days` days; all without either."""
    where, params = [], []
    if since_run is not None:
        where.append("run_id >= ?")
        params.append(since_run)
    if until_run is not None:
        where.append("run_id <= ?")
        params.append(until_run)
    if days is not None:
        where.append("at >= ?")
        params.append((datetime.now(UTC) - timedelta(days=days)).isoformat(
            timespec="milliseconds"))
    return list(db["health_alerts"].rows_where(" AND ".join(where) or None, params,
                                               order_by="run_id DESC, id",
                                               select="run_id, site, measure, now, before, "
                                                      "articles_now, articles_before, at, "
                                                      "message"))
