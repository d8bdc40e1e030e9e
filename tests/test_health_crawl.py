"""Extraction health end to end: the demo site crawled, then served after a "redesign" that
dropped its bylines, and crawled again; the alert in the archive, the crawl's log and the
`archiver health` / `archiver stats` commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import copy_of, run_crawl

from archiver.archive import Archive
from archiver.dedupe import site_of
from archiver.demo import DemoSite, serve

# What the redesign left out: every place the demo site names an article's author.
BYLINE_MARKUP = (r'<meta property="article:author"[^>]*>', r', "author": \{[^}]*\}',
                 r'<span class="byline">.*?</span></span>', r'<div class="author-box">.*?</div>')


class RedesignedSite(DemoSite):
    """The demo site, whose bylines can be dropped while it is served (a redesign: the pages
    still come, the authors are in none of them)."""

    bylines = True

    def render(self, path: str, base_url: str):
        status, content_type, body = super().render(path, base_url)
        if self.bylines or not content_type.startswith("text/html"):
            return status, content_type, body
        html = body.decode()
        for pattern in BYLINE_MARKUP:
            html = re.sub(pattern, "", html)
        return status, content_type, html.encode()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """Four runs on one archive, all from the same server (a site is its host and port): a
    first crawl, an unchanged recrawl, then without bylines a recrawl of 3 articles (below the
    minimum sample) and a full one. Gives the archive's path, the site and each run's stderr."""
    db = tmp_path_factory.mktemp("health") / "archive.db"
    site = RedesignedSite(DemoSite.load().articles)
    logs = {}
    with serve(site) as base_url:
        start = base_url + site.article_path(site.articles[0])
        logs["first"] = run_crawl(db, start).stderr
        logs["unchanged"] = run_crawl(db, start).stderr
        site.bylines = False
        logs["small"] = run_crawl(db, start, max_articles="3").stderr
        logs["redesigned"] = run_crawl(db, start).stderr
    return db, site_of(start), logs


RUNS = {"first": 1, "unchanged": 2, "small": 3, "redesigned": 4}


def cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *arguments],
                          capture_output=True, text=True, timeout=120)


def alerts_of(db, run: str) -> list[dict]:
    with Archive(db) as archive:
        return list(archive.db["health_alerts"].rows_where("run_id = ?", [RUNS[run]]))


def run_stats(db, run: str) -> dict:
    with Archive(db) as archive:
        return json.loads(archive.db["crawl_runs"].get(RUNS[run])["stats"])


def test_each_run_records_its_figures_per_site(crawls):
    db, site, _ = crawls
    with Archive(db) as archive:
        rows = {row["run_id"]: row for row in archive.db["site_health"].rows}
    assert set(rows) == {1, 2, 3, 4} and {row["site"] for row in rows.values()} == {site}
    articles = len(DemoSite.load().articles)
    assert [rows[run]["articles"] for run in (1, 2, 3, 4)] == [articles, articles, 3, articles]
    assert [rows[run]["missing_authors"] for run in (1, 2, 3, 4)] == [0, 0, 3, articles]
    assert rows[1]["missing_published"] == rows[1]["missing_title"] == 0
    assert rows[1]["median_words"] > 100 and rows[1]["with_comments"] > 0


@pytest.mark.parametrize("run", ["first", "unchanged", "small"])
def test_a_first_crawl_an_unchanged_recrawl_and_a_small_run_raise_no_alert(crawls, run):
    db, _, logs = crawls
    assert alerts_of(db, run) == []
    assert "extraction health" not in logs[run]
    assert run_stats(db, run)["archiver/health_alerts"] == 0


def test_bylines_gone_from_a_full_recrawl_raise_an_authors_alert(crawls):
    db, site, logs = crawls
    articles = len(DemoSite.load().articles)
    [alert] = alerts_of(db, "redesigned")
    message = (f"extraction health: {site}: authors missing on {articles} of {articles} "
               f"articles this run (was 0 of {articles})")
    assert {key: alert[key] for key in ("site", "measure", "now", "before", "articles_now",
                                        "articles_before", "message")} == {
        "site": site, "measure": "authors", "now": 1.0, "before": 0.0,
        "articles_now": articles, "articles_before": articles, "message": message}
    # Compared with run 2, not with the small run 3 (too few articles to be a history).
    assert f"WARNING: {message}" in logs["redesigned"]
    assert run_stats(db, "redesigned")["archiver/health_alerts"] == 1


def test_archiver_health_lists_the_alert_and_fails_for_cron(crawls):
    db, site, _ = crawls
    result = cli("health", "--db", str(db), "--fail")
    assert result.returncode == 1, result.stderr
    first, summary = result.stdout.splitlines()
    assert first.startswith("run 4  ") and first.endswith(f"{site}: authors missing on 15 of 15 "
                                                          "articles this run (was 0 of 15)")
    assert summary == "1 extraction health alert; the last run (4) raised 1."
    assert cli("health", "--db", str(db)).returncode == 0  # without --fail, a report
    listed = json.loads(cli("health", "--db", str(db), "--json", "--since", "4").stdout)
    assert [(alert["run_id"], alert["measure"]) for alert in listed] == [(4, "authors")]
    assert json.loads(cli("health", "--db", str(db), "--json", "--since", "5").stdout) == []
    assert len(json.loads(cli("health", "--db", str(db), "--json", "--since", "1d").stdout)) == 1


def test_archiver_stats_shows_the_last_run_s_alerts(crawls):
    db, site, _ = crawls
    result = cli("stats", "--db", str(db), "--json")
    [alert] = json.loads(result.stdout)["health_alerts"]
    assert (alert["run_id"], alert["site"], alert["measure"]) == (4, site, "authors")
    text = cli("stats", "--db", str(db)).stdout
    assert f"Extraction health alerts of run 4:\n  {alert['message']}" in text


def test_archiver_health_of_an_archive_without_alerts_passes(crawls, tmp_path):
    db = copy_of(crawls[0], tmp_path)
    with Archive(db) as archive:  # as it was before the redesign: runs 1 and 2
        archive.db.execute("DELETE FROM health_alerts")
        archive.db.execute("DELETE FROM site_health WHERE run_id > 2")
    result = cli("health", "--db", str(db), "--fail")
    assert result.returncode == 0 and result.stdout == (
        "0 extraction health alerts; the last run raised none.\n")


def test_archiver_health_errors_are_one_line(tmp_path):
    missing = tmp_path / "missing.db"
    result = cli("health", "--db", str(missing))
    assert result.returncode == 1
    assert result.stderr.strip() == f"archiver health: error: no archive at {missing}"
    assert not missing.exists()
    refused = cli("health", "--db", str(missing), "--since", "yesterday")
    assert refused.returncode == 2 and "must be a run id (12) or a number of days (7d)" in (
        refused.stderr)
