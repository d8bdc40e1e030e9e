"""Crawl speed on a long chain: a generated news site of N articles served on 127.0.0.1,
walked from its middle article in both directions by `scrapy crawl chain` (its own process,
as a scheduled run does) into a fresh archive; then the same crawl again (a full recrawl), and
an incremental one (`-a incremental=true`, as an hourly cron run with nothing new). Prints, for
each run, seconds, articles of the chain per second, the crawl process's peak memory and the
archive's size.

    python benchmarks/long_chain.py                  # 1,000 articles
    python benchmarks/long_chain.py --articles 5000 --comments 20
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from archiver.demo import DemoSite, serve  # noqa: E402
from archiver.demo.site import DemoComment  # noqa: E402


def generated_site(articles: int, comments: int, seed: int = 7) -> DemoSite:
    """`articles` articles of distinct texts (words of the demo site's, shuffled, so no two are
    near copies), each with `comments` comments, one hour apart."""
    demo = DemoSite.load()
    rng = random.Random(seed)
    words = " ".join(p for a in demo.articles for p in a.paragraphs).split()
    start = datetime(2020, 1, 1, 8)

    def paragraph() -> str:
        return " ".join(rng.choices(words, k=rng.randint(40, 90))).capitalize() + "."

    generated = []
    for number in range(articles):
        model = demo.articles[number % len(demo.articles)]
        published = start + timedelta(hours=number)
        generated.append(replace(
            model, slug=f"story-{number}", title=f"{model.title} ({number})",
            published=published.isoformat() + "+00:00", prev=None, next=None,
            paragraphs=[paragraph() for _ in range(rng.randint(5, 12))],
            comments=[DemoComment(id=number * 1000 + i, author=f"Reader {i}",
                                  published=(published + timedelta(minutes=i)).isoformat()
                                  + "+00:00", text=paragraph(), parent=None)
                      for i in range(comments)],
            comments_provider=None, comments_per_page=0))
    return DemoSite(generated)


def crawl(db: Path, start_url: str, *arguments: str) -> tuple[float, float]:
    """Seconds and the crawl process's peak memory in MiB."""
    command = [sys.executable, "-m", "scrapy", "crawl", "chain", "-a", f"start_url={start_url}",
               *arguments,
               "-s", f"ARCHIVE_DB={db}", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "ROBOTSTXT_OBEY=False", "-s", "LOG_LEVEL=WARNING"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "archiver.settings"}
    started = time.perf_counter()
    subprocess.run(command, cwd=PROJECT, env=env, check=True)
    elapsed = time.perf_counter() - started
    # Linux reports kilobytes, of the largest child so far: the recrawl shows the larger of both.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=5, help="comments per article")
    args = parser.parse_args(argv)
    site = generated_site(args.articles, args.comments)
    middle = site.articles[len(site.articles) // 2]
    with tempfile.TemporaryDirectory() as folder, serve(site) as base_url:
        db = Path(folder) / "archive.db"
        print(f"{args.articles} articles, {args.comments} comments each, "
              f"from the middle both ways")
        print("| run | seconds | articles/s | peak MiB | archive MiB |")
        print("|---|---:|---:|---:|---:|")
        runs = {"first crawl": (), "full recrawl": (), "incremental": ("-a", "incremental=true")}
        for run, arguments in runs.items():
            elapsed, peak = crawl(db, base_url + site.article_path(middle), *arguments)
            size = sum(f.stat().st_size for f in Path(folder).iterdir()) / 2**20
            print(f"| {run} | {elapsed:.1f} | {args.articles / elapsed:.1f} | {peak:.0f} "
                  f"| {size:.1f} |", flush=True)


if __name__ == "__main__":
    main()
