"""Extraction-quality benchmark: our extractor against trafilatura on real pages.

Runs both extractors on every page of the shared corpora (see ``../shared/corpora/README.md``)
in one process and prints, per corpus, a Markdown table of body precision / recall / F1,
title, author and date accuracy, comment figures and the median time per page.

    python benchmarks/extraction.py [CORPUS_DIR ...] [--limit N] [--json PATH] [--worst K]
                                    [--only ours|trafilatura|both] [--extractor MODULE:FUNC]

See ``benchmarks/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import importlib.util
import json
import logging
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"
DEFAULT_EXTRACTOR = "archiver.extract:extract"
PLACEHOLDER_URL = "https://example.invalid/"
SHINGLE_N = 4
EXTRACTORS = ("ours", "trafilatura")

# --------------------------------------------------------------------------------------------
# Metrics: small pure functions (tested in tests/test_benchmark_metrics.py)
# --------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+")
_WS_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_EDGE_CHARS = " \t\n,;:.|·•-–—/()[]\"'“”‘’«»"

Counts = tuple[float, float, float]  # (tp, fp, fn)


def tokenise(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of ``text``, case kept (article-extraction-benchmark tokeniser)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """Multiset of the ``n``-token shingles of ``text``.

    A text with fewer than ``n`` tokens (but at least one) is a single shorter shingle, as in
    the article-extraction-benchmark; an empty text has none.
    """
    tokens = tokenise(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_counts(truth: str | None, predicted: str | None, n: int = SHINGLE_N) -> Counts:
    """Per-page (tp, fp, fn) over shingle multisets, normalised to sum to 1 (0s when empty)."""
    true_sh, pred_sh = shingles(truth, n), shingles(predicted, n)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if not total:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def page_prf(counts: Counts) -> tuple[float | None, float | None, float]:
    """Precision, recall and F1 of one page's (tp, fp, fn).

    Precision is None when nothing was predicted (tp + fp == 0), recall None when there was
    nothing to find (tp + fn == 0): such pages are left out of that average. F1 is
    2tp / (2tp + fp + fn), 0 when tp == 0 and 1 for an empty page with an empty prediction.
    """
    tp, fp, fn = counts
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    denominator = 2 * tp + fp + fn
    f1 = 2 * tp / denominator if denominator > 0 else 1.0
    return precision, recall, f1


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def macro_prf(pages: Iterable[Counts]) -> tuple[float, float, float]:
    """Article-extraction-benchmark aggregate: precision averaged over pages with tp + fp > 0,
    recall over pages with tp + fn > 0, F1 of the two averages (an empty average is 0)."""
    precisions: list[float] = []
    recalls: list[float] = []
    for counts in pages:
        precision, recall, _ = page_prf(counts)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return precision, recall, f1_score(precision, recall)


def normalise_ws(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS_RE.sub(" ", text or "").strip()


def snippet_found(snippet: str, text: str | None) -> bool:
    """Whether ``snippet`` occurs in ``text``, both whitespace-normalised."""
    return normalise_ws(snippet) in normalise_ws(text)


def count_found(snippets: Sequence[str], text: str | None) -> int:
    """How many of ``snippets`` occur (whitespace-normalised) in ``text``."""
    haystack = normalise_ws(text)
    return sum(1 for snippet in snippets if normalise_ws(snippet) in haystack)


def snippet_counts(text: str | None, with_: Sequence[str], without: Sequence[str]) -> Counts:
    """Per-page (tp, fp, fn) on snippet truth: ``with`` found = tp, ``with`` missing = fn,
    ``without`` found = fp (trafilatura's evaluation)."""
    tp = count_found(with_, text)
    fp = count_found(without, text)
    return (float(tp), float(fp), float(len(with_) - tp))


def micro_prf(pages: Iterable[Counts]) -> tuple[float, float, float]:
    """Micro-averaged precision, recall and F1: the counts of all pages summed first."""
    tp = fp = fn = 0.0
    for page_tp, page_fp, page_fn in pages:
        tp, fp, fn = tp + page_tp, fp + page_fp, fn + page_fn
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return precision, recall, f1_score(precision, recall)


def title_match(predicted: str | None, truth: str) -> bool:
    """Exact title match after whitespace collapse (a missing prediction never matches)."""
    return predicted is not None and normalise_ws(predicted) == normalise_ws(truth)


def normalise_name(name: str) -> str:
    """An author name for comparison: NFKC, case-folded, whitespace collapsed, surrounding
    punctuation stripped ("  Jane   DOE, " -> "jane doe")."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return normalise_ws(folded).strip(_NAME_EDGE_CHARS)


def author_set(names: Iterable[str]) -> set[str]:
    """The set of normalised, non-empty author names."""
    return {normalised for name in names if (normalised := normalise_name(name))}


def authors_match(predicted: Iterable[str], truth: Iterable[str]) -> bool:
    """Strict author accuracy: the normalised name sets are equal."""
    return author_set(predicted) == author_set(truth)


def authors_found(predicted: Iterable[str], truth: Iterable[str]) -> int:
    """Soft author figure: how many truth names occur, as whole words, in the predicted names
    (normalised and joined), so "Jane Doe" is found in ["Jane Doe, Reuters"] too."""
    joined = " ; ".join(sorted(author_set(predicted)))
    return sum(
        1
        for name in author_set(truth)
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", joined) is not None
    )


def date_key(value: object) -> str | None:
    """The ``YYYY-MM-DD`` day of a date, datetime or ISO-like string; None otherwise."""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, str):
        match = _DATE_RE.match(value.strip())
        return match.group(0) if match else None
    return None


def date_match(predicted: object, truth: object) -> bool:
    """Same calendar day (the time of day and time zone are ignored)."""
    truth_day = date_key(truth)
    return truth_day is not None and date_key(predicted) == truth_day


def weighted_mean(values_and_weights: Iterable[tuple[float, int]]) -> float | None:
    """Weighted mean of (value, weight) pairs; None when the weights sum to 0."""
    pairs = list(values_and_weights)
    total = sum(weight for _, weight in pairs)
    return sum(value * weight for value, weight in pairs) / total if total else None


def rate(hits: int, total: int) -> float | None:
    """hits / total, None when total is 0."""
    return hits / total if total else None


# --------------------------------------------------------------------------------------------
# Corpora and decoding
# --------------------------------------------------------------------------------------------


class CorpusError(Exception):
    """A folder is not a corpus, or no corpus was found."""


@dataclass
class Page:
    id: str
    file: Path
    url: str | None
    truth: dict[str, Any]


@dataclass
class Corpus:
    name: str
    path: Path
    method: str  # "shingles" (full-text truth) or "snippets" (with / without truth)
    pages: list[Page]


def decode_html(raw: bytes) -> str:
    """Decode page bytes as a Scrapy TextResponse without headers would: UTF-8 when the bytes
    are valid UTF-8, else by BOM / declared charset (w3lib), else cp1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from w3lib.encoding import html_to_unicode

    def auto_detect(body: bytes) -> str | None:
        for encoding in ("utf-8", "cp1252"):
            try:
                body.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
        return None

    _, text = html_to_unicode(None, raw, auto_detect_fun=auto_detect)
    return text


def is_corpus(path: Path) -> bool:
    return (path / "truth.jsonl").is_file() and (path / "pages").is_dir()


SNIPPET_FIELDS = ("with", "without", "comments_with")


def without_blank_snippets(row: dict[str, Any]) -> dict[str, Any]:
    """A truth row without empty snippets: an empty string is "found" in any text, so it
    would count as found, and as leaked, for every extractor alike."""
    for name in SNIPPET_FIELDS:
        if isinstance(row.get(name), list):
            row[name] = [s for s in row[name] if not isinstance(s, str) or s.strip()]
    return row


def load_corpus(path: Path, limit: int | None = None) -> Corpus:
    """Read a corpus folder's truth.jsonl (the pages themselves are read lazily)."""
    if not is_corpus(path):
        raise CorpusError(f"{path} is not a corpus folder (needs truth.jsonl and pages/)")
    rows: list[dict[str, Any]] = []
    with (path / "truth.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rows.append(without_blank_snippets(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}/truth.jsonl line {number}: {exc}") from exc
    if not rows:
        raise CorpusError(f"{path}/truth.jsonl holds no pages")
    if all(isinstance(row.get("body"), str) for row in rows):
        method = "shingles"
    elif all(isinstance(row.get("with"), list) for row in rows):
        method = "snippets"
    else:
        raise CorpusError(f"{path}: every truth row needs a 'body' text or a 'with' list")
    if limit is not None:
        rows = rows[:limit]
    pages = [
        Page(
            id=str(row.get("id", row["file"])),
            file=path / row["file"],
            url=row.get("url"),
            truth=row,
        )
        for row in rows
    ]
    return Corpus(name=path.name, path=path, method=method, pages=pages)


def find_corpora(paths: Sequence[Path], limit: int | None) -> list[Corpus]:
    if paths:
        return [load_corpus(path, limit) for path in paths]
    if not DEFAULT_CORPORA.is_dir():
        raise CorpusError(f"no corpus found: {DEFAULT_CORPORA} does not exist")
    folders = sorted(p for p in DEFAULT_CORPORA.iterdir() if is_corpus(p))
    if not folders:
        raise CorpusError(f"no corpus found under {DEFAULT_CORPORA}")
    return [load_corpus(folder, limit) for folder in folders]


# --------------------------------------------------------------------------------------------
# Running the extractors
# --------------------------------------------------------------------------------------------


@dataclass
class Extraction:
    """What an extractor returned for one page, reduced to the compared fields."""

    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: object = None
    comments: str = ""
    ms: float = 0.0
    error: str | None = None


def _comment_text(comment: object) -> str:
    if isinstance(comment, str):
        return comment
    if isinstance(comment, dict):
        return str(comment.get("text") or "")
    return str(getattr(comment, "text", "") or "")


def _as_names(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(name) for name in value if name]
    return [str(value)]


def load_function(spec: str) -> Callable[[bytes, str], Any]:
    """``package.module:function`` or ``path/to/file.py:function``."""
    module_name, _, function_name = spec.partition(":")
    function_name = function_name or "extract"
    if module_name.endswith(".py"):
        module_spec = importlib.util.spec_from_file_location(Path(module_name).stem, module_name)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load {module_name}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        if str(PROJECT_ROOT) not in sys.path:
            sys.path.insert(0, str(PROJECT_ROOT))
        module = importlib.import_module(module_name)
    function = getattr(module, function_name)
    if not callable(function):
        raise ImportError(f"{spec} is not callable")
    return function


def run_ours(extract: Callable[[bytes, str], Any], raw: bytes, url: str) -> Extraction:
    """Our extractor gets the raw bytes (it decodes itself); only the call is timed."""
    start = time.perf_counter()
    try:
        article = extract(raw, url)
    except Exception as exc:  # any failure: an empty result, reported
        return Extraction(ms=(time.perf_counter() - start) * 1000, error=_describe(exc))
    ms = (time.perf_counter() - start) * 1000
    if article is None:
        return Extraction(ms=ms)
    try:
        return Extraction(
            body=getattr(article, "body", None) or "",
            title=getattr(article, "title", None),
            authors=_as_names(getattr(article, "authors", None)),
            published=getattr(article, "published", None),
            comments="\n\n".join(
                _comment_text(c) for c in (getattr(article, "comments", None) or [])
            ),
            ms=ms,
        )
    except Exception as exc:  # a malformed result counts as empty
        return Extraction(ms=ms, error=_describe(exc))


def run_trafilatura(html: str, url: str, include_comments: bool = False) -> Extraction:
    """trafilatura's default extraction plus its metadata, in one call.

    ``bare_extraction(..., with_metadata=True)`` parses once and gives the body, the comments
    and title / author / date; the body, NFC-normalised and stripped, is exactly what
    ``trafilatura.extract(html, url=url, output_format="txt", include_comments=False)``
    returns (checked on every page of both corpora). Only the call is timed.
    """
    import trafilatura

    start = time.perf_counter()
    try:
        document = trafilatura.bare_extraction(
            html, url=url, include_comments=include_comments, with_metadata=True
        )
    except Exception as exc:  # any failure: an empty result, reported
        return Extraction(ms=(time.perf_counter() - start) * 1000, error=_describe(exc))
    ms = (time.perf_counter() - start) * 1000
    if document is None:
        return Extraction(ms=ms)

    def text(value: str | None) -> str:
        return unicodedata.normalize("NFC", value or "").strip()

    author = getattr(document, "author", None) or ""
    return Extraction(
        body=text(document.text),
        title=getattr(document, "title", None),
        authors=[name for name in (part.strip() for part in author.split(";")) if name],
        published=getattr(document, "date", None),
        comments=text(getattr(document, "comments", None)) if include_comments else "",
        ms=ms,
    )


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass
class PageScore:
    """One extractor's figures on one page (None: the truth has no such field)."""

    id: str
    file: str
    counts: Counts
    precision: float | None
    recall: float | None
    f1: float
    ms: float
    empty: bool
    error: str | None = None
    title_ok: bool | None = None
    authors_ok: bool | None = None
    authors_found: int = 0
    authors_total: int = 0
    date_ok: bool | None = None
    comment_snippets: int = 0
    comments_found: int = 0
    comments_leaked: int = 0
    comments_leaked_default: int = 0  # comment snippets in the body of the main run


def truth_date(truth: dict[str, Any]) -> object:
    for key in ("date", "published", "date_published"):
        if truth.get(key):
            return truth[key]
    return None


def score_page(
    page: Page,
    method: str,
    result: Extraction,
    comment_result: Extraction | None = None,
) -> PageScore:
    """Score ``result`` against the page's truth; ``comment_result`` is the run whose comment
    and body parts give the comment figures (defaults to ``result``)."""
    truth = page.truth
    if method == "shingles":
        counts = shingle_counts(truth["body"], result.body)
    else:
        counts = snippet_counts(result.body, truth["with"], truth.get("without") or [])
    precision, recall, f1 = page_prf(counts)
    score = PageScore(
        id=page.id,
        file=page.file.name,
        counts=counts,
        precision=precision,
        recall=recall,
        f1=f1,
        ms=result.ms,
        empty=not result.body.strip(),
        error=result.error,
    )
    if truth.get("title"):
        score.title_ok = title_match(result.title, truth["title"])
    truth_authors = _as_names(truth.get("authors"))
    if author_set(truth_authors):
        score.authors_ok = authors_match(result.authors, truth_authors)
        score.authors_found = authors_found(result.authors, truth_authors)
        score.authors_total = len(author_set(truth_authors))
    if date_key(truth_date(truth)) is not None:
        score.date_ok = date_match(result.published, truth_date(truth))
    snippets = truth.get("comments_with") or []
    if snippets:
        source = comment_result or result
        score.comment_snippets = len(snippets)
        score.comments_found = count_found(snippets, source.comments)
        score.comments_leaked = count_found(snippets, source.body)
        score.comments_leaked_default = count_found(snippets, result.body)
    return score


def summarise(method: str, scores: list[PageScore]) -> dict[str, Any]:
    """Per-corpus figures of one extractor."""
    counts = [s.counts for s in scores]
    precision, recall, f1 = macro_prf(counts) if method == "shingles" else micro_prf(counts)
    titles = [s.title_ok for s in scores if s.title_ok is not None]
    authors = [s for s in scores if s.authors_ok is not None]
    dates = [s.date_ok for s in scores if s.date_ok is not None]
    commented = [s for s in scores if s.comment_snippets]
    snippets = sum(s.comment_snippets for s in commented)
    return {
        "pages": len(scores),
        "body_method": method,
        "body_precision": precision,
        "body_recall": recall,
        "body_f1": f1,
        "title_pages": len(titles),
        "title_exact": rate(sum(titles), len(titles)),
        "author_pages": len(authors),
        "author_exact": rate(sum(bool(s.authors_ok) for s in authors), len(authors)),
        "author_names": sum(s.authors_total for s in authors),
        "author_names_found": rate(
            sum(s.authors_found for s in authors), sum(s.authors_total for s in authors)
        ),
        "date_pages": len(dates),
        "date_exact": rate(sum(dates), len(dates)),
        "comment_pages": len(commented),
        "comment_snippets": snippets,
        "comments_found": rate(sum(s.comments_found for s in commented), snippets),
        "comments_leaked": rate(sum(s.comments_leaked for s in commented), snippets),
        "comments_leaked_default": rate(
            sum(s.comments_leaked_default for s in commented), snippets
        ),
        "median_ms": statistics.median(s.ms for s in scores) if scores else None,
        "total_s": sum(s.ms for s in scores) / 1000,
        "errors": sum(1 for s in scores if s.error),
        "empty_bodies": sum(1 for s in scores if s.empty),
    }


@dataclass
class CorpusRun:
    corpus: Corpus
    scores: dict[str, list[PageScore]]
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_page(page: Page) -> tuple[bytes, str, str]:
    """The page's raw bytes, its decoded text and the URL to give the extractors."""
    try:
        raw = gzip.decompress(page.file.read_bytes())
    except (OSError, EOFError) as exc:
        raise CorpusError(f"{page.file}: cannot read the page ({_describe(exc)})") from exc
    return raw, decode_html(raw), page.url or PLACEHOLDER_URL


def iter_pages(corpus: Corpus) -> Iterator[tuple[Page, bytes, str, str]]:
    for page in corpus.pages:
        yield page, *read_page(page)


def warm_up(page: Page, which: Sequence[str], ours: Callable[[bytes, str], Any] | None) -> None:
    """One unscored call of each extractor, so that lazy imports and caches filled on a first
    call are not charged to the first page timed."""
    raw, html, url = read_page(page)
    if "ours" in which and ours is not None:
        run_ours(ours, raw, url)
    if "trafilatura" in which:
        run_trafilatura(html, url)
        run_trafilatura(html, url, include_comments=True)


def run_corpus(
    corpus: Corpus,
    which: Sequence[str],
    ours: Callable[[bytes, str], Any] | None,
    progress: bool = True,
) -> CorpusRun:
    scores: dict[str, list[PageScore]] = {name: [] for name in which}
    total = len(corpus.pages)
    for number, (page, raw, html, url) in enumerate(iter_pages(corpus), 1):
        if "ours" in which and ours is not None:
            scores["ours"].append(score_page(page, corpus.method, run_ours(ours, raw, url)))
        if "trafilatura" in which:
            result = run_trafilatura(html, url)
            comment_run = None
            if page.truth.get("comments_with"):
                comment_run = run_trafilatura(html, url, include_comments=True)
            scores["trafilatura"].append(score_page(page, corpus.method, result, comment_run))
        if progress and (number % 50 == 0 or number == total):
            print(f"  {corpus.name}: {number}/{total} pages", file=sys.stderr, flush=True)
    run = CorpusRun(corpus=corpus, scores=scores)
    run.figures = {
        name: summarise(corpus.method, page_scores) for name, page_scores in scores.items()
    }
    return run


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], left: frozenset[int] = frozenset({0})
) -> str:
    """A Markdown table padded to line up in a terminal; columns in ``left`` are left-aligned,
    the others (figures) right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(widths[i]) if i in left else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "".join(
        "|" + ("-" * (width + 2) if i in left else "-" * (width + 1) + ":")
        for i, width in enumerate(widths)
    )
    return "\n".join([line(header), rule + "|", *(line(row) for row in rows)])


def corpus_table(run: CorpusRun) -> str:
    names = list(run.figures)
    figures = [run.figures[name] for name in names]
    first = figures[0]
    method = (
        "4-token shingles, page-averaged"
        if run.corpus.method == "shingles"
        else ("with/without snippets, micro-averaged")
    )

    def row(label: str, key: str, digits: int = 3) -> list[str]:
        return [label, *(fmt(f[key], digits) for f in figures)]

    rows = [
        row("body precision", "body_precision"),
        row("body recall", "body_recall"),
        row("body F1", "body_f1"),
        row(f"title exact match ({first['title_pages']} pages)", "title_exact"),
        row(f"authors exact set ({first['author_pages']} pages)", "author_exact"),
        row(f"author names found ({first['author_names']} names)", "author_names_found"),
        row(f"date, same day ({first['date_pages']} pages)", "date_exact"),
    ]
    if first["comment_snippets"]:
        label = f"{first['comment_snippets']} snippets, {first['comment_pages']} pages"
        rows += [
            row(f"comments found in comments ({label})", "comments_found"),
            row("comments leaked into body", "comments_leaked"),
            row("comments leaked into body, comments off", "comments_leaked_default"),
        ]
    rows += [
        row("median ms / page", "median_ms", 1),
        row("total extraction s", "total_s", 1),
        [f"empty body (of {first['pages']})", *(str(f["empty_bodies"]) for f in figures)],
        ["extractor errors", *(str(f["errors"]) for f in figures)],
    ]
    title = f"### {run.corpus.name}: {first['pages']} pages, body by {method}"
    return f"{title}\n\n{markdown_table(['metric', *names], rows)}"


def overall_figures(runs: Sequence[CorpusRun]) -> dict[str, dict[str, Any]]:
    """Body F1 pooled over corpora: per-corpus F1 weighted by the corpus's page count."""
    names = list(runs[0].figures) if runs else []
    return {
        name: {
            "pages": sum(run.figures[name]["pages"] for run in runs),
            "body_f1": weighted_mean(
                (run.figures[name]["body_f1"], run.figures[name]["pages"]) for run in runs
            ),
        }
        for name in names
    }


def overall_table(runs: Sequence[CorpusRun]) -> str:
    overall = overall_figures(runs)
    names = list(overall)
    pages = overall[names[0]]["pages"] if names else 0
    rows = [
        [
            f"body F1, page-weighted mean of {len(runs)} corpora ({pages} pages)",
            *(fmt(overall[name]["body_f1"]) for name in names),
        ]
    ]
    return f"### overall\n\n{markdown_table(['metric', *names], rows)}"


def worst_pages(run: CorpusRun, extractor: str, k: int) -> list[PageScore]:
    """The ``k`` pages with the lowest body F1 (then recall) for ``extractor``."""
    return sorted(
        run.scores[extractor], key=lambda s: (s.f1, s.recall if s.recall is not None else -1)
    )[:k]


def worst_table(run: CorpusRun, extractor: str, k: int) -> str:
    rows = [
        [
            s.id,
            s.file,
            fmt(s.precision),
            fmt(s.recall),
            fmt(s.f1),
            (s.error or ("empty" if s.empty else "")).replace("|", "/"),
        ]
        for s in worst_pages(run, extractor, k)
    ]
    header = ["id", "file", "precision", "recall", "F1", "note"]
    table = markdown_table(header, rows, left=frozenset({0, 1, 5}))
    return f"#### worst {k} pages for {extractor}: {run.corpus.name}\n\n{table}"


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Compare our extractor with trafilatura on the shared corpora.",
    )
    parser.add_argument(
        "corpora",
        nargs="*",
        type=Path,
        metavar="CORPUS_DIR",
        help=f"corpus folders (default: every corpus under {DEFAULT_CORPORA})",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="first N pages of each corpus")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write all figures to PATH")
    parser.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="K",
        help="list the K pages with the lowest body F1 for ours",
    )
    parser.add_argument(
        "--only",
        choices=("ours", "trafilatura", "both"),
        default="both",
        help="which extractors to run (default: both)",
    )
    parser.add_argument(
        "--extractor",
        default=DEFAULT_EXTRACTOR,
        metavar="MODULE:FUNC",
        help="our extract(html_bytes, url) function, as package.module:function "
        f"or path/to/file.py:function (default: {DEFAULT_EXTRACTOR})",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    which = EXTRACTORS if args.only == "both" else (args.only,)
    try:
        corpora = find_corpora(args.corpora, args.limit)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    ours = None
    if "ours" in which:
        try:
            ours = load_function(args.extractor)
        except Exception as exc:  # report any import failure plainly
            print(
                f"error: cannot load our extractor {args.extractor!r}: {_describe(exc)}\n"
                "(use --only trafilatura, or --extractor MODULE:FUNC)",
                file=sys.stderr,
            )
            return 2

    # trafilatura and htmldate log every discarded page; the figures report those instead
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    started = time.perf_counter()
    try:
        warm_up(corpora[0].pages[0], which, ours)
        runs = [run_corpus(corpus, which, ours, progress=not args.quiet) for corpus in corpora]
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    wall = time.perf_counter() - started

    sections = [corpus_table(run) for run in runs]
    sections.append(overall_table(runs))
    if args.worst > 0:
        target = "ours" if "ours" in which else "trafilatura"
        sections += [worst_table(run, target, args.worst) for run in runs]
    print("\n\n".join(sections))
    print(
        f"\n{sum(len(c.pages) for c in corpora)} pages, {', '.join(which)}, wall time {wall:.1f} s"
    )

    if args.json:
        report = {
            "settings": {
                "corpora": [str(c.path) for c in corpora],
                "limit": args.limit,
                "only": args.only,
                "extractor": args.extractor if "ours" in which else None,
                "wall_seconds": wall,
            },
            "corpora": {
                run.corpus.name: {
                    "method": run.corpus.method,
                    "figures": run.figures,
                    "pages": {
                        name: [asdict(score) for score in scores]
                        for name, scores in run.scores.items()
                    },
                }
                for run in runs
            },
            "overall": overall_figures(runs),
        }
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
