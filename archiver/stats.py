"""`archiver stats`: what the archive holds, and how well each site's pages were read.

The per-site health (the share of a site's articles that lack a title, a body, authors or a
published date) is what a site's redesign shows first: a selector that no longer matches.
"""

from __future__ import annotations

import sqlite_utils

TOP = 10  # entries in each "top" list
# The counts, by name, and the tables counted.
COUNTED = {"articles": "articles", "article_versions": "article_versions",
           "copies": "duplicates", "attributions": "attributions", "comments": "comments",
           "comment_versions": "comment_versions", "pages": "pages", "crawl_runs": "crawl_runs",
           "errors": "errors"}
LAST_RUNS = 5
# What an article can lack, as SQL over `articles`: a field extraction did not find.
MISSING = {
    "title": "coalesce(title, '') = ''",
    "body": "coalesce(body, '') = ''",
    "authors": "coalesce(authors, '[]') = '[]'",
    "published": "published IS NULL",
}


def stats(db: sqlite_utils.Database) -> dict:
    """Counts (`COUNTED`, and comments removed), the published date range, the top sources,
    authors and languages, each site's health, the last runs."""
    return {
        **_counts(db),
        "published": dict(zip(("first", "last"), db.execute(
            "SELECT min(published), max(published) FROM articles").fetchone(), strict=True)),
        "top_sources": _top(db, "SELECT source, count(*) FROM attributions GROUP BY source"),
        "top_authors": _top(db, "SELECT value, count(*) FROM articles, json_each(authors) "
                                "GROUP BY value"),
        "languages": _top(db, "SELECT coalesce(language, '(unknown)'), count(*) FROM articles "
                              "GROUP BY 1"),
        "sites": _site_health(db),
        "last_runs": list(db.query(
            "SELECT id, spider, started, finished, status, articles, errors FROM crawl_runs "
            "ORDER BY id DESC LIMIT ?", [LAST_RUNS])),
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
    """Each site's article count and the share of its articles missing each field."""
    shares = ", ".join(f"round(avg({condition}), 3) AS missing_{field}"
                       for field, condition in MISSING.items())
    return list(db.query(f"SELECT site, count(*) AS articles, {shares} FROM articles "
                         "GROUP BY site ORDER BY articles DESC, site"))
