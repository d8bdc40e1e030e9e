"""Near-duplicate index benchmark: fill an archive with synthetic articles, time the checks.

Fills a fresh archive (``archiver.archive.Archive``: the real schema, WAL mode) with synthetic
articles of 300 to 600 words through ``NearDuplicateIndex.add``, up to each size in turn
(100,000 then 1,000,000 by default), and at each size prints:

* the fill: articles per second, overall and for the ``add`` calls alone;
* the checks: ``query(text)`` on a mix of near copies of archived articles and fresh texts,
  median and 99th percentile milliseconds per check, split into ``signature(text)`` and
  ``query(signature)``, with how many near copies were found and how many fresh texts matched;
* ``add`` and ``remove`` of single articles inside a transaction (what the crawler pays);
* the size on disk: the file, and each index table's pages (``dbstat``).

    python benchmarks/near_duplicates.py [--sizes 100000,1000000] [--queries 1000]
                                         [--db PATH] [--workers N] [--batch N] [--seed N]

While filling, signatures are computed in worker processes from each article's word list
(``signature_of_words``: ``signature(text)`` without the text normalisation, which for these
texts gives the same signature, as the script checks and prints) and stored by
``add(url, signature)`` in the main process. The checks and the single writes use the full
``query(text)`` / ``add(url, text)``. Nothing is asserted: it prints figures. See
``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import sqlite_utils

PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from archiver.archive import Archive  # noqa: E402
from archiver.dedupe import NearDuplicateIndex, shingle_hashes  # noqa: E402

INDEX_TABLES = ("minhash_signatures", "sqlite_autoindex_minhash_signatures_1", "minhash_bands",
                "minhash_meta")
FILL_CACHE_KIB = 1_500_000  # SQLite page cache while filling: one batch's dirty pages fit
SPAN = 1_000  # articles per worker task


# --- Synthetic articles ---------------------------------------------------------------------


class Corpus:
    """Deterministic synthetic articles: article `i` is the same text on every run and in
    every process. Words come from a fixed vocabulary of made-up words with Zipf-like
    frequencies (a few very common words, a long tail), in sentences of 8 to 25 words with
    capitals, commas and full stops, in paragraphs of 3 to 6 sentences."""

    SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ou",
                                                              "ai", "an", "er", "in", "or")]

    def __init__(self, seed: int, size: int = 30_000) -> None:
        self.seed = seed
        rng = np.random.RandomState(seed)
        words: dict[str, None] = {}
        while len(words) < size:
            count = 1 + rng.poisson(1.2)
            words["".join(rng.choice(self.SYLLABLES, count))] = None
        self.vocabulary = list(words)
        weights = 1.0 / (np.arange(size) + 2.7)
        self.cdf = np.cumsum(weights / weights.sum())
        self.cdf[-1] = 1.0

    def words(self, rng: np.random.Generator, count: int) -> list[str]:
        vocabulary = self.vocabulary
        return [vocabulary[k] for k in np.searchsorted(self.cdf, rng.random(count)).tolist()]

    def compose(self, rng: np.random.Generator, words: list[str]) -> str:
        paragraphs, sentences, start = [], [], 0
        lengths = rng.integers(8, 26, size=len(words) // 8 + 1).tolist()
        breaks = rng.integers(3, 7, size=len(lengths)).tolist()
        commas = rng.random(len(lengths)).tolist()
        for length, paragraph_break, comma in zip(lengths, breaks, commas, strict=True):
            sentence = words[start:start + length]
            if not sentence:
                break
            start += length
            sentence[0] = sentence[0].capitalize()
            if comma < 0.5 and len(sentence) > 6:
                sentence[len(sentence) // 2] += ","
            sentences.append(" ".join(sentence) + ".")
            if len(sentences) >= paragraph_break:
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    def article_words(self, i: int, stream: int = 0) -> list[str]:
        """The words of article `i` of `stream` (0: archived articles, 1: fresh texts), in
        lower case: what `shingle_words` gives for its text."""
        rng = np.random.default_rng([self.seed, stream, i])
        return self.words(rng, int(rng.integers(300, 601)))

    def text(self, i: int, stream: int = 0) -> str:
        """Article `i` of `stream`: its words in sentences and paragraphs."""
        layout = np.random.default_rng([self.seed, stream, i, 1])
        return self.compose(layout, self.article_words(i, stream))

    def near_copy(self, i: int) -> str:
        """Archived article `i` as syndicated: a paragraph of 6 % more words added somewhere in
        the middle and its last 2 % of words rewritten (Jaccard about 0.85 to 0.9)."""
        words = self.text(i).split(" ")
        rng = np.random.default_rng([self.seed, 2, i])
        ending = self.words(rng, max(3, len(words) * 2 // 100))
        kept = words[:len(words) - len(ending)]
        cut = int(rng.integers(len(kept) // 4, 3 * len(kept) // 4))
        extra = self.compose(rng, self.words(rng, max(10, len(words) * 6 // 100)))
        return " ".join([*kept[:cut], f"\n\n{extra}\n\n", *kept[cut:], *ending]) + "."


# --- Workers ------------------------------------------------------------------------------

_worker: tuple[Corpus, NearDuplicateIndex] | None = None


def _start_worker(seed: int) -> None:
    global _worker
    _worker = (Corpus(seed), NearDuplicateIndex(sqlite_utils.Database(memory=True)))


def _signatures(span: tuple[int, int]) -> list[tuple[int, bytes | None]]:
    """Signatures of articles span[0]..span[1]-1, from their words (see `check_fill_path`)."""
    assert _worker is not None
    corpus, index = _worker
    return [(i, index.signature_of_words(corpus.article_words(i))) for i in range(*span)]


def check_fill_path(corpus: Corpus, samples: int = 200) -> None:
    """The fill signs each article's word list (`signature_of_words`), skipping the text's
    normalisation; show that this is the signature of the article's text."""
    index = NearDuplicateIndex(sqlite_utils.Database(memory=True))
    same = sum(index.signature(corpus.text(i)) == index.signature_of_words(
        corpus.article_words(i)) for i in range(samples))
    print(f"fill path: signature_of_words(words) == signature(text) for {same}/{samples}"
          " sampled articles")


def article_url(i: int) -> str:
    return f"https://news.example/{i % 97}/article-{i}"


# --- Measurements -------------------------------------------------------------------------


def milliseconds(seconds: list[float]) -> tuple[float, float]:
    """(median, 99th percentile) in milliseconds."""
    values = np.array(seconds) * 1000
    return float(np.median(values)), float(np.percentile(values, 99))


def fill(db: sqlite_utils.Database, start: int, stop: int, seed: int, workers: int,
         batch: int, progress: bool) -> tuple[float, float]:
    """Add articles start..stop-1, `batch` per transaction; (wall seconds, seconds in add)."""
    index = NearDuplicateIndex(db)
    spans = [(i, min(i + SPAN, stop)) for i in range(start, stop, SPAN)]
    began, in_add, done = time.perf_counter(), 0.0, start
    with signature_stream(spans, seed, workers) as stream:
        pending = 0
        db.begin()
        for results in stream:
            t0 = time.perf_counter()
            for i, signature in results:
                if signature is not None:
                    index.add(article_url(i), signature)
            pending += len(results)
            done += len(results)
            if pending >= batch or done == stop:
                db.commit()
                pending = 0
                if done < stop:
                    db.begin()
            in_add += time.perf_counter() - t0
            if progress and done % 50_000 < SPAN:
                rate = (done - start) / (time.perf_counter() - began)
                print(f"  filled {done:,} ({rate:,.0f} articles/s)", file=sys.stderr, flush=True)
        db.commit()
    return time.perf_counter() - began, in_add


@contextlib.contextmanager
def signature_stream(spans: list[tuple[int, int]], seed: int, workers: int
                     ) -> Iterator[Iterator[list[tuple[int, bytes | None]]]]:
    """Signature batches in order, from a process pool (or in-process with 0 workers)."""
    if workers <= 0:
        _start_worker(seed)
        yield map(_signatures, spans)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = context.Pool(workers, initializer=_start_worker, initargs=(seed,))
    try:
        yield pool.imap(_signatures, spans)
    finally:
        pool.terminate()
        pool.join()


def check_queries(db: sqlite_utils.Database, corpus: Corpus, size: int, count: int,
                  seed: int) -> None:
    """Time `count` checks, half near copies of archived articles, half fresh texts."""
    index = NearDuplicateIndex(db)
    rng = np.random.default_rng([seed, 3, size])
    copies = rng.choice(size, count // 2, replace=False).tolist()
    fresh = rng.choice(10**9, count - len(copies), replace=False).tolist()
    texts = [(corpus.near_copy(i), article_url(i)) for i in copies]
    texts += [(corpus.text(i, stream=1), None) for i in fresh]
    order = rng.permutation(len(texts)).tolist()
    texts = [texts[k] for k in order]
    for text, _ in texts[:10]:  # warm-up: imports, caches; not counted
        index.query(text)

    total, found, wrong = [], 0, 0
    for text, expected in texts:
        t0 = time.perf_counter()
        matches = index.query(text)
        total.append(time.perf_counter() - t0)
        if expected is None:
            wrong += bool(matches)
        else:
            found += any(url == expected for url, _ in matches)
    signing, looking = [], []
    for text, _ in texts:
        t0 = time.perf_counter()
        signature = index.signature(text)
        t1 = time.perf_counter()
        index.query(signature)
        signing.append(t1 - t0)
        looking.append(time.perf_counter() - t1)

    similarities = []
    for i in copies[:200]:
        a, b = set(shingle_hashes(corpus.text(i)).tolist()), set(
            shingle_hashes(corpus.near_copy(i)).tolist())
        similarities.append(len(a & b) / len(a | b))
    median, p99 = milliseconds(total)
    print(f"checks: {len(texts):,} query(text) calls ({len(copies):,} near copies of archived"
          f" articles, {len(fresh):,} fresh texts)")
    print(f"  query(text):      median {median:.2f} ms, p99 {p99:.2f} ms")
    median, p99 = milliseconds(signing)
    print(f"  signature(text):  median {median:.2f} ms, p99 {p99:.2f} ms")
    median, p99 = milliseconds(looking)
    print(f"  query(signature): median {median:.2f} ms, p99 {p99:.2f} ms")
    print(f"  near copies found: {found:,}/{len(copies):,} (true Jaccard of the first"
          f" {len(similarities)}: min {min(similarities):.3f}, median"
          f" {float(np.median(similarities)):.3f}); fresh texts matched: {wrong:,}/{len(fresh):,}")


def check_writes(db: sqlite_utils.Database, corpus: Corpus, count: int = 200) -> None:
    """add(url, text) and remove(url) of single articles inside one open transaction."""
    index = NearDuplicateIndex(db)
    texts = [(f"https://news.example/written/{i}", corpus.text(10**9 + i, stream=1))
             for i in range(count)]
    adds, removes = [], []
    with db.atomic():
        for url, text in texts:
            t0 = time.perf_counter()
            index.add(url, text)
            adds.append(time.perf_counter() - t0)
    with db.atomic():
        for url, _ in texts:
            t0 = time.perf_counter()
            index.remove(url)
            removes.append(time.perf_counter() - t0)
    add, add99 = milliseconds(adds)
    remove, remove99 = milliseconds(removes)
    print(f"writes: add(url, text) median {add:.2f} ms (p99 {add99:.2f}); remove(url) median"
          f" {remove:.2f} ms (p99 {remove99:.2f}); {count} each, in one transaction")


def report_size(db: sqlite_utils.Database, path: Path, size: int) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    file_bytes = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    try:
        rows = db.execute("SELECT name, sum(pgsize), sum(unused) FROM dbstat"
                          " WHERE aggregate = TRUE GROUP BY name").fetchall()
    except Exception:  # dbstat not compiled in: page counts only
        rows = []
    by_table = {name: (pages, unused) for name, pages, unused in rows}
    index_bytes = sum(by_table.get(name, (0, 0))[0] for name in INDEX_TABLES)
    print(f"disk: file {file_bytes / 1e6:,.1f} MB; index tables {index_bytes / 1e6:,.1f} MB"
          f" ({100 * index_bytes / file_bytes:.1f} % of the file,"
          f" {index_bytes / size:,.0f} bytes/article)")
    for name in INDEX_TABLES:
        if name in by_table:
            pages, unused = by_table[name]
            print(f"  {name:<40} {pages / 1e6:9,.1f} MB  ({100 * unused / max(pages, 1):.0f} %"
                  " unused space in its pages)")


# --- Main ---------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="archive sizes to fill up to and measure, comma-separated")
    parser.add_argument("--queries", type=int, default=1000, help="checks timed at each size")
    parser.add_argument("--db", type=Path, help="archive file to create and keep (must not "
                        "exist); default a temporary file, deleted afterwards")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes computing signatures while filling (0: in-process)")
    parser.add_argument("--batch", type=int, default=100_000,
                        help="articles per transaction while filling")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic articles")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(size.replace("_", "")) for size in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes: not a list of integers: {args.sizes}")
    if not args.sizes or args.sizes[0] < 1 or args.queries < 2:
        parser.error("--sizes must be positive and --queries at least 2")
    if args.db is not None and args.db.exists():
        parser.error(f"--db: {args.db} exists; the benchmark fills a fresh archive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="near-duplicates-") as folder:
        path = args.db or Path(folder) / "archive.db"
        corpus = Corpus(args.seed)
        check_fill_path(corpus)
        filled = 0
        for size in args.sizes:
            archive = Archive(path)
            db = archive.db
            db.execute(f"PRAGMA cache_size = -{FILL_CACHE_KIB}")
            NearDuplicateIndex(db)  # creates the tables
            print(f"\n## {size:,} articles\n", flush=True)
            seconds, in_add = fill(db, filled, size, args.seed, args.workers, args.batch,
                                   not args.quiet)
            added = size - filled
            print(f"fill: {added:,} articles added in {seconds:,.1f} s ({added / seconds:,.0f}"
                  f" articles/s; {args.workers} signature workers); add(url, signature) alone:"
                  f" {in_add:,.1f} s ({added / in_add:,.0f} articles/s), {args.batch:,} per"
                  " transaction")
            filled = size
            archive.close()

            archive = Archive(path)  # as the next run opens it: default page cache
            check_queries(archive.db, corpus, size, args.queries, args.seed)
            check_writes(archive.db, corpus)
            report_size(archive.db, path, size)
            archive.close()
        if args.db is not None:
            print(f"\nkept {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
