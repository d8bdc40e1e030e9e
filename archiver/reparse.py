"""`archiver reparse`: run today's extraction over the responses the archive stored, so better
extraction rules reach an archive without fetching anything again.

Each article is rebuilt as the crawl built it: from the newest stored response of its page
(the URL requested and answered, the headers that give its charset), its further pages (of a
multi-page story, of its comment section) read through the spider's own walk (`PageWalk`) from
their newest stored responses, checked as the pipeline checks it (`missing_content`), and
written through `Archive.save`, whose recrawl rules decide what changes (a value no longer found
keeps the archived one, a changed text is a new version, a comment missing from a whole section
is marked removed). A second reparse with the same code changes nothing.

The articles reparsed are those the archive holds, under any URL of their own, and the pages
the crawl refused as articles (an error recorded for a page fetched fine); the other stored
pages are their further pages (a story's page 2, a comment page), or an article's page met
again under another URL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

import sqlite_utils

from .archive import Archive, stored_page
from .dedupe import article_key, canonicalize
from .errors import CommandError
from .extract import extract
from .items import Article, CrawlError, Page, missing_content
from .page_walk import PageWalk
from .responses import not_html, response_of, text_of
from .transaction import writing

logger = logging.getLogger(__name__)

SPIDER = "reparse"  # its runs' name in `crawl_runs`
# Columns that say when and by which run a row was written, not what the page says.
BOOKKEEPING = frozenset({"last_seen", "run_id", "key", "fingerprint", "text_since"})
ANSWERED = "status BETWEEN 200 AND 299"  # the responses the crawl extracted from


@dataclass
class Report:
    """What a reparse did (or, dry, would do)."""

    pages_read: int = 0
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # URL -> what changed
    unchanged: int = 0
    errors: list[CrawlError] = field(default_factory=list)
    run_id: int | None = None

    def stats(self) -> dict[str, int]:
        return {"pages_read": self.pages_read, "articles_added": len(self.added),
                "articles_changed": len(self.changed), "articles_unchanged": self.unchanged,
                "errors": len(self.errors)}


class StoredPages:
    """The archive's stored responses: the newest answered one of each URL, read on demand."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.db = archive.db
        self.read = 0
        # (page id, URL requested, URL answered), oldest first.
        self.answered = self.db.execute(
            f"SELECT id, url, final_url FROM pages WHERE {ANSWERED} ORDER BY fetched_at, id"
        ).fetchall()
        self.urls = {page_id: (url, final_url) for page_id, url, final_url in self.answered}
        self.order = {page_id: position for position, (page_id, _, _) in
                      enumerate(self.answered)}
        # Canonical URLs the page walks asked for (a story's page 2, comment pages): those pages
        # are no articles of their own.
        self.walked: set[str] = set()
        # As the walk asks for them: by the URL requested, else the URL answered.
        self.newest: dict[str, int] = {}
        for page_id, url, _ in self.answered:
            self.newest[canonicalize(url)] = page_id
        for page_id, _, final_url in self.answered:
            self.newest.setdefault(canonicalize(final_url), page_id)

    def page(self, page_id: int) -> Page:
        self.read += 1
        return stored_page(self.db.conn, self.db["pages"].get(page_id))

    def newest_at(self, url: str) -> Page | None:
        """The newest page answered at `url`, read as another article's further page."""
        self.walked.add(canonicalize(url))
        page_id = self.newest.get(canonicalize(url))
        return None if page_id is None else self.page(page_id)

    def newest_of(self, urls: Iterable[str], params: Iterable[str]) -> list[int]:
        """The newest answered page of each article among `urls` (folded by article key), in
        the order they were fetched: an article's page before the further pages it lists."""
        keys = {article_key(url, params) for url in urls}
        newest: dict[str, int] = {}
        for page_id, _, final_url in self.answered:  # oldest first: the newest stays
            if (key := article_key(final_url, params)) in keys:
                newest[key] = page_id
        return sorted(newest.values(), key=self.order.__getitem__)

    def was_walked(self, page_id: int) -> bool:
        """Whether the page was read as a further page of an article extracted before."""
        url, final_url = self.urls[page_id]
        return bool({canonicalize(url), canonicalize(final_url)} & self.walked)


def article_pages(archive: Archive, stored: StoredPages) -> tuple[dict[str, int],
                                                                  dict[str, str]]:
    """The newest stored page of each article, by the article's key; and the article key of
    every URL an article was archived or refused under."""
    key = partial(article_key, params=archive.tracking_params)
    owner: dict[str, str] = {}
    for row in archive.db.execute("SELECT key, url FROM articles"):
        owner.update({row[0]: row[0], key(row[1]): row[0]})
    for (url,) in archive.db.execute(f"SELECT DISTINCT url FROM errors WHERE {ANSWERED}"):
        owner.setdefault(key(url), key(url))
    newest: dict[str, int] = {}
    for page_id, url, final_url in stored.answered:  # oldest first: the newest stays
        article = owner.get(key(final_url)) or owner.get(key(url))
        if article is not None:
            newest[article] = page_id
    return newest, owner


def rebuild(stored: StoredPages, page: Page) -> Article | CrawlError:
    """The article as the spider makes it from `page` and its further pages, or why there is
    none."""
    response = response_of(page)
    if reason := not_html(response):
        return CrawlError(url=page.final_url, reason=reason, status=page.status)
    article = extract(text_of(response), response.url)
    walk = PageWalk(article, page.url, page.final_url)
    while (listed := walk.next_page()) is not None:
        further_page = stored.newest_at(listed)
        if further_page is None:  # never answered: the crawl could not read it either
            walk.page_failed(listed)
            continue
        reply = response_of(further_page)
        walk.add_page(listed, reply.url, None if not_html(reply) else text_of(reply))
    if reason := missing_content(article):
        return CrawlError(url=page.final_url, reason=reason, status=page.status)
    return article


def reparse(archive: Archive, url: str | None = None, dry_run: bool = False) -> Report:
    """Reparse every article of the archive (or the one at `url`); `dry_run` writes nothing,
    not even the run, and reports what would change."""
    stored = StoredPages(archive)
    newest, owner = article_pages(archive, stored)
    if url is not None:
        article = owner.get(article_key(url, archive.tracking_params))
        if article not in newest:
            raise CommandError(f"no stored page of an archived article at {url}")
        newest = {article: newest[article]}
    report = Report()
    with recorded_run(archive, SPIDER, {"url": url}, report, record=not dry_run):
        extract_pages(archive, stored, newest.values(), report, dry_run)
    return report


@contextmanager
def recorded_run(archive: Archive, spider: str, arguments: dict, report: Report,
                 record: bool = True) -> Iterator[Report]:
    """A `crawl_runs` row for the work done in the block (none unless `record`): "finished"
    when it ends well, else "failed", with `report.stats()` either way."""
    if record:
        report.run_id = archive.start_run(spider, arguments)
    status = "failed"
    try:
        yield report
        status = "finished"
    finally:
        if report.run_id is not None:
            archive.finish_run(report.run_id, status, report.stats())


def extract_pages(archive: Archive, stored: StoredPages, page_ids: Iterable[int],
                  report: Report, dry_run: bool = False) -> None:
    """Extract the article of each stored page (by id) as the crawl does, its further pages
    read from the archive, and save it (or the reason there is none) into `report`'s run."""
    read_before = stored.read
    try:
        for page_id in page_ids:
            _reparse_one(archive, stored, page_id, report, dry_run)
    finally:
        report.pages_read += stored.read - read_before


def _reparse_one(archive: Archive, stored: StoredPages, page_id: int, report: Report,
                 dry_run: bool) -> None:
    try:
        page = stored.page(page_id)
        found = rebuild(stored, page)
        if isinstance(found, Article):
            _save(archive, found, page.fetched_at, report, dry_run)
            return
        error = found
    except Exception as exception:  # one broken page (a corrupt body) must not stop the rest
        reason = f"reparse failed: {type(exception).__name__}: {exception}"
        logger.debug("page %s: %s", page_id, reason, exc_info=True)
        error = CrawlError(url=stored.urls[page_id][1], reason=reason)
    report.errors.append(error)
    if not dry_run:
        archive.save(errors=[error], run_id=report.run_id)


def _save(archive: Archive, article: Article, fetched_at: str, report: Report,
          dry_run: bool) -> None:
    """Write the article as a crawl would, and tell the report what that changed."""
    key = archive.article_key(article)
    with _transaction(archive.db, commit=not dry_run):
        before = _state(archive.db, key)
        archive.save([article], run_id=report.run_id, seen_at=fetched_at)
        after = _state(archive.db, key)
    if before is None:
        report.added.append(after["canonical_url"])
    elif changes := [name for name in after if before.get(name) != after[name]]:
        report.changed[after["canonical_url"]] = changes
    else:
        report.unchanged += 1


class _RolledBack(Exception):
    pass


@contextmanager
def _transaction(db: sqlite_utils.Database, commit: bool) -> Iterator[None]:
    """One transaction, rolled back at its end unless `commit`: a dry run takes the very path
    of a real one."""
    try:
        with writing(db):
            yield
            if not commit:
                raise _RolledBack
    except _RolledBack:
        pass


def _state(db: sqlite_utils.Database, key: str) -> dict | None:
    """What the archive says of the article archived under `key`: its columns, its comments
    and its credits, without the bookkeeping every write moves."""
    row = next(db["articles"].rows_where("key = ?", [key]), None)
    if row is None:
        return None
    state = {name: value for name, value in row.items() if name not in BOOKKEEPING}
    where = ("article_url = ?", [row["canonical_url"]])
    state["comments"] = [{name: value for name, value in comment.items() if name != "last_seen"}
                         for comment in db["comments"].rows_where(*where, order_by="comment_id")]
    state["attributions"] = list(db["attributions"].rows_where(*where, order_by="source"))
    return state
