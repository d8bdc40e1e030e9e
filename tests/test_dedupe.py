"""archiver.dedupe: tracking parameters, article keys, fingerprints and the near-duplicate index.

Every random text here comes from a seeded `random.Random`, so each run sees the same texts.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
import sqlite_utils
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st
from w3lib.url import canonicalize_url

from archiver.dedupe import (
    NUM_PERM,
    TRACKING_PARAMS,
    NearDuplicateIndex,
    absolute_url,
    article_key,
    candidate_probability,
    canonicalize,
    fingerprint,
    lsh_parameters,
    match_probability,
    minhash_values,
    normalise_text,
    readable_query,
    same_site,
    shingle_hashes,
    shingle_words,
    site_of,
    strip_tracking,
    unarchived,
    w3lib_canonical,
)

# --- URL variants ---------------------------------------------------------------------------

# Each group: URLs of one article, which must all fold to the first one's key (given first).
SAME_ARTICLE = [
    ("https://example.com/news/2024/story-123", [
        "https://example.com/news/2024/story-123",
        "http://example.com/news/2024/story-123",
        "https://www.example.com/news/2024/story-123",
        "https://example.com/news/2024/story-123/",
        "https://EXAMPLE.com/news/2024/story-123#comments",
        "https://example.com/news/2024/story-123?utm_source=twitter&utm_medium=social",
        "https://example.com/news/2024/story-123?fbclid=IwAR0abc&gclid=xyz",
        "https://example.com/news/2024/story-123?CMP=share_btn_tw&WT.mc_id=rss",
        "https://example.com/news/2024/story-123#xtor=RSS-3",
        "https://example.com/news/2024/story-123/index.html",
        "https://example.com/news/2024/story-123/amp",
        "https://example.com/news/2024/story-123/amp/",
        "https://example.com/amp/news/2024/story-123",
        "https://example.com/news/amp/2024/story-123",
        "https://amp.example.com/news/2024/story-123",
        "https://example.com/news/2024/story-123?amp",
        "https://example.com/news/2024/story-123?amp=1",
        "https://example.com/news/2024/story-123?outputType=amp",
        "https://example.com/news/2024/story-123.amp",
        "https://example.com:443/news/2024/story-123",
        "http://www.example.com:80/news/2024/story-123/?gclid=x&ref=hp#top",
    ]),
    ("https://example.com/world/story.html", [
        "https://example.com/world/story.html",
        "https://example.com/world/story.amp.html",
        "https://www.example.com/world/story.html?utm_campaign=x",
        "http://amp.example.com/world/story.amp.html?amp=1#x",
    ]),
    ("https://example.com/article.php?id=42", [
        "https://example.com/article.php?id=42",
        "https://example.com/article.php?id=42&utm_source=rss",
        "http://www.example.com/article.php?utm_medium=email&id=42",
        "https://example.com/article.php?id=42&amp=1",
        "https://example.com/article.php?mc_cid=1&id=42&mc_eid=2#section",
    ]),
    ("https://example.com/2024/05", [
        "https://example.com/2024/05",
        "https://example.com/2024/05/",
        "https://example.com/2024/05/index.php",
        "https://example.com/2024/05/index.htm",
        "https://example.com/2024/05/Default.aspx",
    ]),
    ("https://example.com/", [
        "https://example.com",
        "https://example.com/",
        "http://www.example.com/index.html",
        "https://example.com/?utm_source=newsletter",
    ]),
]

# Pairs of different articles that must keep different keys.
DIFFERENT_ARTICLES = [
    ("https://example.com/a/", "https://example.com/b/"),
    ("https://example.com/story?id=1", "https://example.com/story?id=2"),
    ("https://example.com/article.php?id=1", "https://example.com/article.php"),
    ("https://example.com/story", "https://example.org/story"),
    ("https://news.example.com/story", "https://example.com/story"),
    ("https://example.com/story", "https://example.com/Story"),
    ("https://example.com/story", "https://example.com/story?page=2"),
    ("https://example.com:8080/story", "https://example.com/story"),
    ("https://example.com/story-amp", "https://example.com/story"),
    ("https://example.com/amped/story", "https://example.com/story"),
    ("https://example.com/2024/05/story", "https://example.com/2024/05"),
    ("https://example.com/story.html", "https://example.com/story"),
]


@pytest.mark.parametrize(("key", "variants"), SAME_ARTICLE, ids=[g[0] for g in SAME_ARTICLE])
def test_variants_of_one_article_fold_to_one_key(key: str, variants: list[str]) -> None:
    assert {variant: article_key(variant) for variant in variants} == dict.fromkeys(variants, key)


@pytest.mark.parametrize(("first", "second"), DIFFERENT_ARTICLES)
def test_different_articles_keep_different_keys(first: str, second: str) -> None:
    assert article_key(first) != article_key(second)


def test_article_key_is_idempotent_and_keeps_other_schemes() -> None:
    for _, variants in SAME_ARTICLE:
        for variant in variants:
            assert article_key(article_key(variant)) == article_key(variant)
    assert article_key("mailto:someone@example.com") == "mailto:someone@example.com"
    assert article_key("https://amp.dev/about") == "https://amp.dev/about"  # a site, not AMP


def test_article_key_takes_its_tracking_list() -> None:
    url = "https://example.com/story?session=abc&utm_source=x"
    assert article_key(url) == "https://example.com/story?session=abc"
    assert article_key(url, params=("session", "utm_*")) == "https://example.com/story"
    # AMP switches fold even with a list that does not name them.
    assert article_key("https://example.com/story?amp=1", params=()) == article_key(
        "https://example.com/story")


@pytest.mark.parametrize("url", [
    "", "not a url", "http://[::1/x", "http://example.com:99999/x", "https://", "///", "?#",
    "http://exa mple.com/a b", "https://example.com/%zz?%zz=1#%zz", "javascript:void(0)",
])
def test_url_functions_never_raise_on_broken_urls(url: str) -> None:
    assert isinstance(article_key(url), str)
    assert isinstance(strip_tracking(url), str)
    assert isinstance(canonicalize(url), str)
    site_of(url)
    same_site(url, url)
    absolute_url(url, url)


@given(st.text(max_size=80))
def test_article_key_never_raises(text: str) -> None:
    assert isinstance(article_key(text), str)
    assert isinstance(strip_tracking(text), str)
    assert isinstance(article_key("https://example.com/" + text), str)


def test_canonicalize_keeps_scheme_host_and_trailing_slash() -> None:
    assert canonicalize("http://www.example.com/a/?b=2&a=1#x") == "http://www.example.com/a/?a=1&b=2"
    assert canonicalize("http://[::1/") == "http://[::1/"


def test_a_bare_query_key_stays_bare_and_an_empty_value_is_written_bare() -> None:
    # SPIP and old PHP/ASP sites publish "?article8532", "?p123": the key is that URL.
    assert canonicalize("https://site.fr/spip.php?article8532") == (
        "https://site.fr/spip.php?article8532")
    assert canonicalize("https://site.fr/?p123#comments") == "https://site.fr/?p123"
    # Servers read "?a=" as "?a": both fold to one key, written bare.
    assert canonicalize("https://site.fr/spip.php?article8532=") == (
        "https://site.fr/spip.php?article8532")
    assert canonicalize("https://x.example/?b=&a&c=1") == "https://x.example/?a&b&c=1"
    assert article_key("http://www.site.fr/spip.php?article8532=&utm_source=x") == (
        "https://site.fr/spip.php?article8532")
    # An empty name is no bare key; a value "=" is no empty value.
    assert canonicalize("https://x.example/?=") == "https://x.example/?="
    assert canonicalize("https://x.example/?a==") == "https://x.example/?a=%3D"


def test_characters_a_query_allows_stay_readable_and_separators_stay_encoded() -> None:
    assert canonicalize("https://x.example/s?q=a:b") == "https://x.example/s?q=a:b"
    assert canonicalize("https://x.example/s?q=a%3ab") == "https://x.example/s?q=a:b"
    assert canonicalize("https://x.example/s?u=/a/b?c&m=a@b&ids=1,2&f=g(x)*y!$") == (
        "https://x.example/s?f=g(x)*y!$&ids=1,2&m=a@b&u=/a/b?c")
    # "&", "=", ";" separate arguments, "+" is a space, browsers encode "'": kept encoded.
    assert canonicalize("https://x.example/s?q=a%26b%3Dc%3Bd%2Be+f'g") == (
        "https://x.example/s?q=a%26b%3Dc%3Bd%2Be+f%27g")
    assert canonicalize("https://x.example/s?%253A=1") == "https://x.example/s?%253A=1"


def test_canonicalize_keeps_the_rest_of_w3lib_s_canonical_form() -> None:
    assert canonicalize("HTTP://B\u00fccher.EXAMPLE/a/./b/../r\u00e9sum\u00e9?b=2&a=%e9#top") == (
        "http://xn--bcher-kva.example/a/r%C3%A9sum%C3%A9?a=%E9&b=2")
    assert canonicalize("mailto:someone@example.com?subject=a:b") == (
        "mailto:someone@example.com?subject=a:b")


def article_key_before(url: str) -> str:
    """`article_key` as archives before schema 4 hold it: made from w3lib's canonical form."""
    with mock.patch("archiver.dedupe.canonicalize", w3lib_canonical):
        return article_key(url)


_QUERY_TEXT = st.text(alphabet="ab=&:@/?!$()*,;+'% %3A%3a%2F#é~", max_size=30)


@given(_QUERY_TEXT)
def test_canonicalize_is_idempotent_and_keeps_the_arguments_a_server_reads(query: str) -> None:
    url = f"https://x.example/p?{query}"
    assert canonicalize(canonicalize(url)) == canonicalize(url)
    assert canonicalize_url(canonicalize(url)) == canonicalize_url(url)
    assert article_key(article_key(url)) == article_key(url)
    # The archive's earlier keys (w3lib's form) become these by `readable_query` alone.
    assert readable_query(w3lib_canonical(url)) == canonicalize(url)
    assert readable_query(article_key_before(url)) == article_key(url)


# --- Tracking parameters ------------------------------------------------------------------


def test_default_list_covers_the_common_trackers() -> None:
    assert {"utm_*", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref",
            "ref_src", "amp", "_ga", "yclid", "igshid", "cmpid", "ncid", "ocid", "sr_share",
            "at_*", "wt_mc", "xtor", "share", "s_cid", "icid", "src"} <= set(TRACKING_PARAMS)
    assert "id" not in TRACKING_PARAMS and "page" not in TRACKING_PARAMS


@pytest.mark.parametrize(("url", "expected"), [
    ("https://e.com/a?x=%20b&utm_source=t&utm_medium=s&y=2", "https://e.com/a?x=%20b&y=2"),
    ("https://e.com/a?fbclid=1", "https://e.com/a"),
    ("https://e.com/a?fbclid=1#top", "https://e.com/a#top"),
    ("https://e.com/a?CMP=x&WT.mc_id=y&keep=1", "https://e.com/a?keep=1"),
    ("https://e.com/a?utm%5Fsource=x&id=3", "https://e.com/a?id=3"),
    ("https://e.com/a?at_medium=sn&at_campaign=bbc&at_custom1=x", "https://e.com/a"),
    ("https://e.com/a#xtor=RSS-3", "https://e.com/a"),
    ("https://e.com/a#section=2&utm_medium=x", "https://e.com/a#section=2"),
    ("https://e.com/a?id=1#section-2", "https://e.com/a?id=1#section-2"),  # unchanged
    ("https://e.com/a?b=1&&c", "https://e.com/a?b=1&&c"),  # nothing removed: as given
    ("https://e.com/a?utm=1&ref2=x&sharer=y", "https://e.com/a?utm=1&ref2=x&sharer=y"),
])
def test_strip_tracking(url: str, expected: str) -> None:
    assert strip_tracking(url) == expected


def test_strip_tracking_list_is_configurable() -> None:
    url = "https://e.com/a?utm_source=x&sessionid=9&foo_bar=1&foo=2"
    assert strip_tracking(url, params=()) == url
    assert strip_tracking(url, params=["sessionid"]) == "https://e.com/a?utm_source=x&foo_bar=1&foo=2"
    # Both spellings of a prefix: "foo_*" and "foo_".
    expected = "https://e.com/a?utm_source=x&sessionid=9&foo=2"
    assert strip_tracking(url, params=("foo_*",)) == expected
    assert strip_tracking(url, params=("foo_",)) == expected


# --- Fingerprints -------------------------------------------------------------------------


def test_normalise_text() -> None:
    assert (normalise_text("  Don’t STOP—the “Music”!\n\nﬁne  Straße ")
            == "dont stop the music fine strasse")
    assert normalise_text("ＦＵＬＬ width, ½ price") == "full width 1 2 price"
    assert normalise_text("हिन्दी समाचार") == "हिन्दी समाचार"  # combining marks stay in words
    assert normalise_text("") == normalise_text(None) == normalise_text(" .,;! ") == ""


def test_fingerprint_equal_for_copies_differing_in_form() -> None:
    title, body = "Storm hits the coast", "The storm, which formed on Monday, hit the coast.\n"
    copies = [
        ("STORM HITS THE COAST", "the storm which formed on monday hit the coast"),
        ("Storm hits the coast.", "  The storm,   which formed on Monday,\n\nhit the coast!"),
        ("Storm hits the coast", "The storm — which formed on Monday — hit the coast…"),
        ("Ｓｔｏｒｍ hits the coast", "The storm, which formed on Monday, hit the coast."),
    ]
    assert {fingerprint(t, b) for t, b in copies} == {fingerprint(title, body)}
    assert len(fingerprint(title, body)) == 64


def test_fingerprint_differs_for_different_texts() -> None:
    base = fingerprint("Storm hits the coast", "The storm hit the coast on Monday.")
    assert fingerprint("Storm hits the coast", "The storm hit the coast on Tuesday.") != base
    assert fingerprint("Storm hit the coast", "The storm hit the coast on Monday.") != base
    assert fingerprint("a b", "c") != fingerprint("a", "b c")  # title and body kept apart
    assert fingerprint(None, None) == fingerprint("", "")


# --- Near duplicates ----------------------------------------------------------------------

VOCABULARY = [
    "".join(random.Random(f"word{i}").choices("abcdefghijklmnoprstuvwy", k=2 + i % 9))
    for i in range(3000)
]


def make_text(seed: int | str, words: int) -> str:
    """Sentences of 6 to 20 words from VOCABULARY, capitalised, with commas and periods."""
    rng = random.Random(seed)
    sentences, count = [], 0
    while count < words:
        length = min(rng.randint(6, 20), words - count)
        sentence = rng.choices(VOCABULARY, k=length)
        if length > 8:
            sentence[rng.randrange(2, length - 2)] += ","
        sentences.append(" ".join(sentence).capitalize() + ".")
        count += length
    return " ".join(sentences)


def jaccard(first: str, second: str) -> float:
    """The exact Jaccard similarity of the two texts' shingle sets."""
    a, b = set(shingle_hashes(first).tolist()), set(shingle_hashes(second).tolist())
    return len(a & b) / len(a | b)


ORIGINAL = make_text("original", 600)
# The syndicated copy: a paragraph added in the middle, the ending rewritten, shouting title.
_words = ORIGINAL.split()
SYNDICATED = " ".join(_words[:300] + ["\n\n" + make_text("extra paragraph", 35) + "\n\n"]
                      + _words[300:-12] + make_text("new ending", 12).split()).upper()
UNRELATED = make_text("unrelated", 600)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def index(db_path: Path):
    db = sqlite_utils.Database(db_path)
    yield NearDuplicateIndex(db)
    db.close()


def test_syndicated_copy_is_found_and_unrelated_article_is_not(index: NearDuplicateIndex) -> None:
    true_similarity = jaccard(ORIGINAL, SYNDICATED)
    assert 0.85 < true_similarity < 0.95
    index.add("https://a.example/original", ORIGINAL)
    index.add("https://c.example/unrelated", UNRELATED)

    [(url, similarity)] = index.query(SYNDICATED)
    assert url == "https://a.example/original"
    assert similarity == pytest.approx(true_similarity, abs=0.06)
    assert index.threshold <= similarity < 1.0

    assert index.query(make_text("fresh", 600)) == []
    assert index.query(ORIGINAL, exclude="https://a.example/original") == []
    assert index.query(ORIGINAL) == [("https://a.example/original", 1.0)]


def test_matches_come_best_first(index: NearDuplicateIndex) -> None:
    words = ORIGINAL.split()
    index.add("https://a.example/close", " ".join(words[:-10]))
    index.add("https://a.example/closer", " ".join(words[:-2]))
    index.add("https://a.example/same", ORIGINAL)
    found = index.query(ORIGINAL)
    assert [url for url, _ in found] == [
        "https://a.example/same", "https://a.example/closer", "https://a.example/close"]
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_index_persists_across_runs(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    NearDuplicateIndex(db).add("https://a.example/original", ORIGINAL)
    db.close()

    reopened = sqlite_utils.Database(db_path)
    index = NearDuplicateIndex(reopened)
    assert len(index) == 1 and "https://a.example/original" in index
    assert [url for url, _ in index.query(SYNDICATED)] == ["https://a.example/original"]
    reopened.close()


def test_remove(index: NearDuplicateIndex) -> None:
    index.add("https://a.example/original", ORIGINAL)
    index.add("https://c.example/unrelated", UNRELATED)
    index.remove("https://a.example/original")
    index.remove("https://never.example/added")  # no error
    assert index.query(SYNDICATED) == []
    assert "https://a.example/original" not in index and len(index) == 1
    assert index.db.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == index.bands


def test_add_replaces_and_skips_short_texts(index: NearDuplicateIndex) -> None:
    index.add("https://a.example/x", ORIGINAL)
    index.add("https://a.example/x", UNRELATED)  # the article's text changed
    assert index.query(SYNDICATED) == []
    assert [url for url, _ in index.query(UNRELATED)] == ["https://a.example/x"]
    assert index.db.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == index.bands

    short = "Only a dozen words here, far too few for shingles to mean much."
    assert index.signature(short) is None and index.query(short) == []
    index.add("https://a.example/short", short)
    assert "https://a.example/short" not in index
    index.add("https://a.example/x", short)  # now too short: its old signature is stale
    assert len(index) == 0


def test_threshold_is_respected(tmp_path: Path) -> None:
    words = ORIGINAL.split()
    edited = " ".join(words[:250] + make_text("edit", 90).split() + words[330:])
    assert 0.6 < jaccard(ORIGINAL, edited) < 0.75

    strict = NearDuplicateIndex(sqlite_utils.Database(tmp_path / "strict.db"))
    strict.add("https://a.example/original", ORIGINAL)
    assert strict.query(edited) == []

    loose = NearDuplicateIndex(sqlite_utils.Database(tmp_path / "loose.db"), threshold=0.6)
    assert (loose.bands, loose.rows) == lsh_parameters(0.6, NUM_PERM)
    loose.add("https://a.example/original", ORIGINAL)
    [(_, similarity)] = loose.query(edited)
    assert 0.6 <= similarity < 0.8

    # A stricter threshold on the same stored index only moves the cut.
    stricter = NearDuplicateIndex(loose.db, threshold=0.95)
    assert (stricter.bands, stricter.rows) == (loose.bands, loose.rows)
    assert stricter.query(SYNDICATED) == []
    assert stricter.query(ORIGINAL) == [("https://a.example/original", 1.0)]


def test_writes_join_the_callers_transaction(index: NearDuplicateIndex) -> None:
    db = index.db
    db.begin()
    index.add("https://a.example/original", ORIGINAL)
    assert db.conn.in_transaction  # nothing committed
    db.rollback()
    assert len(index) == 0 and index.query(SYNDICATED) == []

    with pytest.raises(RuntimeError), db.atomic():
        index.add("https://a.example/original", ORIGINAL)
        raise RuntimeError("the caller's batch failed")
    assert len(index) == 0

    with db.atomic():
        index.add("https://a.example/original", ORIGINAL)
    assert len(index) == 1


def test_lookups_use_the_band_index(index: NearDuplicateIndex) -> None:
    parameters = [0] * (2 * index.bands)
    plan = " | ".join(row[3] for row in index.db.execute(
        "EXPLAIN QUERY PLAN " + index._query_sql, parameters))
    assert "SEARCH b USING PRIMARY KEY (band=? AND bucket=?)" in plan
    assert "SCAN b" not in plan


def test_signature_parameters_are_stored_and_checked(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    NearDuplicateIndex(db, num_perm=64)  # empty: may be re-made with other parameters
    index = NearDuplicateIndex(db)
    assert index.num_perm == NUM_PERM
    index.add("https://a.example/original", ORIGINAL)
    with pytest.raises(ValueError, match="num_perm"):
        NearDuplicateIndex(db, num_perm=128)
    db.execute("UPDATE minhash_meta SET value = 'x' WHERE key = 'probe'")
    with pytest.raises(ValueError, match="probe"):
        NearDuplicateIndex(db)
    NearDuplicateIndex.drop(db)
    assert len(NearDuplicateIndex(db, num_perm=128)) == 0


def test_signatures_are_stable() -> None:
    """A stored index is only valid while the signature function stays the same."""
    index = NearDuplicateIndex(sqlite_utils.Database(memory=True))
    signature = index.signature(ORIGINAL)
    assert signature is not None and len(signature) == 2 * NUM_PERM
    assert signature == NearDuplicateIndex(sqlite_utils.Database(memory=True)).signature(ORIGINAL)
    golden = index.signature(GOLDEN_TEXT)
    assert golden is not None
    assert hashlib.sha256(golden).hexdigest()[:16] == GOLDEN_SIGNATURE_DIGEST
    assert index.similarity(signature, index.signature(ORIGINAL.lower())) == 1.0
    assert index.signature_of_words(shingle_words(ORIGINAL)) == signature
    with pytest.raises(ValueError):
        index.query(b"too short")


GOLDEN_TEXT = ("Heavy rain is expected across the north of the country on Friday, and the "
               "weather service has warned of floods in low-lying areas near the river.")
GOLDEN_SIGNATURE_DIGEST = "464054b5c3f7a9a1"


def test_minhash_values_are_datasketchs() -> None:
    hashes = shingle_hashes(ORIGINAL)
    reference = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(minhash_values(hashes), reference.hashvalues)
    many = np.arange(10_000, dtype=np.uint32) * np.uint32(2654435761)  # more than one slice
    reference = MinHash(num_perm=64, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(many.tolist())
    assert np.array_equal(minhash_values(many, num_perm=64), reference.hashvalues)


def test_shingle_words_split_spaceless_scripts() -> None:
    assert shingle_words("Hello, World! 中文新闻") == ["hello", "world", "中", "文", "新", "闻"]
    assert len(shingle_hashes("one two three four five six")) == 2
    assert len(shingle_hashes("one two three four")) == 0


def test_s_curve_numbers() -> None:
    assert lsh_parameters(0.8, NUM_PERM) == (32, 9)
    assert candidate_probability(0.8, 32, 9) >= 0.99
    assert candidate_probability(0.5, 32, 9) < 0.065
    assert match_probability(0.85, 32, 9, 0.8) > 0.98
    assert match_probability(0.75, 32, 9, 0.8) < 0.03
    assert match_probability(0.5, 32, 9, 0.8) < 1e-9
    assert match_probability(0.8, 32, 9, 0.8) == pytest.approx(0.5, abs=0.02)
    assert match_probability(1.0, 32, 9, 0.8) == pytest.approx(1.0)


@pytest.mark.parametrize("url, original", [
    ("https://web.archive.org/web/20080731095558/http://www.dimido.de/2008/07/29/x/",
     "http://www.dimido.de/2008/07/29/x/"),
    ("http://web.archive.org/web/2011id_/https://site.example/", "https://site.example/"),
    ("https://site.example/web/2011/https://other.example/",
     "https://site.example/web/2011/https://other.example/"),
])
def test_a_page_a_web_archive_serves_has_its_original_url(url, original):
    assert unarchived(url) == original
