"""The metric functions of benchmarks/extraction.py, on tiny examples computed by hand."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "extraction.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_extraction", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load_script()


# --- tokens and shingles ------------------------------------------------------------------


def test_tokenise_keeps_case_and_splits_on_non_word_characters() -> None:
    assert bench.tokenise("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert bench.tokenise("") == []
    assert bench.tokenise(None) == []


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    assert bench.shingles("a b c d e") == Counter(
        {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    )
    # 8 tokens -> 5 windows, "a b c d" twice
    assert bench.shingles("a b c d a b c d") == Counter(
        {
            ("a", "b", "c", "d"): 2,
            ("b", "c", "d", "a"): 1,
            ("c", "d", "a", "b"): 1,
            ("d", "a", "b", "c"): 1,
        }
    )


def test_short_text_is_one_shorter_shingle_and_empty_text_has_none() -> None:
    assert bench.shingles("a b") == Counter({("a", "b"): 1})
    assert bench.shingles(" ,. ") == Counter()


# --- body on full-text truth ----------------------------------------------------------------


def test_shingle_counts_normalised_to_one() -> None:
    # truth {abcd, bcde}, prediction {abcd, bcdx}: tp 1, fp 1, fn 1 -> thirds
    assert bench.shingle_counts("a b c d e", "a b c d x") == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_shingle_counts_respect_multiplicity() -> None:
    # truth: abcd x2, bcda, cdab, dabc; prediction: abcd once -> tp 1, fp 0, fn 4 of 5
    assert bench.shingle_counts("a b c d a b c d", "a b c d") == pytest.approx((0.2, 0.0, 0.8))


def test_shingle_counts_of_two_empty_texts_are_zero() -> None:
    assert bench.shingle_counts("", "") == (0.0, 0.0, 0.0)
    assert bench.shingle_counts("a b c d", "") == (0.0, 0.0, 1.0)


def test_page_prf() -> None:
    # P = 0.2 / 0.2 = 1, R = 0.2 / 1.0 = 0.2, F1 = 2 * 0.2 / (0.4 + 0 + 0.8) = 1/3
    precision, recall, f1 = bench.page_prf((0.2, 0.0, 0.8))
    assert (precision, recall) == pytest.approx((1.0, 0.2))
    assert f1 == pytest.approx(1 / 3)
    # nothing predicted: precision undefined, recall 0
    assert bench.page_prf((0.0, 0.0, 1.0)) == (None, 0.0, 0.0)
    # nothing to find and nothing found
    assert bench.page_prf((0.0, 0.0, 0.0)) == (None, None, 1.0)


def test_macro_prf_averages_over_pages_where_defined() -> None:
    pages = [(0.2, 0.0, 0.8), (1 / 3, 1 / 3, 1 / 3), (0.0, 0.0, 1.0)]
    precision, recall, f1 = bench.macro_prf(pages)
    # precision over the first two pages only: (1 + 0.5) / 2
    assert precision == pytest.approx(0.75)
    # recall over all three: (0.2 + 0.5 + 0) / 3 = 7/30
    assert recall == pytest.approx(7 / 30)
    # 2 * 0.75 * 7/30 / (0.75 + 7/30) = 0.35 / (29.5/30) = 21/59
    assert f1 == pytest.approx(21 / 59)


def test_macro_prf_with_nothing_predicted_is_zero() -> None:
    assert bench.macro_prf([(0.0, 0.0, 1.0)]) == (0.0, 0.0, 0.0)
    assert bench.macro_prf([]) == (0.0, 0.0, 0.0)


# --- body on snippet truth -------------------------------------------------------------------


def test_snippet_counts_use_whitespace_normalised_substrings() -> None:
    text = "The  cat\nsat on the mat."
    # "cat sat" found (tp), "dog" missing (fn), "the mat" found although unwanted (fp)
    assert bench.snippet_counts(text, ["cat sat", "dog"], ["the mat", "bird"]) == (1, 1, 1)
    assert bench.snippet_counts(text, ["cat\n   sat  "], []) == (1, 0, 0)
    # matching is case-sensitive, like trafilatura's evaluation
    assert bench.snippet_counts(text, ["the cat"], []) == (0, 0, 1)
    assert bench.snippet_counts(None, ["cat"], ["dog"]) == (0, 0, 1)


def test_micro_prf_sums_counts_before_dividing() -> None:
    # tp 3, fp 1, fn 3: P 0.75, R 0.5, F1 2 * 0.375 / 1.25 = 0.6
    precision, recall, f1 = bench.micro_prf([(3, 0, 1), (0, 1, 2)])
    assert (precision, recall, f1) == pytest.approx((0.75, 0.5, 0.6))
    assert bench.micro_prf([]) == (0.0, 0.0, 0.0)


def test_count_found() -> None:
    assert bench.count_found(["great post", "thanks!", "nope"], "Great post\n\nthanks!") == 1


# --- title, authors, date --------------------------------------------------------------------


def test_title_match_collapses_whitespace_only() -> None:
    assert bench.title_match("  Breaking:\n news ", "Breaking: news")
    assert not bench.title_match("Breaking news", "Breaking: news")
    assert not bench.title_match("breaking: news", "Breaking: news")
    assert not bench.title_match(None, "Breaking: news")


def test_normalise_name() -> None:
    assert bench.normalise_name("  Jane   DOE, ") == "jane doe"
    assert bench.normalise_name("Ｊａｎｅ Doe") == "jane doe"  # NFKC folds full-width letters
    assert bench.normalise_name(" - ") == ""


def test_authors_match_compares_normalised_sets() -> None:
    assert bench.authors_match(["Jane Doe", "John Smith"], ["john smith", " Jane  Doe "])
    assert bench.authors_match(["Jane Doe", "jane doe"], ["Jane Doe"])
    assert not bench.authors_match(["Jane Doe"], ["Jane Doe", "John Smith"])
    assert not bench.authors_match(["Jane Doe", "Reuters"], ["Jane Doe"])


def test_authors_found_counts_truth_names_found_as_whole_words() -> None:
    assert bench.authors_found(["Jane Doe, Reuters"], ["Jane Doe", "John Smith"]) == 1
    assert bench.authors_found(["John Smith", "Jane Doe"], ["jane doe", "JOHN SMITH"]) == 2
    # "anna" is inside "joanna" but not a word of it
    assert bench.authors_found(["Joanna Doe"], ["Anna"]) == 0
    assert bench.authors_found([], ["Anna"]) == 0


def test_date_key_and_date_match() -> None:
    assert bench.date_key(datetime(2024, 5, 3, 14, 0)) == "2024-05-03"
    assert bench.date_key(date(2024, 5, 3)) == "2024-05-03"
    assert bench.date_key("2024-05-03T10:00:00+02:00") == "2024-05-03"
    assert bench.date_key("May 3, 2024") is None
    assert bench.date_key(None) is None
    assert bench.date_match("2024-05-03", date(2024, 5, 3))
    assert not bench.date_match("2024-05-04", "2024-05-03")
    assert not bench.date_match(None, "2024-05-03")


def test_weighted_mean_and_rate() -> None:
    # (1.0 * 1 + 0.5 * 3) / 4
    assert bench.weighted_mean([(1.0, 1), (0.5, 3)]) == pytest.approx(0.625)
    assert bench.weighted_mean([]) is None
    assert bench.rate(1, 4) == 0.25
    assert bench.rate(0, 0) is None


# --- decoding --------------------------------------------------------------------------------


def test_decode_html_prefers_valid_utf8_then_declared_charset() -> None:
    assert bench.decode_html(b"caf\xc3\xa9") == "caf\u00e9"
    assert bench.decode_html(b"\xef\xbb\xbfhi") == "hi"
    # valid UTF-8 wins over a wrong declaration
    assert "caf\u00e9" in bench.decode_html(b'<meta charset="iso-8859-1">caf\xc3\xa9')
    # not UTF-8: the declared charset is used
    assert "caf\u00e9" in bench.decode_html(b'<meta charset="iso-8859-1"><p>caf\xe9</p>')
    # a charset where the byte differs from the cp1252 fallback
    assert "\u0430" in bench.decode_html(b'<meta charset="koi8-r"><p>\xc1</p>')


# --- scoring one page and running the script -------------------------------------------------


def test_score_page_on_snippet_truth_with_comments() -> None:
    page = bench.Page(
        id="p",
        file=Path("pages/0000.html.gz"),
        url=None,
        truth={
            "with": ["cat sat", "dog"],
            "without": ["Menu"],
            "comments_with": ["Nice!", "Thanks"],
            "title": "A  title",
            "authors": ["Jane Doe"],
        },
    )
    result = bench.Extraction(
        body="The cat sat. Thanks",
        title="A title",
        authors=["jane doe"],
        comments="Nice!",
    )
    score = bench.score_page(page, "snippets", result)
    assert score.counts == (1, 0, 1)
    assert (score.precision, score.recall, score.f1) == pytest.approx((1.0, 0.5, 2 / 3))
    assert score.title_ok and score.authors_ok and score.date_ok is None
    assert (score.comment_snippets, score.comments_found, score.comments_leaked) == (2, 1, 1)


def test_run_ours_turns_an_exception_into_an_empty_reported_result() -> None:
    def broken(html: bytes, url: str) -> object:
        raise RuntimeError("boom")

    result = bench.run_ours(broken, b"<html></html>", "https://example.invalid/")
    assert result.body == "" and result.error == "RuntimeError: boom"


def _write_corpus(folder: Path) -> None:
    (folder / "pages").mkdir(parents=True)
    html = b"<html><head><title>T</title></head><body><p>one two three four five</p></body></html>"
    (folder / "pages" / "0000.html.gz").write_bytes(gzip.compress(html))
    truth = {
        "id": "x",
        "file": "pages/0000.html.gz",
        "url": None,
        "title": "T",
        "body": "one two three four five",
        "authors": ["A B"],
    }
    (folder / "truth.jsonl").write_text(json.dumps(truth) + "\n", encoding="utf-8")


def test_load_corpus_drops_blank_snippets_that_any_text_would_contain(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    truth = {"id": "x", "file": "pages/0000.html.gz", "url": None, "title": None,
             "with": ["cat", " "], "without": [""], "comments_with": ["", "Nice!", "\n"]}
    (tmp_path / "truth.jsonl").write_text(json.dumps(truth) + "\n", encoding="utf-8")
    row = bench.load_corpus(tmp_path).pages[0].truth
    assert (row["with"], row["without"], row["comments_with"]) == (["cat"], [], ["Nice!"])


def test_main_runs_a_stand_in_on_a_tiny_corpus(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "tiny"
    _write_corpus(corpus)
    stand_in = tmp_path / "stand_in.py"
    stand_in.write_text(
        "from types import SimpleNamespace\n"
        "def extract(html, url):\n"
        "    assert isinstance(html, bytes) and url == 'https://example.invalid/'\n"
        "    return SimpleNamespace(title='T', body='one two three four five',\n"
        "                           authors=['a  b'], published=None, comments=[])\n",
        encoding="utf-8",
    )
    out = tmp_path / "figures.json"
    args = [str(corpus), "--only", "ours", "--extractor", f"{stand_in}:extract"]
    code = bench.main([*args, "--json", str(out), "--quiet"])
    assert code == 0
    figures = json.loads(out.read_text(encoding="utf-8"))["corpora"]["tiny"]["figures"]["ours"]
    assert figures["body_f1"] == 1.0
    assert figures["title_exact"] == 1.0 and figures["author_exact"] == 1.0
    assert figures["date_exact"] is None and figures["errors"] == 0
    assert "| body F1" in capsys.readouterr().out


def test_main_exits_2_on_a_folder_that_is_not_a_corpus(tmp_path: Path, capsys) -> None:
    assert bench.main([str(tmp_path), "--only", "trafilatura"]) == 2
    assert "not a corpus" in capsys.readouterr().err
