"""`archiver warc export` and `archiver warc import`: the `pages` table as a WARC file, the
archivists' interchange format (read by pywb, OpenWayback, warcio, the Internet Archive's
tools), and a WARC from any crawler read back into an archive.

Export (WARC/1.1, each record its own gzip member, so tools can seek to any record):

- one `warcinfo` record first: the software and its version, the format, the archive's name;
- per `pages` row, oldest first, a `request` record (a GET of the URL) and a `response` record
  (`WARC-Concurrent-To` links them, as warcio and pywb's recorder write them), `WARC-Date` the
  row's `fetched_at`, the HTTP status line, the stored headers and the stored body. The body is
  stored decoded (Scrapy undid gzip and chunking), so `Content-Encoding` and
  `Transfer-Encoding` are dropped and `Content-Length` is the body's length;
- a page that was redirected (`final_url` differs from `url`) is two captures, as wget, Heritrix
  and Browsertrix write a redirect: a `request`/`response` pair for `url` whose response is a
  `302 Found` with `Location: final_url` and no body, then the pair for `final_url` with the
  stored response. The archive keeps only the final response, so the redirect's own status
  and headers are reconstructed (marked by the extension field `WARC-Archiver-Reconstructed`);
  pywb replays `url` as that redirect to `final_url`;
- a page whose bytes an earlier exported page has (the same `sha256`: a recrawl found it
  unchanged) is a `revisit` record instead of a response, profile
  `http://netpreserve.org/warc/1.1/revisit/identical-payload-digest` (the spec's URI, as
  warcio writes it), with `WARC-Refers-To-Target-URI` and `WARC-Refers-To-Date` of that page's
  response record and the HTTP headers, without the body. Empty bodies are never revisits.

Digests are SHA-256 in warcio's notation, `sha256:` and the digest in base32
(`WARC-Payload-Digest`, `WARC-Block-Digest`); a payload digest is the SHA-256 of the stored
body, the `pages.sha256` column in base32. The export streams: one page's body in memory at a
time, the earlier page a revisit refers to found by a query, not a table in memory. It is
written beside its destination and renamed into place when whole (`-`: standard output).

Import reads any WARC (gzip per record, or not) and stores each `response` record of an HTML
page (status 200, `text/html` or `application/xhtml+xml`) as a `pages` row, its body decoded
(chunked, gzip, brotli) as the crawl stores it; a `revisit` record is the page of the response
whose payload digest (or else target URI and date) it refers to, with that response's bytes;
a redirect's target keeps the URL first requested as its `url`. Everything else (requests,
`warcinfo`, `metadata`, other statuses and types) is skipped and counted. A page the archive
holds already (the same `url`, `sha256` and `fetched_at`) is not stored again, so importing a
WARC twice changes nothing the second time. The articles are then extracted from the newest
stored page of each imported URL as `archiver reparse` does (`reparse.extract_pages`), in one
`crawl_runs` row with spider `warc-import`.

A damaged WARC (a record cut short, a length that does not match, a broken gzip member) stops
the import at that record with an error naming its offset in the file; the pages read before it
are kept and their articles extracted (the run is recorded as failed). Import the repaired
file again: only the rest is added.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import sys
import zlib
from base64 import b32decode, b32encode
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from importlib.metadata import version
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

from .archive import Archive
from .dedupe import article_key
from .errors import CommandError
from .export import refuse_the_archive, replaced_on_success
from .items import Page
from .reparse import Report, StoredPages, extract_pages, recorded_run

SPIDER = "warc-import"  # its runs' name in `crawl_runs`
EXTRA = "warc"  # the pip extra that installs warcio
HTML_TYPES = ("text/html", "application/xhtml+xml")
# The stored body is decoded: these headers described the bytes on the wire, not it (and
# `Content-Length` is set to the body's length).
WIRE_HEADERS = ("Content-Encoding", "Transfer-Encoding")
RECONSTRUCTED = "WARC-Archiver-Reconstructed"
BATCH = 50  # pages written per transaction, as the crawl's pipeline writes them
# An empty body is no payload to refer to: never a revisit.
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def require_warcio() -> None:
    """A one-line error naming the extra to install when warcio is missing (it is imported
    where it is used, after this check)."""
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise CommandError(f"WARC files need warcio: pip install -e '.[{EXTRA}]'") from None


# Export -------------------------------------------------------------------------------------

@dataclass
class ExportReport:
    responses: int = 0
    revisits: int = 0
    redirects: int = 0


def export_warc(archive: Archive, output: str, url: str | None = None) -> ExportReport:
    """Write every stored response of `archive` (or those fetched at `url`, any form of it) to
    the WARC file `output` ("-": standard output)."""
    require_warcio()
    pages = _PageRows(archive, url)
    if url is not None and not pages.count():
        raise CommandError(f"no stored page at {url}")
    if output == "-":
        return _write_warc(archive, pages, sys.stdout.buffer, None)
    refuse_the_archive(archive.db, output)
    with replaced_on_success(Path(output), binary=True) as stream:
        return _write_warc(archive, pages, stream, Path(output).name)


class _PageRows:
    """The `pages` rows to export, oldest first, without their bodies."""

    COLUMNS = "id, url, final_url, status, headers, fetched_at, sha256"

    def __init__(self, archive: Archive, url: str | None):
        self.db = archive.db
        self.where, self.params = "1", {}
        if url is not None:
            params = archive.tracking_params
            self.db.conn.create_function("archiver_key", 1,
                                         lambda text: article_key(text, params),
                                         deterministic=True)
            self.where = "(archiver_key(url) = :key OR archiver_key(final_url) = :key)"
            self.params = {"key": article_key(url, params)}

    def count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM pages WHERE {self.where}",
                               self.params).fetchone()[0]

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.db.execute(f"SELECT {self.COLUMNS} FROM pages WHERE {self.where}"
                                    " ORDER BY fetched_at, id", self.params))

    def first_with(self, sha256: str, fetched_at: str, page_id: int) -> tuple | None:
        """(final URL, fetched at) of the page exported before this one with the same
        bytes: the response record a revisit refers to."""
        return self.db.execute(
            f"SELECT final_url, fetched_at FROM pages WHERE sha256 = :sha256 AND {self.where}"
            " AND (fetched_at, id) < (:fetched_at, :id) ORDER BY fetched_at, id LIMIT 1",
            {**self.params, "sha256": sha256, "fetched_at": fetched_at, "id": page_id}
        ).fetchone()


def _write_warc(archive: Archive, pages: _PageRows, stream: IO[bytes],
                filename: str | None) -> ExportReport:
    from warcio.utils import Digester
    from warcio.warcwriter import WARCWriter

    class Writer(WARCWriter):
        # warcio digests with SHA-1 by default; the archive knows its bodies by SHA-256.
        @staticmethod
        def _create_digester():
            return Digester("sha256")

    writer = Writer(stream, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record(filename, {
        "software": f"news-archiver/{version('news-archiver')} (warcio/{version('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                      "warc-format/warc-1.1/",
        "isPartOf": archive.path.name,
        "description": "the pages table of a news-archiver archive",
    }))
    report = ExportReport()
    for page_id, url, final_url, status, headers, fetched_at, sha256 in pages:
        date = _warc_date(fetched_at)
        if final_url != url:
            _write_redirect(writer, url, final_url, date)
            report.redirects += 1
        original = pages.first_with(sha256, fetched_at, page_id)
        if original is not None and sha256 != EMPTY_SHA256:
            length = _body_length(archive, page_id, sha256)
            http = _response_headers(status, json.loads(headers), length)
            response = writer.create_revisit_record(
                final_url, _payload_digest(sha256), original[0], _warc_date(original[1]),
                http_headers=http, warc_headers_dict={"WARC-Date": date})
            report.revisits += 1
        else:
            body = _body(archive, page_id)
            http = _response_headers(status, json.loads(headers), len(body))
            response = writer.create_warc_record(
                final_url, "response", payload=io.BytesIO(body), length=len(body),
                http_headers=http, warc_headers_dict={"WARC-Date": date})
            report.responses += 1
        writer.write_request_response_pair(_request(writer, final_url, date), response)
    return report


def _body(archive: Archive, page_id: int) -> bytes:
    blob, sha256 = archive.db.execute("SELECT body, sha256 FROM pages WHERE id = ?",
                                      [page_id]).fetchone()
    return _read_body(archive, page_id, blob, sha256)


def _body_length(archive: Archive, page_id: int, sha256: str) -> int:
    return len(_read_body(archive, page_id, None, sha256))


def _read_body(archive: Archive, page_id: int, blob: bytes | None, sha256: str) -> bytes:
    """A stored body, or a one-line error naming the page whose body is damaged (the export
    stops: a WARC missing a response would pass for whole)."""
    try:
        return archive.page_body({"body": blob, "sha256": sha256})
    except (zlib.error, TypeError) as error:  # TypeError: no row holds the bytes
        raise CommandError(f"page {page_id}: its stored body cannot be read ({error})"
                           ) from None


def _payload_digest(sha256: str) -> str:
    """The stored body's SHA-256 (hex in `pages`) as warcio writes a digest."""
    return "sha256:" + b32encode(bytes.fromhex(sha256)).decode("ascii")


def _warc_date(fetched_at: str) -> str:
    """`fetched_at` (ISO 8601, any offset) as a WARC 1.1 date: UTC, to the microsecond."""
    moment = datetime.fromisoformat(fetched_at).astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"


def _response_headers(status: int, headers: dict[str, list[str]], length: int):
    """The stored response's status line and headers, for its stored (decoded) body."""
    from warcio.statusandheaders import StatusAndHeaders

    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    kept = [(name, value) for name, values in headers.items()
            if name.title() not in WIRE_HEADERS for value in values]
    http = StatusAndHeaders(f"{status} {reason}", kept, protocol="HTTP/1.1")
    http.replace_header("Content-Length", str(length))  # in its place, if the server sent it
    return http


def _request(writer, url: str, date: str):
    """The GET the crawl sent for `url` (its own headers are not stored: only the Host)."""
    from warcio.statusandheaders import StatusAndHeaders

    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    http = StatusAndHeaders(f"GET {target} HTTP/1.1", [("Host", parts.netloc)],
                            is_http_request=True)
    return writer.create_warc_record(url, "request", http_headers=http,
                                     warc_headers_dict={"WARC-Date": date})


def _write_redirect(writer, url: str, final_url: str, date: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders("302 Found", [("Location", final_url), ("Content-Length", "0")],
                            protocol="HTTP/1.1")
    response = writer.create_warc_record(
        url, "response", payload=io.BytesIO(b""), length=0, http_headers=http,
        warc_headers_dict={"WARC-Date": date,
                           RECONSTRUCTED: "redirect: only the final response was stored"})
    writer.write_request_response_pair(_request(writer, url, date), response)


# Import -------------------------------------------------------------------------------------

@dataclass
class ImportReport(Report):
    """What an import read and stored, and the articles it extracted (`Report`'s counts)."""

    records: int = 0
    pages_imported: int = 0
    already_archived: int = 0
    skipped: Counter = field(default_factory=Counter)  # why -> how many records

    def stats(self) -> dict[str, int]:
        return {"records": self.records, "pages_imported": self.pages_imported,
                "already_archived": self.already_archived,
                "records_skipped": sum(self.skipped.values()), **super().stats()}


class DamagedWarc(Exception):
    def __init__(self, offset: int, reason: str):
        super().__init__(f"damaged WARC record at offset {offset}: {reason}")
        self.offset = offset


def check_is_warc(path: Path) -> None:
    """A file that is no WARC is refused before anything is written."""
    if not path.is_file():
        raise CommandError(f"no WARC file at {path}")
    try:
        with open(path, "rb") as stream:
            start = stream.read(2)
            stream.seek(0)
            head = (gzip.GzipFile(fileobj=stream).read(5) if start == b"\x1f\x8b"
                    else stream.read(5))
    except (OSError, EOFError, zlib.error):
        head = b""
    if head != b"WARC/":
        raise CommandError(f"{path} is not a WARC file (it does not begin with a WARC record)")


def import_warc(archive: Archive, path: Path) -> ImportReport:
    """Store the HTML responses of the WARC at `path` as pages of `archive` and extract their
    articles; see the module's docstring."""
    require_warcio()
    check_is_warc(path)
    report = ImportReport()
    with recorded_run(archive, SPIDER, {"warc": str(path)}, report):
        importer = _Importer(archive, report)
        damage = None
        try:
            importer.read(path)
        except DamagedWarc as error:
            damage = error
        finally:
            importer.flush()
        if report.pages_imported:  # else the archive held every page: nothing changes
            stored = StoredPages(archive)
            pages = stored.newest_of(importer.imported_urls, archive.tracking_params)
            # An article's comment pages are read by its walk, not extracted as articles.
            extract_pages(archive, stored, (page_id for page_id in pages
                                            if not stored.was_walked(page_id)), report)
        if damage is not None:
            raise CommandError(f"{path}: {damage}; the {report.pages_imported} pages read "
                               "before it were imported") from None
    return report


class _Importer:
    def __init__(self, archive: Archive, report: ImportReport):
        self.archive = archive
        self.report = report
        self.pending: list[Page] = []
        self.pending_keys: set[tuple[str, str, str]] = set()
        self.imported_urls: set[str] = set()
        # Payload digest as the WARC writes it -> the stored body's sha256, for revisits.
        self.digests: dict[str, str] = {}
        # A redirect's target -> the URL requested, so a page keeps the URL first asked for.
        self.redirected_from: dict[str, str] = {}

    def read(self, path: Path) -> None:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
        from warcio.statusandheaders import StatusAndHeadersParserException

        damage = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, EOFError,
                  ValueError, zlib.error)
        # warcio prints a warning of several lines for a record whose length is wrong; it is
        # turned into the one-line error below.
        with open(path, "rb") as stream, contextlib.redirect_stderr(io.StringIO()):
            records = ArchiveIterator(stream)
            iterator = iter(records)
            while True:
                offset = records.offset  # where the next record begins
                try:
                    record = next(iterator, None)
                    if record is None:
                        return
                    self.report.records += 1
                    page = self._page_of(record)
                    records.read_to_end()
                except damage as error:
                    raise DamagedWarc(offset, _reason(error)) from None
                # A record is stored only when it was read whole.
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise DamagedWarc(offset, "the record is cut short")
                if records.err_count:
                    raise DamagedWarc(offset, "its length does not match its content")
                if page is not None:
                    self._add(page)

    def _page_of(self, record) -> Page | None:
        """The page a record holds, or None (and why, counted) when it holds none."""
        kind = record.rec_type
        http = record.http_headers
        if kind not in ("response", "revisit") or http is None:
            self.report.skipped[kind or "unknown"] += 1
            return None
        url = record.rec_headers.get_header("WARC-Target-URI")
        status = int(http.get_statuscode() or 0)
        if 300 <= status < 400 and (location := http.get_header("Location")):
            self.redirected_from[urljoin(url, location)] = url
        media_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
        if status != 200:
            self.report.skipped[f"status {status}"] += 1
            return None
        if media_type not in HTML_TYPES:
            self.report.skipped["not HTML"] += 1
            return None
        if kind == "revisit":
            body = self._revisited(record)
            if body is None:
                self.report.skipped["revisit of a page not found"] += 1
                return None
        else:
            body = record.content_stream().read()
            if digest := record.rec_headers.get_header("WARC-Payload-Digest"):
                self.digests[digest] = _sha256(body)
        return Page(url=self._first_requested(url), final_url=url, status=status,
                    headers=_stored_headers(http.headers, len(body)), body=body,
                    fetched_at=_fetched_at(record.rec_headers.get_header("WARC-Date")))

    def _add(self, page: Page) -> None:
        key = (page.url, _sha256(page.body), page.fetched_at)
        known = key in self.pending_keys or self.archive.db.execute(
            "SELECT 1 FROM pages WHERE url = ? AND sha256 = ? AND fetched_at = ? LIMIT 1",
            key).fetchone()
        # Its article is extracted again with the new pages: one of its comment pages may be.
        self.imported_urls.add(page.final_url)
        if known:
            self.report.already_archived += 1
            return
        self.pending.append(page)
        self.pending_keys.add(key)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.archive.save(pages=self.pending, run_id=self.report.run_id)
            self.report.pages_imported += len(self.pending)
        self.pending, self.pending_keys = [], set()

    def _revisited(self, record) -> bytes | None:
        """The bytes of the response a revisit record refers to: by its payload digest (of a
        response in this file, or a SHA-256 the archive knows), else by target URI and date."""
        headers = record.rec_headers
        digest = headers.get_header("WARC-Payload-Digest") or ""
        sha256 = self.digests.get(digest) or _sha256_of_digest(digest)
        if sha256 is None and (uri := headers.get_header("WARC-Refers-To-Target-URI")):
            date = headers.get_header("WARC-Refers-To-Date")
            row = self.archive.db.execute(
                "SELECT sha256 FROM pages WHERE final_url = ? AND body IS NOT NULL"
                " ORDER BY fetched_at = ? DESC, fetched_at DESC LIMIT 1",
                [uri, _fetched_at(date) if date else ""]).fetchone()
            sha256 = row and row[0]
        if sha256 is None:
            return None
        pending = next((page.body for page in self.pending if _sha256(page.body) == sha256),
                       None)
        if pending is not None:
            return pending
        if not self.archive.db.execute("SELECT 1 FROM pages WHERE sha256 = ? AND body IS NOT"
                                       " NULL LIMIT 1", [sha256]).fetchone():
            return None
        return self.archive.page_body({"body": None, "sha256": sha256})

    def _first_requested(self, url: str) -> str:
        seen = {url}
        while (source := self.redirected_from.get(url)) and source not in seen:
            seen.add(source)
            url = source
        return url


def _fetched_at(warc_date: str) -> str:
    """A WARC date as the archive writes times: UTC, ISO 8601 to the millisecond."""
    from warcio.timeutils import iso_date_to_datetime

    return iso_date_to_datetime(warc_date).replace(tzinfo=UTC).isoformat(timespec="milliseconds")


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _sha256_of_digest(digest: str) -> str | None:
    """The hex SHA-256 of a `sha256:` digest, base32 (warcio's) or hex; None for another."""
    kind, _, value = digest.partition(":")
    if kind.lower() not in ("sha256", "sha-256"):
        return None
    if len(value) == 64:
        return value.lower()
    try:
        return b32decode(value.upper()).hex()
    except ValueError:
        return None


def _stored_headers(headers: list[tuple[str, str]], length: int) -> dict[str, list[str]]:
    """HTTP headers as the crawl stores them: names as Scrapy writes them, values listed, the
    body's length for the one on the wire and no encoding (the body is stored decoded)."""
    stored: dict[str, list[str]] = {}
    for name, value in headers:
        name = name.title()
        if name == "Content-Length":
            stored[name] = [str(length)]
        elif name not in WIRE_HEADERS:
            stored.setdefault(name, []).append(value)
    return stored


def _reason(error: Exception) -> str:
    """What went wrong, on one short line of plain characters (a damaged record's "first
    line" is often binary)."""
    text = "".join(char if char.isascii() and char.isprintable() else " " for char in
                   str(error))
    text = " ".join(text.split()) or type(error).__name__
    return text if len(text) <= 100 else text[:97] + "..."
