"""The `archiver` command. Every subcommand takes `--db PATH`."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from . import browse as browsing
from .archive import Archive, open_existing
from .errors import CommandError
from .export import FORMATS as EXPORT_FORMATS
from .export import TABLES as EXPORT_TABLES
from .health import FIELDS as HEALTH_FIELDS


def run_chain_crawl(db: str, start_url: str, **settings) -> None:
    """Run the `chain` spider in this process, as `scrapy crawl chain` would."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from spiders.chain import ChainSpider

    project = Settings()
    project.setmodule("archiver.settings", priority="project")
    project.setdict({"ARCHIVE_DB": db, **settings}, priority="cmdline")
    process = CrawlerProcess(project)
    process.crawl(ChainSpider, start_url=start_url)
    process.start()


def demo(args: argparse.Namespace) -> int:
    from .demo import DemoSite, serve

    site = DemoSite.load()
    middle = site.articles[len(site.articles) // 2]
    with serve(site) as base_url:
        start_url = base_url + site.article_path(middle)
        print(f"Serving the demo news site at {base_url}/")
        print(f"Crawling its article chain from {start_url}")
        started = time.perf_counter()
        # Our own loopback server: no need to throttle.
        run_chain_crawl(args.db, start_url, AUTOTHROTTLE_ENABLED=False,
                        LOG_LEVEL=args.log_level)
        elapsed = time.perf_counter() - started
    with Archive(args.db) as archive:
        print_summary(archive, elapsed)
    return 0


def print_summary(archive: Archive, elapsed: float) -> None:
    db = archive.db
    run = next(db["crawl_runs"].rows_where(order_by="id desc", limit=1), None)
    comments = db["comments"].count
    sources = Counter(row["source"] for row in db["attributions"].rows)
    print(f"\nArchived {db['articles'].count} articles and {comments} comments into "
          f"{archive.path} in {elapsed:.1f}s (run {run['id']}: {run['status']}, "
          f"{run['errors']} errors).")
    if sources:
        print("Attribution sources: " + ", ".join(f"{name} ({count} articles)"
                                                 for name, count in sources.most_common()))
    for number, chain in enumerate(archive.chains(), start=1):
        print(f"\nChain {number}, oldest to newest:")
        for position, row in enumerate(chain, start=1):
            print(f"  {position:2}. {row['title']}  <{row['canonical_url']}>")
    print(f"\nSearch it:  archiver search Japan --db {archive.path}")
    print(f"Its figures: archiver stats --db {archive.path}")
    print(f"Browse it:  pip install -e '.[browse]' && archiver browse --db {archive.path}")


def search(args: argparse.Namespace) -> int:
    from .search import Filters
    from .search import search as search_archive

    filters = Filters(site=args.site, since=args.since, until=args.until, author=args.author,
                      source=args.source, language=args.language)
    with open_existing(args.db) as archive:
        hits, searched = search_archive(archive.db, args.query, args.limit,
                                        comments=args.comments, filters=filters)
    if searched != args.query:
        print(f"archiver search: not FTS5 syntax, searched as its words: {searched}",
              file=sys.stderr)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=2))
        return 0
    for hit in hits:
        if args.comments:
            print(f"{hit['author'] or '(no name)'}, {hit['published'] or 'undated'}, on "
                  f"{hit['article_title']}\n  <{hit['article_url']}>"
                  + ("  (removed)" if hit["removed_at"] else ""))
        else:
            byline = ", ".join(hit["authors"]) or "no author"
            print(f"{hit['title']}\n  <{hit['canonical_url']}>  {hit['published'] or 'undated'}"
                  f"  {byline}" + (f"  (copy of <{hit['copy_of']}>)" if hit["copy_of"] else ""))
        print(f"  {hit['snippet']}\n")
    kind = "comment" if args.comments else "article"
    print(f"{len(hits)} {kind}{' matches' if len(hits) == 1 else 's match'} {args.query!r}"
          + (f" (the first {args.limit})" if len(hits) == args.limit else "") + ".")
    return 0


def export(args: argparse.Namespace) -> int:
    from .export import export as export_table

    with open_existing(args.db) as archive:
        count = export_table(archive.db, args.table, args.format, args.output)
    if args.output != "-":
        print(f"Wrote {count} {args.table} to {args.output} ({args.format}).")
    return 0


def stats(args: argparse.Namespace) -> int:
    from .stats import COUNTED
    from .stats import stats as archive_stats

    with open_existing(args.db) as archive:
        figures = archive_stats(archive.db)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    counts = [*COUNTED, "comments_removed"]
    print(f"{archive.path}: " + ", ".join(f"{figures[name]} {name.replace('_', ' ')}"
                                          for name in counts))
    print(f"Published from {figures['published']['first']} to {figures['published']['last']}")
    for title, key in (("Sources", "top_sources"), ("Authors", "top_authors"),
                       ("Languages", "languages"), ("Sections", "top_sections"),
                       ("Publishers", "publishers")):
        if figures[key]:
            print(f"{title}: " + ", ".join(f"{name} ({count})" for name, count in figures[key]))
    print("\nSites (share of articles missing a title / body / authors / published date / "
          "language):")
    for site in figures["sites"]:
        print(f"  {site['site']}: {site['articles']} articles; missing "
              + " / ".join(f"{site['missing_' + field]:.0%}" for field in HEALTH_FIELDS))
    print("\nLast runs:")
    for run in figures["last_runs"]:
        print(f"  {run['id']}  {run['spider']}  {run['started']}  {run['status']}  "
              f"{run['articles']} articles, {run['errors']} errors")
    if figures["health_alerts"]:
        print(f"\nExtraction health alerts of run {figures['health_alerts'][0]['run_id']}:")
        for alert in figures["health_alerts"]:
            print(f"  {alert['message']}")
    return 0


def health(args: argparse.Namespace) -> int:
    from .stats import health_alerts, last_run_alerts

    since_run, days = args.since if args.since else (None, None)
    with open_existing(args.db) as archive:
        alerts = health_alerts(archive.db, since_run=since_run, days=days)
        failing = last_run_alerts(archive.db)
    if args.json:
        print(json.dumps(alerts, ensure_ascii=False, indent=2))
    else:
        for alert in alerts:
            print(f"run {alert['run_id']}  {alert['at']}  {alert['message']}")
        print(f"{len(alerts)} extraction health alert{'' if len(alerts) == 1 else 's'}"
              + (f"; the last run ({failing[0]['run_id']}) raised {len(failing)}." if failing
                 else "; the last run raised none."))
    return 1 if args.fail and failing else 0


def since_value(text: str) -> tuple[int | None, float | None]:
    """`--since`: a run id (`12`: that run and later) or a number of days (`7d`), for argparse;
    gives (run id, days)."""
    number = text.removesuffix("d")
    if not number.isdigit():
        raise argparse.ArgumentTypeError(f"must be a run id (12) or a number of days (7d), "
                                         f"got {text!r}")
    return (None, int(number)) if text.endswith("d") else (int(number), None)


def reparse(args: argparse.Namespace) -> int:
    from .reparse import reparse as reparse_archive

    with open_existing(args.db) as archive:
        report = reparse_archive(archive, url=args.url, dry_run=args.dry_run)
    print_articles(report)
    print("Dry run: nothing written." if args.dry_run else f"Recorded as run {report.run_id}.")
    return 0


def print_articles(report) -> None:
    """What a `reparse.Report` says of the articles: one line per article added or changed
    and per page that gave none, then their counts."""
    for url in report.added:
        print(f"added    {url}")
    for url, changes in report.changed.items():
        print(f"changed  {url}  ({', '.join(changes)})")
    for error in report.errors:
        print(f"error    {error.url}  {error.reason}")
    articles = len(report.added) + len(report.changed) + report.unchanged
    print(f"Read {report.pages_read} pages: {articles} articles, {len(report.added)} added, "
          f"{len(report.changed)} changed, {report.unchanged} unchanged; "
          f"{len(report.errors)} errors.")


def warc_export(args: argparse.Namespace) -> int:
    from .warc import export_warc, require_warcio

    require_warcio()
    with open_existing(args.db) as archive:
        report = export_warc(archive, args.output, url=args.url)
    if args.output != "-":
        print(f"Wrote {report.responses} responses, {report.revisits} revisits and "
              f"{report.redirects} redirects to {args.output}.")
    return 0


def warc_import(args: argparse.Namespace) -> int:
    from .warc import check_is_warc, import_warc, require_warcio

    require_warcio()
    check_is_warc(Path(args.warc))
    # Like a crawl, an import makes the archive when there is none; an existing file must be
    # an archive.
    opened = open_existing(args.db) if Path(args.db).exists() else Archive(args.db)
    with opened as archive:
        report = import_warc(archive, Path(args.warc))
    skipped = ", ".join(f"{count} {why}" for why, count in report.skipped.most_common())
    print(f"Read {report.records} records: {report.pages_imported} pages imported, "
          f"{report.already_archived} already archived; skipped {report.skipped.total()}"
          + (f" ({skipped})." if skipped else "."))
    print_articles(report)
    print(f"Recorded as run {report.run_id}.")
    return 0


def browse(args: argparse.Namespace) -> int:
    open_existing(args.db).close()  # an archive, at the current schema (its `site` column)
    app = browsing.app_for(Path(args.db), args.port)
    print(f"Serving {args.db} in Datasette at http://{browsing.HOST}:{args.port}/ "
          "(Ctrl-C to stop)", flush=True)
    browsing.serve(app, args.port)
    return 0


def port_number(text: str) -> int:
    """A TCP port to listen on, 1-65535 (for argparse)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, got {text!r}")
    return port


def day(text: str) -> str:
    """A `YYYY-MM-DD` day, for the date filters."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {text!r}") from None


def positive_number(text: str) -> int:
    """A whole number of at least 1 (for argparse)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {text!r}")
    return int(text)


def default_db() -> str:
    """The archive a subcommand opens without `--db`: as the `ARCHIVE_DB` setting names it."""
    return os.environ.get("ARCHIVE_DB") or "archive.db"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archiver", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    # Every subcommand takes the same `--db`.
    with_db = argparse.ArgumentParser(add_help=False)
    with_db.add_argument("--db", default=default_db(),
                         help="archive file (default: $ARCHIVE_DB, else archive.db)")

    demo_parser = commands.add_parser(
        "demo", parents=[with_db],
        help="serve the bundled demo news site on 127.0.0.1 and archive its chain")
    demo_parser.add_argument("--log-level", default="WARNING", help="Scrapy log level")
    demo_parser.set_defaults(handler=demo)

    search_parser = commands.add_parser(
        "search", parents=[with_db], help="full-text search of the articles (or comments)")
    search_parser.add_argument("query", help="words, or FTS5 syntax: \"a phrase\", a OR b, pre*")
    search_parser.add_argument("--limit", type=positive_number, default=20,
                               help="at most this many hits (default: 20)")
    search_parser.add_argument("--comments", action="store_true",
                               help="search the comments instead of the articles")
    search_parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    search_parser.add_argument("--site", help="only this site: its host (and a port other "
                               "than 80 / 443), e.g. news.example")
    search_parser.add_argument("--since", type=day, help="published on or after this day "
                               "(YYYY-MM-DD; a comment: written)")
    search_parser.add_argument("--until", type=day, help="published on or before this day")
    search_parser.add_argument("--author", help="by this author (the whole name)")
    search_parser.add_argument("--source", help="crediting this source, e.g. \"DEA News\"")
    search_parser.add_argument("--language", help="in this language (e.g. de: also de-AT)")
    search_parser.set_defaults(handler=search)

    export_parser = commands.add_parser(
        "export", parents=[with_db], help="write a table as JSON Lines, CSV or Parquet")
    export_parser.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                               help="parquet needs the 'export' extra (pyarrow)")
    export_parser.add_argument("--output", required=True,
                               help="file to write (jsonl and csv: - for standard output)")
    export_parser.add_argument("--table", choices=EXPORT_TABLES, default="articles",
                               help="the table to write (default: articles)")
    export_parser.set_defaults(handler=export)

    stats_parser = commands.add_parser(
        "stats", parents=[with_db], help="what the archive holds, per-site extraction health")
    stats_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats_parser.set_defaults(handler=stats)

    health_parser = commands.add_parser(
        "health", parents=[with_db],
        help="the extraction health alerts crawl runs raised, newest first")
    health_parser.add_argument("--since", type=since_value, metavar="RUN_ID|DAYSd",
                               help="only the alerts of this run and later (12), or of the "
                                    "last days (7d)")
    health_parser.add_argument("--json", action="store_true", help="print the alerts as JSON")
    health_parser.add_argument("--fail", action="store_true",
                               help="exit with status 1 when the last run raised alerts")
    health_parser.set_defaults(handler=health)

    reparse_parser = commands.add_parser(
        "reparse", parents=[with_db],
        help="re-run the extraction over the stored pages and update the archive")
    reparse_parser.add_argument("--url", help="reparse only the article at this URL")
    reparse_parser.add_argument("--dry-run", action="store_true",
                                help="report what would change, write nothing")
    reparse_parser.set_defaults(handler=reparse)

    warc_parser = commands.add_parser(
        "warc", help="write the stored responses as a WARC file, or read one into the archive "
                     "(needs the 'warc' extra)")
    warc_commands = warc_parser.add_subparsers(dest="warc_command", required=True)
    warc_export_parser = warc_commands.add_parser(
        "export", parents=[with_db], help="every stored response as a WARC file (gzip per record)")
    warc_export_parser.add_argument("--output", required=True,
                                    help="file to write, e.g. news.warc.gz (- for standard output)")
    warc_export_parser.add_argument("--url", help="only the responses fetched at this URL")
    warc_export_parser.set_defaults(handler=warc_export)
    warc_import_parser = warc_commands.add_parser(
        "import", parents=[with_db],
        help="store a WARC's HTML responses as pages and extract their articles")
    warc_import_parser.add_argument("warc", help="the WARC file (.warc or .warc.gz)")
    warc_import_parser.set_defaults(handler=warc_import)

    browse_parser = commands.add_parser(
        "browse", parents=[with_db],
        help="serve the archive in Datasette on 127.0.0.1 (needs the 'browse' extra)")
    browse_parser.add_argument("--port", type=port_number, default=browsing.DEFAULT_PORT,
                               help=f"port to serve on (default: {browsing.DEFAULT_PORT})")
    browse_parser.set_defaults(handler=browse)

    args = parser.parse_args(argv)
    if args.command == "search" and args.comments and args.source is not None:
        search_parser.error("--source: comments credit no source; it searches articles only")
    command = " ".join(filter(None, (args.command, getattr(args, "warc_command", None))))
    try:
        return args.handler(args)
    except CommandError as error:
        print(f"archiver {command}: error: {error}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as error:  # a damaged file, a lock held past the busy timeout
        print(f"archiver {command}: error: {args.db}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `archiver export --output - ... | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
