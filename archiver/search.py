"""`archiver search`: full-text search of the archive, best match first.

A query is FTS5 syntax (`"exact phrase"`, `rail OR road`, `freigh*`, `title:floods`); one
that FTS5 rejects (a stray quote, a hyphen: `COVID-19`, `"unbalanced`) is searched as its plain
words instead, all of them required. Copies (see `duplicates`) are found too, each marked with
the article it copies. `Filters` narrow the hits: a site, a date range (days, inclusive; of
publication, or of the comment), an author, a credited source, a language.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

import sqlite_utils

from .archive import decode_row

# The highlight around matched words in snippets, and the snippet's length in tokens.
MARK = ("[", "]")
SNIPPET_TOKENS = 24
# A match in the title weighs this many times one in the body: the story about the words.
TITLE_WEIGHT = 10.0

ARTICLES_SQL = f"""
SELECT a.canonical_url, a.url, a.title, a.published, a.authors, a.attribution, a.language,
       d.duplicate_of AS copy_of,
       snippet(articles_fts, -1, '{MARK[0]}', '{MARK[1]}', '…', {SNIPPET_TOKENS}) AS snippet
FROM articles_fts
JOIN articles a ON a.rowid = articles_fts.rowid
LEFT JOIN duplicates d ON d.article_url = a.canonical_url
WHERE articles_fts MATCH :query {{filters}}
ORDER BY bm25(articles_fts, {TITLE_WEIGHT}, 1.0)
LIMIT :limit
"""
COMMENTS_SQL = f"""
SELECT c.article_url, a.title AS article_title, c.comment_id, c.author, c.published,
       c.removed_at,
       snippet(comments_fts, 0, '{MARK[0]}', '{MARK[1]}', '…', {SNIPPET_TOKENS}) AS snippet
FROM comments_fts
JOIN comments c ON c.rowid = comments_fts.rowid
LEFT JOIN articles a ON a.canonical_url = c.article_url
WHERE comments_fts MATCH :query {{filters}}
ORDER BY comments_fts.rank
LIMIT :limit
"""


@dataclass(frozen=True)
class Filters:
    """What narrows a search; None: anything. Days are `YYYY-MM-DD`; names match whole,
    letter case aside."""

    site: str | None = None  # host (and a port other than the scheme's), www. or not
    since: str | None = None
    until: str | None = None
    author: str | None = None
    source: str | None = None  # a credited source (articles only)
    language: str | None = None  # a BCP 47 tag or its language: "de" matches "de-AT"

    def sql(self, comments: bool) -> str:
        """The conditions, as `AND ...` over the article `a` (or the comment `c`)."""
        row = "c" if comments else "a"
        conditions = {
            "site": "a.site = lower(CASE WHEN :site LIKE 'www.%' THEN substr(:site, 5)"
                    " ELSE :site END)",
            "since": f"substr({row}.published, 1, 10) >= :since",
            "until": f"substr({row}.published, 1, 10) <= :until",
            "author": ("c.author = :author COLLATE NOCASE" if comments else
                       "EXISTS (SELECT 1 FROM json_each(a.authors)"
                       " WHERE value = :author COLLATE NOCASE)"),
            "source": ("EXISTS (SELECT 1 FROM attributions s WHERE s.article_url ="
                       " a.canonical_url AND s.source = :source COLLATE NOCASE)"),
            "language": "(a.language = :language OR a.language LIKE :language || '-%')",
        }
        return "".join(f" AND {conditions[name]}" for name, value in asdict(self).items()
                       if value is not None)


def search(db: sqlite_utils.Database, query: str, limit: int = 20, comments: bool = False,
           filters: Filters = Filters()) -> tuple[list[dict], str]:
    """The articles (or, `comments`, the comments) matching `query` and `filters`, best first;
    and the query as searched (its plain words when FTS5 rejected it)."""
    if comments and filters.source is not None:
        raise ValueError("comments credit no source: --source searches articles only")
    sql = (COMMENTS_SQL if comments else ARTICLES_SQL).format(filters=filters.sql(comments))
    params = {**asdict(filters), "limit": limit}
    try:
        rows = list(db.query(sql, {**params, "query": query}))
    except sqlite3.OperationalError:  # "fts5: syntax error near ...", "unterminated string"
        query = plain_words(query)
        rows = list(db.query(sql, {**params, "query": query}))
    return [decode_row(row) for row in rows], query


def plain_words(query: str) -> str:
    """`query` as FTS5 words, each quoted, so that no character in it is syntax."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{word}"' for word in words) or '""'

