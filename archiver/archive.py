"""The SQLite archive (sqlite-utils): schema migrations, batched writes, and the reads tools need.

Tables: `articles` (one row per canonical article, FTS5 over title and body), `attributions`,
`comments` (with `comment_versions` and FTS5 over their text), `pages` (every fetched response,
body zlib-compressed), `errors`, `crawl_runs`, and the near-duplicate index's
(`minhash_*`, see `dedupe.NearDuplicateIndex`). `MIGRATIONS` bring an archive of any earlier
schema to this one when it is opened.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import os
import re
import socket
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from .dedupe import (
    DEFAULT_THRESHOLD,
    TRACKING_PARAMS,
    NearDuplicateIndex,
    article_key,
    fingerprint,
    readable_query,
    w3lib_canonical,
)
from .errors import CommandError
from .extract.comments.fields import fallback_id
from .health import Alert, SiteFigures, Thresholds, compare
from .items import Article, CrawlError, Page
from .transaction import writing

logger = logging.getLogger(__name__)

JSON_COLUMNS = ("authors", "tags", "attribution")
# What a recrawl can miss on a page it still reads (a consent wall, a page served degraded, a
# redesign that hides the byline): a value the crawl finds replaces the archived one, a value
# it does not find (None, []) keeps it, e.g. a date the archive knew stays when the page no
# longer declares one. A changed title or body still goes to `article_versions`.
KEPT_WHEN_MISSING = ("title", "body", "authors", "published", "modified", "language", "tags",
                     "description", "image_url", "section", "publisher", "attribution",
                     "prev_url", "next_url", "comments_open", "comment_count",
                     "comments_provider")
# The same for a comment seen again (a date format the reader no longer knows, a thread read
# flat): a reply keeps its parent, and its depth with it.
COMMENT_KEPT_WHEN_MISSING = ("author", "author_url", "published", "parent_id")
MISSING = (None, "", [])  # what extraction gives for a value it did not find
# A date found only as its day keeps the archived time of that day.
DATE_COLUMNS = ("published", "modified")
# How alike an undated comment's text must stay to be the same comment edited.
EDIT_SIMILARITY = 0.6
# A body a recrawl reads cut short is not a new text: a paywall or a preview that shows the
# first paragraphs, a page served half-loaded. It begins as the archived body does (one real
# paragraph at least) and holds at most half its words; a real edit that long is a rewrite.
CUT_SHORT_SHARE = 0.5
CUT_SHORT_MIN_SHARED_WORDS = 25
WORD = re.compile(r"\w+")
MIN_NEAR_DUPLICATE_SHINGLES = 50
BUSY_TIMEOUT = 30.0  # seconds


def now() -> str:
    """The current UTC time, ISO 8601 in milliseconds, as every timestamp in the archive."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _v1_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create({
        "canonical_url": str, "url": str, "title": str, "body": str, "authors": str,
        "published": str, "modified": str, "language": str, "tags": str, "attribution": str,
        "prev_url": str, "next_url": str, "comments_open": int, "comment_count": int,
        "comments_provider": str, "first_seen": str, "last_seen": str, "run_id": int,
        # `key` folds URL variants (dedupe.article_key); `text_since`: when this text appeared.
        "key": str, "fingerprint": str, "text_since": str,
    }, pk="canonical_url")
    db["articles"].create_index(["key"], unique=True)
    db["articles"].create_index(["fingerprint"])
    db["articles"].enable_fts(["title", "body"], fts_version="FTS5", create_triggers=True)
    # Earlier texts of changed articles: version 1 is the first text seen.
    db["article_versions"].create({
        "article_url": str, "version": int, "title": str, "body": str, "fingerprint": str,
        "first_seen": str, "last_seen": str,
    }, pk=("article_url", "version"))
    # Copies (exact or syndicated near copies) linked to the earliest-published original.
    db["duplicates"].create({
        "article_url": str, "duplicate_of": str, "kind": str, "similarity": float,
        "detected_at": str,
    }, pk="article_url")
    db["duplicates"].create_index(["duplicate_of"])
    db["attributions"].create({"article_url": str, "source": str, "raw": str},
                              pk=("article_url", "source"))
    db["attributions"].create_index(["source"])
    db["comments"].create({
        "article_url": str, "comment_id": str, "parent_id": str, "author": str,
        "author_url": str, "published": str, "text": str, "position": int, "depth": int,
        "first_seen": str, "last_seen": str, "removed_at": str,
    }, pk=("article_url", "comment_id"))
    db["comments"].enable_fts(["text"], fts_version="FTS5", create_triggers=True)
    # Earlier texts of edited comments: version 1 is the first text seen.
    db["comment_versions"].create({
        "article_url": str, "comment_id": str, "version": int, "text": str, "replaced_at": str,
    }, pk=("article_url", "comment_id", "version"))
    db["pages"].create({
        "id": int, "url": str, "final_url": str, "status": int, "headers": str,
        "fetched_at": str, "sha256": str, "body": bytes, "run_id": int,
    }, pk="id")
    db["pages"].create_index(["url"])
    db["errors"].create({"id": int, "run_id": int, "url": str, "status": int, "reason": str,
                         "at": str}, pk="id")
    db["crawl_runs"].create({
        "id": int, "spider": str, "arguments": str, "started": str, "finished": str,
        "status": str, "articles": int, "errors": int, "stats": str,
    }, pk="id")


def _v2_comment_kind(db: sqlite_utils.Database) -> None:
    # Pingbacks and trackbacks are kept and marked; every comment stored before was a comment.
    db["comments"].add_column("kind", str, not_null_default="comment")


def _v3_near_duplicate_index(db: sqlite_utils.Database) -> None:
    # The near-duplicate index's tables; in archives made before, its first opening created
    # them, so only those missing are.
    NearDuplicateIndex.create_tables(db)


# Every column that holds an article's canonical URL, besides `articles.canonical_url`.
# (`articles.url`, `prev_url`, `next_url`, `pages`, `errors` and `crawl_runs` hold URLs as
# fetched or linked, never a key.)
ARTICLE_URL_COLUMNS = (
    ("article_versions", "article_url"), ("duplicates", "article_url"),
    ("duplicates", "duplicate_of"), ("attributions", "article_url"), ("comments", "article_url"),
    ("comment_versions", "article_url"), ("minhash_signatures", "article_url"))


def _v4_readable_url_keys(db: sqlite_utils.Database) -> None:
    # Keys and canonical URLs were w3lib's form ("spip.php?article8532=", "?q=a%3Ab"); now the
    # query is written as published (dedupe.readable_query), so a recrawl must find them so.
    moves = _rewrite_article_keys(db)
    for table, column in ARTICLE_URL_COLUMNS:
        # OR IGNORE: only a row left by an article no longer archived can already hold the
        # new URL; the migration keeps both rather than stop.
        db.conn.executemany(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?",
                            [(new, old) for old, new in moves])


def _rewrite_article_keys(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """Rewrite each article's canonical URL and key in the readable form; return the moves
    (old URL, new URL).

    Keys this code wrote cannot clash (w3lib's form spells each query one way, and
    `readable_query` respells it one way), but keys written by hand or another tool can
    ("?q=a%3ab" beside "?q=a%3Ab"). Such articles are not merged: the one archived first
    takes the new form, the other keeps its old one, with a warning and an `errors` row."""
    moves = []
    rows = db.execute("SELECT rowid, canonical_url, key FROM articles WHERE"
                      " instr(canonical_url, '?') OR instr(key, '?')"
                      " ORDER BY first_seen, rowid").fetchall()
    for rowid, url, key in rows:
        new_url, new_key = readable_query(url), readable_query(key) if key else key
        if (new_url, new_key) == (url, key):
            continue
        holder = db.execute("SELECT canonical_url FROM articles WHERE rowid != ? AND"
                            " (canonical_url = ? OR key = ?)", [rowid, new_url, new_key]
                            ).fetchone()
        if holder is not None:
            reason = (f"URL key not rewritten (schema 4): its new form ({new_url}, key "
                      f"{new_key}) is the article {holder[0]}'s; kept as it was")
            logger.warning("%s: %s", url, reason)
            db["errors"].insert({"url": url, "reason": reason, "at": now()})
            continue
        db.execute("UPDATE articles SET canonical_url = ?, key = ? WHERE rowid = ?",
                   [new_url, new_key, rowid])
        if new_url != url:
            moves.append((url, new_url))
    return moves


def _v5_run_process(db: sqlite_utils.Database) -> None:
    # Which process runs a crawl: a run left "running" by a process that is gone was killed.
    for column, kind in (("host", str), ("pid", int)):
        if column not in db["crawl_runs"].columns_dict:
            db["crawl_runs"].add_column(column, kind)


def _site_sql(url_column: str) -> str:
    """SQL for the host of the URL in `url_column`, lower case, without `www.` (and with a
    port other than the scheme's own), as `dedupe.site_of` gives it for a canonical URL."""
    rest = f"substr({url_column}, instr({url_column}, '://') + 3)"
    host = f"lower(substr({rest}, 1, instr({rest} || '/', '/') - 1))"
    return f"CASE WHEN {host} LIKE 'www.%' THEN substr({host}, 5) ELSE {host} END"


def _v6_article_site(db: sqlite_utils.Database) -> None:
    # The site an article is on, a column of its own to facet and filter by (Datasette, SQL);
    # computed by SQLite from the canonical URL, so no write has to set it. (Added only when
    # missing: `PRAGMA table_info`, which sqlite-utils reads, does not list generated columns.)
    if db.execute("SELECT 1 FROM pragma_table_xinfo('articles') WHERE name = 'site'").fetchone():
        return
    db.execute(f"ALTER TABLE articles ADD COLUMN site TEXT"
               f" GENERATED ALWAYS AS ({_site_sql('canonical_url')}) VIRTUAL")


def _v7_page_digests(db: sqlite_utils.Database) -> None:
    # A response's bytes are stored once, found again by their sha256.
    db["pages"].create_index(["sha256"], if_not_exists=True)


def _v8_page_self_description(db: sqlite_utils.Database) -> None:
    # What a page declares about itself: its summary, lead image, section and publisher.
    for column in ("description", "image_url", "section", "publisher"):
        if column not in db["articles"].columns_dict:
            db["articles"].add_column(column, str)


def _v9_extraction_health(db: sqlite_utils.Database) -> None:
    # Each run's extraction figures per site (counts of articles lacking each field), which
    # later runs compare with, and the alerts that comparison raised (see `health`).
    db["site_health"].create({
        "run_id": int, "site": str, "articles": int, "missing_title": int, "missing_body": int,
        "missing_authors": int, "missing_published": int, "missing_language": int,
        "median_words": float, "with_comments": int, "at": str,
    }, pk=("run_id", "site"), if_not_exists=True)
    # A run's history: the site's latest earlier run, found without a scan.
    db["site_health"].create_index(["site", "run_id"], if_not_exists=True)
    db["health_alerts"].create({
        "id": int, "run_id": int, "site": str, "measure": str, "now": float, "before": float,
        "articles_now": int, "articles_before": int, "at": str, "message": str,
    }, pk="id", if_not_exists=True)
    db["health_alerts"].create_index(["run_id"], if_not_exists=True)


# Applied in order; PRAGMA user_version records how many have run. Append, never edit.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial, _v2_comment_kind, _v3_near_duplicate_index, _v4_readable_url_keys,
    _v5_run_process, _v6_article_site, _v7_page_digests, _v8_page_self_description,
    _v9_extraction_health]


def migrate(db: sqlite_utils.Database) -> None:
    if _schema_version(db) == len(MIGRATIONS):
        return
    with writing(db):
        # Another process opening the archive at the same time may have migrated it.
        version = _schema_version(db)
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")


def _schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def compress(body: bytes) -> bytes:
    return zlib.compress(body, 6)


def decompress(blob: bytes) -> bytes:
    return zlib.decompress(blob)


class Archive:
    """One SQLite archive file, opened in WAL mode and migrated to the current schema."""

    def __init__(self, path: str | Path, near_duplicate_threshold: float = DEFAULT_THRESHOLD,
                 tracking_params: Iterable[str] = TRACKING_PARAMS,
                 busy_timeout: float = BUSY_TIMEOUT):
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        # How long a write waits for another process's write lock before it fails.
        self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        self.db.enable_wal()
        migrate(self.db)
        self.tracking_params = tuple(tracking_params)
        # Pages of boilerplate (paywall stubs) are alike: a text must be long enough to compare.
        self.near_duplicates = NearDuplicateIndex(self.db, near_duplicate_threshold,
                                                  min_shingles=MIN_NEAR_DUPLICATE_SHINGLES)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    # Runs -----------------------------------------------------------------------------------

    def start_run(self, spider: str, arguments: dict) -> int:
        """Record a run starting in this process; first, mark as "interrupted" the runs this
        host left "running" in a process that no longer exists (killed, the machine rebooted)."""
        host = socket.gethostname()
        with writing(self.db):
            for run in self.db["crawl_runs"].rows_where("status = 'running' AND host = ?",
                                                        [host]):
                if not _process_alive(run["pid"]):
                    self._interrupted(run["id"])
            table = self.db["crawl_runs"].insert({
                "spider": spider, "arguments": json.dumps(arguments, sort_keys=True),
                "started": now(), "status": "running", "host": host, "pid": os.getpid(),
            })
        return table.last_pk

    def _interrupted(self, run_id: int) -> None:
        """Close a killed run as of its last write; what it archived stays."""
        last_write, articles, errors = self.db.execute(
            "SELECT (SELECT max(fetched_at) FROM pages WHERE run_id = :id),"
            " (SELECT count(*) FROM articles WHERE run_id = :id),"
            " (SELECT count(*) FROM errors WHERE run_id = :id)", {"id": run_id}).fetchone()
        self.db["crawl_runs"].update(run_id, {"status": "interrupted", "finished": last_write,
                                              "articles": articles, "errors": errors})
        logger.warning("run %s was interrupted (its process is gone); the next runs go on", run_id)

    def finish_run(self, run_id: int, status: str, stats: dict) -> None:
        counts = self.db.execute(
            "SELECT (SELECT count(*) FROM articles WHERE run_id = ?),"
            " (SELECT count(*) FROM errors WHERE run_id = ?)", [run_id, run_id]).fetchone()
        with writing(self.db):
            self.db["crawl_runs"].update(run_id, {
                "finished": now(), "status": status, "articles": counts[0], "errors": counts[1],
                "stats": json.dumps(stats, default=str, sort_keys=True),
            })

    def record_health(self, run_id: int, figures: Iterable[SiteFigures],
                      thresholds: Thresholds) -> list[Alert]:
        """Store run `run_id`'s figures per site and the alerts raised by comparing each with
        the site's history: its latest earlier run that measured at least
        `thresholds.min_articles` articles (one indexed row, however large the archive).
        Returns the alerts."""
        at = now()
        alerts = []
        with writing(self.db):
            for site in figures:
                history = next(self.db["site_health"].rows_where(
                    "site = ? AND run_id < ? AND articles >= ?",
                    [site.site, run_id, thresholds.min_articles], order_by="run_id DESC",
                    limit=1), None)
                before = SiteFigures.from_row(history) if history else None
                raised = compare(site, before, thresholds)
                self.db["site_health"].insert({"run_id": run_id, **site.row(), "at": at},
                                              replace=True)
                self.db["health_alerts"].insert_all(
                    {"run_id": run_id, **alert.row(), "at": at} for alert in raised)
                alerts += raised
        return alerts

    # Writes ---------------------------------------------------------------------------------

    def save(self, articles: Iterable[Article] = (), pages: Iterable[Page] = (),
             errors: Iterable[CrawlError] = (), run_id: int | None = None,
             seen_at: str | None = None) -> None:
        """Write one batch in one transaction. `seen_at`: when the articles were fetched (by
        default now; `archiver reparse` gives its stored page's time: it sees nothing anew)."""
        seen_at = seen_at or now()
        with writing(self.db):
            for article in articles:
                self._save_article(article, seen_at, run_id)
            self.db["pages"].insert_all(self._page_rows(pages, run_id))
            self.db["errors"].insert_all(
                {"run_id": run_id, "url": error.url, "status": error.status,
                  "reason": error.reason, "at": seen_at} for error in errors)

    def _page_rows(self, pages: Iterable[Page], run_id: int | None) -> Iterator[dict]:
        """The rows of `pages`, each body stored once: a response whose bytes the archive
        holds already (a page unchanged since the last crawl) keeps only their sha256."""
        stored: set[str] = set()
        for page in pages:
            digest = hashlib.sha256(page.body).hexdigest()
            known = digest in stored or self.db.execute(
                "SELECT 1 FROM pages WHERE sha256 = ? AND body IS NOT NULL LIMIT 1",
                [digest]).fetchone()
            stored.add(digest)
            yield {"url": page.url, "final_url": page.final_url, "status": page.status,
                   "headers": json.dumps(page.headers), "fetched_at": page.fetched_at,
                   "sha256": digest, "body": None if known else compress(page.body),
                   "run_id": run_id}

    def page_body(self, page: dict) -> bytes:
        """The bytes of the stored response `page` (a `pages` row), wherever they are kept."""
        return stored_body(self.db.conn, page)

    def _save_article(self, article: Article, seen_at: str, run_id: int | None) -> None:
        """Upsert the article under its folded key; a changed text keeps the earlier one in
        `article_versions` and is compared with the archive for copies."""
        key = self.article_key(article)
        known = next(self.db["articles"].rows_where("key = ?", [key]), None)
        # A URL variant of an archived article is that article.
        url = known["canonical_url"] if known else (article.canonical_url or article.url)
        record = asdict(article)
        comments = record.pop("comments")
        for transient in ("attribution_raw", "comment_pages", "comments_complete", "text_pages",
                          "text_complete", "first_page_url"):
            record.pop(transient)
        if known is not None:
            known = decode_row(known)
            record.update(_kept(record, known, KEPT_WHEN_MISSING))
            # A story whose later pages were not all read: what was read is its start.
            share = CUT_SHORT_SHARE if article.text_complete else 1.0
            if _cut_short(record["body"], known["body"], share):
                logger.info("Kept the archived body of %s: this crawl read only its start", url)
                record["body"] = known["body"]
        for column in JSON_COLUMNS:
            record[column] = json.dumps(record[column], ensure_ascii=False)
        record.update(canonical_url=url, key=key, last_seen=seen_at, run_id=run_id,
                      fingerprint=fingerprint(record["title"], record["body"]))
        changed = known is None or known["fingerprint"] != record["fingerprint"]
        if known is None:
            record.update(first_seen=seen_at, text_since=seen_at)
        elif changed:
            self._keep_version(known)
            record["text_since"] = seen_at
        self.db["articles"].upsert(record, pk="canonical_url")
        if changed:
            self._link_copies(url, record["title"], record["body"], record["fingerprint"])
        if article.attribution:  # else the credits archived stay, as `attribution` does
            self._save_attributions(url, article)
        # A crawl that read no comment (the section hidden, or its markup no longer
        # recognised) says nothing about those archived, unless the page states it has none.
        section_read = bool(comments) or article.comment_count == 0
        self._save_comments(url, _hashed_as_archived(comments, article.canonical_url, url),
                            seen_at, complete=article.comments_complete and section_read)

    def article_key(self, article: Article) -> str:
        """The key `article` is archived under."""
        return article_key(article.canonical_url or article.url, self.tracking_params)

    def _save_attributions(self, url: str, article: Article) -> None:
        self.db.execute("DELETE FROM attributions WHERE article_url = ?", [url])
        raws = article.attribution_raw
        self.db["attributions"].insert_all(
            ({"article_url": url, "source": source,
              "raw": next((raw for raw in raws if source.lower() in raw.lower()), None)}
             for source in article.attribution), pk=("article_url", "source"))

    def _keep_version(self, known: dict) -> None:
        url = known["canonical_url"]
        version = self.db["article_versions"].count_where("article_url = ?", [url]) + 1
        self.db["article_versions"].insert({
            "article_url": url, "version": version, "title": known["title"],
            "body": known["body"], "fingerprint": known["fingerprint"],
            "first_seen": known["text_since"], "last_seen": known["last_seen"]})

    def _link_copies(self, url: str, title: str | None, body: str | None,
                     text_print: str) -> None:
        """Record exact and near copies of this text among everything archived, each copy
        linked to the earliest-published article of the group. A link from this article made
        for an earlier text goes: the new text is a copy only if it still matches."""
        self.db["duplicates"].delete_where("article_url = ?", [url])
        text = f"{title or ''}\n{body or ''}"
        matches = {row["canonical_url"]: ("exact", 1.0) for row in self.db.query(
            "SELECT canonical_url FROM articles WHERE fingerprint = ? AND canonical_url != ?",
            [text_print, url])}
        # One signature for both: shingling and MinHash are the costly part.
        signature = self.near_duplicates.signature(text)
        for other, similarity in self.near_duplicates.query(signature, exclude=url):
            matches.setdefault(other, ("near", similarity))
        self.near_duplicates.add(url, signature)
        if not matches:
            return
        dates = {row["canonical_url"]: (row["published"] or "9999", row["first_seen"] or "")
                 for row in self.db.query(
                     "SELECT canonical_url, published, first_seen FROM articles WHERE "
                     f"canonical_url IN ({', '.join('?' * (len(matches) + 1))})",
                     [url, *matches])}
        original = min(dates, key=dates.__getitem__)
        # Either this article copies the original, or it is the original of all it matched.
        links = {url: matches[original]} if original != url else matches
        self.db["duplicates"].upsert_all(
            ({"article_url": copy, "duplicate_of": original, "kind": kind,
              "similarity": similarity, "detected_at": now()}
             for copy, (kind, similarity) in links.items()), pk="article_url")

    def _save_comments(self, url: str, comments: list[dict], seen_at: str,
                       complete: bool) -> None:
        """New comments are added, edited ones keep their earlier text in `comment_versions`,
        and, when the whole section was read, vanished ones get `removed_at`."""
        existing = {row["comment_id"]: row
                    for row in self.db["comments"].rows_where("article_url = ?", [url])}
        comments = _edits_keep_their_ids(comments, existing, url)
        new, seen_again, versions = [], [], []
        earlier_versions = dict(self.db.execute(
            "SELECT comment_id, COUNT(*) FROM comment_versions WHERE article_url = ? "
            "GROUP BY comment_id", [url]).fetchall())
        for comment in comments:
            row = {**comment, "article_url": url, "last_seen": seen_at, "removed_at": None}
            known = existing.get(comment["comment_id"])
            if known is None:
                new.append({**row, "first_seen": seen_at})
                continue
            kept = _kept(row, known, COMMENT_KEPT_WHEN_MISSING)
            if "parent_id" in kept:
                kept["depth"] = known["depth"]
            seen_again.append({**row, **kept})
            if known["text"] != comment["text"]:
                versions.append({"article_url": url, "comment_id": comment["comment_id"],
                                 "version": earlier_versions.get(comment["comment_id"], 0) + 1,
                                 "text": known["text"],
                                 "replaced_at": seen_at})
        # A few statements for the whole section: a row at a time is slow on long threads.
        for rows in (new, seen_again):  # one shape each, so `first_seen` is never overwritten
            if rows:
                self.db["comments"].upsert_all(rows, pk=("article_url", "comment_id"))
        if versions:
            self.db["comment_versions"].insert_all(versions)
        if complete:
            present = {comment["comment_id"] for comment in comments}
            vanished = [comment_id for comment_id, known in existing.items()
                        if comment_id not in present and known["removed_at"] is None]
            if vanished:
                marks = ", ".join("?" * len(vanished))
                self.db.execute(f"UPDATE comments SET removed_at = ? WHERE article_url = ? AND "
                                f"comment_id IN ({marks})", [seen_at, url, *vanished])

    # Reads ----------------------------------------------------------------------------------

    def article(self, canonical_url: str) -> dict | None:
        rows = list(self.db["articles"].rows_where("canonical_url = ?", [canonical_url]))
        return decode_row(rows[0]) if rows else None

    def articles(self) -> list[dict]:
        return [decode_row(row) for row in self.db["articles"].rows_where(order_by="published")]

    def versions(self, canonical_url: str) -> list[dict]:
        """Every text the article has had, oldest first, the current one last; each with
        `changes`, a unified diff of its title and body against the version before."""
        current = self.article(canonical_url)
        if current is None:
            return []
        earlier = list(self.db["article_versions"].rows_where(
            "article_url = ?", [canonical_url], order_by="version"))
        latest = {"version": len(earlier) + 1, "title": current["title"],
                  "body": current["body"], "fingerprint": current["fingerprint"],
                  "first_seen": current["text_since"], "last_seen": current["last_seen"]}
        history = [*earlier, latest]
        for before, after in zip([None, *history], history, strict=False):
            old = [] if before is None else f"{before['title']}\n\n{before['body']}".splitlines()
            new = f"{after['title']}\n\n{after['body']}".splitlines()
            after["changes"] = "\n".join(difflib.unified_diff(old, new, lineterm="", n=0))
        return history

    def chains(self) -> list[list[dict]]:
        """The archived articles as chains: each list runs from oldest to newest by prev/next
        (links matched by article key, so a link to a URL variant still joins the chain). A
        link one page shows joins two articles even when the other page does not show it back
        (the newest article's lone "Previous", which alone says too little to be read)."""
        by_key = {row["key"]: row for row in self.articles()}

        def linked(row: dict, link: str) -> dict | None:
            return by_key.get(article_key(row[link], self.tracking_params)) if row[link] else None

        named_as_next = {}  # key -> the article whose prev_url names it
        for row in by_key.values():
            if (earlier := linked(row, "prev_url")) is not None:
                named_as_next.setdefault(earlier["key"], row)

        def following(row: dict) -> dict | None:
            return linked(row, "next_url") or named_as_next.get(row["key"])

        has_prev_here = {id(following(row)) for row in by_key.values()}
        heads = [row for row in by_key.values()
                 if id(row) not in has_prev_here and linked(row, "prev_url") is None]
        placed: set[str] = set()
        chains = []
        # Heads first; whatever is left belongs to a cycle and starts at its oldest member.
        for head in heads + sorted(by_key.values(), key=lambda r: r["published"] or ""):
            chain, row = [], head
            while row is not None and row["key"] not in placed:
                placed.add(row["key"])
                chain.append(row)
                row = following(row)
            if chain:
                chains.append(chain)
        return chains


def stored_body(connection: sqlite3.Connection, page: dict) -> bytes:
    """The bytes of the stored response `page` (a `pages` row): in the row, or, for a response
    whose bytes an earlier one holds, in that one's."""
    blob = page["body"]
    if blob is None:
        blob = connection.execute("SELECT body FROM pages WHERE sha256 = ? AND body IS NOT NULL"
                                  " LIMIT 1", [page["sha256"]]).fetchone()[0]
    return decompress(blob)


def stored_page(connection: sqlite3.Connection, row: dict) -> Page:
    """The stored response a `pages` row (with all its columns) is."""
    return Page(url=row["url"], final_url=row["final_url"], status=row["status"],
                headers=json.loads(row["headers"]), body=stored_body(connection, row),
                fetched_at=row["fetched_at"])


def read_only(path: Path) -> sqlite3.Connection:
    """A connection to the SQLite file at `path` that can never write to it."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def open_existing(path: str | Path) -> Archive:
    """The archive at `path` for a tool that reads or reworks one: a missing file is an error,
    never a new empty archive, and so is a file that holds no archive."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"no archive at {path}")
    try:  # read-only: a file that is no archive must stay as it is
        with closing(read_only(path)) as conn:
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} is not an SQLite database ({error})") from None
    if "articles" not in tables:
        raise CommandError(f"{path} is not a news archive (it has no articles table)")
    return Archive(path)


def _kept(found: dict, known: dict, columns: tuple[str, ...]) -> dict:
    """The archived values of the `columns` this crawl did not find (False and 0 are found),
    and the archived dates of which it found only the day."""
    return {column: known[column] for column in columns
            if known[column] not in MISSING and (
                found[column] in MISSING
                or column in DATE_COLUMNS and _day_of(found[column], known[column]))}


def _day_of(found: str, known: str) -> bool:
    """Whether `found` is the bare day of the time `known`: "2026-03-07" of
    "2026-03-07T13:15:00+00:00", read from the URL when the page no longer declares its time."""
    return len(found) == len("2026-03-07") < len(known) and known.startswith(found)


def _process_alive(pid: int | None) -> bool:
    if pid is None:
        return True  # a run recorded before runs had a process: nothing to tell
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _cut_short(found: str | None, known: str | None, share: float = CUT_SHORT_SHARE) -> bool:
    """Whether the body `found` is the start of the archived body `known` and no more than
    `share` of it (a paywall's notice after the first paragraphs may follow)."""
    if not found or not known:
        return False
    found_words, known_words = WORD.findall(found), WORD.findall(known)
    if len(found_words) > len(known_words) * share:
        return False
    shared = next((i for i, (a, b) in enumerate(zip(found_words, known_words, strict=False))
                   if a != b), len(found_words))
    return shared >= CUT_SHORT_MIN_SHARED_WORDS


def _is_hashed(comment: dict, url: str) -> bool:
    """Whether the comment's id is the hash extraction makes for a comment given no id."""
    return comment["comment_id"] == fallback_id(
        url, comment["author"], comment["published"], comment["text"])


def _edits_keep_their_ids(comments: list[dict], existing: dict[str, dict],
                          url: str) -> list[dict]:
    """`comments`, each one the page gives no id that is an archived comment edited given
    that comment's id back, and its replies' parent ids likewise.

    Its hashed id changes with its text: without this, an edit reads as a new comment (and, a
    whole section read, the archived one removed) instead of a version of the archived one. An
    edit is the one archived comment, hashed too and not on the page now, by the same author
    under the same parent with the same date; without a date, with mostly the same text."""
    new = [comment for comment in comments
           if comment["comment_id"] not in existing and _is_hashed(comment, url)]
    if not new:  # the usual recrawl: nothing to match, no archived comment to hash again
        return comments
    present = {comment["comment_id"] for comment in comments}
    gone = [row for comment_id, row in existing.items()
            if comment_id not in present and _is_hashed(row, url)]
    ids: dict[str, str] = {}
    for comment in new:
        if not gone:
            break
        # A reply's parent may be an edited comment whose id was given back above.
        parent_id = ids.get(comment["parent_id"], comment["parent_id"])
        edited = [row for row in gone
                  if (row["author"], row["published"], row["parent_id"]) ==
                  (comment["author"], comment["published"], parent_id)
                  and (row["published"] or difflib.SequenceMatcher(
                      None, row["text"], comment["text"]).ratio() >= EDIT_SIMILARITY)]
        if len(edited) == 1:
            ids[comment["comment_id"]] = edited[0]["comment_id"]
            gone.remove(edited[0])
    if not ids:
        return comments
    return [{**comment, "comment_id": ids.get(comment["comment_id"], comment["comment_id"]),
             "parent_id": ids.get(comment["parent_id"], comment["parent_id"])}
            for comment in comments]


def _hashed_as_archived(comments: list[dict], hashed_as: str | None, url: str) -> list[dict]:
    """`comments`, those the page gives no id of their own hashed with `url`, the URL the
    article is archived under.

    Extraction hashes them with the canonical URL this crawl found (on the article's page and
    its further comment pages alike), but a recrawl can find another one for the archived
    article (the site now declares `<link rel="canonical">` with a trailing slash, or moved to
    https) and files it under the URL archived first: hashed with the new URL, each such
    comment would be stored again and the archived one marked removed. Hashes equal in w3lib's
    form, the common case (the page's URL is its canonical URL), are unchanged."""
    if not hashed_as or w3lib_canonical(hashed_as) == w3lib_canonical(url):
        return comments
    ids = {}  # hashed with `hashed_as` -> hashed with `url`
    for comment in comments:
        fields = (comment["author"], comment["published"], comment["text"])
        if comment["comment_id"] == fallback_id(hashed_as, *fields):
            ids[comment["comment_id"]] = fallback_id(url, *fields)
    return [{**comment, "comment_id": ids.get(comment["comment_id"], comment["comment_id"]),
             "parent_id": ids.get(comment["parent_id"], comment["parent_id"])}
            for comment in comments]


def decode_row(row: dict) -> dict:
    """`row` with its JSON columns (`JSON_COLUMNS`) as lists."""
    for column in JSON_COLUMNS:
        if isinstance(row.get(column), str):
            row[column] = json.loads(row[column])
    return row
