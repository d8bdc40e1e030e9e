"""Keys that keep one article one row: canonical URLs, article keys, content fingerprints and a
near-duplicate index.

Four layers, from cheapest to broadest:

* `canonicalize`: w3lib's canonical form of a URL, fragment dropped, its query written as
  published (a bare key bare, ``:`` unencoded). The primary key of `articles`; compared with
  served URLs, so it keeps scheme, host and trailing slash as they are.
* `article_key`: folds the URL variants under which one article is published (tracking
  parameters, ``http``/``https``, ``www.``, ``index.html``, trailing slash, AMP pages) into one
  key. A key, not a URL to fetch.
* `fingerprint`: SHA-256 of the normalised title and body; equal for exact copies that differ
  only in case, punctuation, whitespace or Unicode presentation forms.
* `NearDuplicateIndex`: MinHash signatures of word 5-shingles with an LSH band index, both
  stored in the archive's SQLite database, so that each run finds near copies (syndicated
  versions with an added paragraph or a changed ending) among everything archived before.

The URL functions (`canonicalize`, `w3lib_canonical`, `readable_query`, `absolute_url`,
`site_of`, `same_site`, `strip_tracking`, `article_key`) never raise on a malformed URL.
"""

from __future__ import annotations

import functools
import hashlib
import math
import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import SplitResult, unquote_plus, urljoin, urlsplit, urlunsplit

import numpy as np
import regex
import sqlite_utils
from datasketch import MinHash
from w3lib.url import canonicalize_url

from .transaction import writing


def w3lib_canonical(url: str) -> str:
    """w3lib's canonical form of `url`, fragment dropped: `canonicalize` before it wrote the
    query readably (archive schema 3 and earlier). Comment ids made from a hash hash this form,
    so that the ids an archive holds stay the ids a recrawl finds."""
    try:
        return canonicalize_url(url, keep_fragments=False)
    except ValueError:  # e.g. a broken IPv6 host: keep the URL as it is
        return url


# Escapes of the characters RFC 3986 allows as they are in a query ("?q=a:b", "?ids=1,2",
# "?u=/a/b", "?mail=a@b") that w3lib writes encoded anyway. Kept encoded: "&", "=" and ";"
# (they separate arguments), "+" (a space), "'" (browsers encode it), and what RFC 3986 bars.
_READABLE_ESCAPE = regex.compile(r"%(?:21|24|28|29|2A|2C|2F|3A|3F|40)", flags=regex.IGNORECASE)


def _readable_piece(piece: str) -> str:
    # A bare key stays bare, and an explicitly empty value is written bare too: servers read
    # "?article8532" and "?article8532=" alike (SPIP, PHP, ASP), so both are one key.
    name, equals, value = piece.partition("=")
    return name if name and equals and not value else piece


def readable_query(url: str) -> str:
    """`url` with its query written as published: a bare key bare (``?article8532``, not
    ``?article8532=``), ``?a=`` as ``?a``, and ``: @ / ? ! $ ( ) * ,`` unencoded. A server
    reads the same arguments either way; nothing else in `url` changes."""
    rest, hash_sign, fragment = url.partition("#")
    base, question_mark, query = rest.partition("?")
    if not query:
        return url
    query = "&".join(map(_readable_piece, query.split("&")))
    query = _READABLE_ESCAPE.sub(lambda escape: chr(int(escape[0][1:], 16)), query)
    return f"{base}{question_mark}{query}{hash_sign}{fragment}"


def canonicalize(url: str) -> str:
    """The form of `url` used as a key: w3lib's canonical form (sorted arguments, normalised
    percent-encoding, lower-case and IDNA host, dot segments resolved), fragment dropped, the
    query written as published (`readable_query`). Idempotent."""
    return readable_query(w3lib_canonical(url))


def absolute_url(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when either is not a usable URL."""
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


_HOME_PATH = regex.compile(r"/*(?:index\.[a-z]+|[a-z]{2}(?:[-_][a-z]{2})?/*)?")


def is_home_path(path: str) -> bool:
    """Whether a URL path is a site's home page: "/", "/index.php", a language's ("/en/")."""
    return bool(_HOME_PATH.fullmatch(path))


# A page as a web archive serves it: https://web.archive.org/web/20080731095558/http://site/...
_ARCHIVED = regex.compile(r"https?://web\.archive\.org/web/\d{4,14}(?:[a-z]{2}_)?/(.+)",
                          regex.I)


def unarchived(url: str) -> str:
    """The original URL of a page a web archive (the Wayback Machine) serves, else `url`."""
    match = _ARCHIVED.fullmatch(url)
    return match[1] if match else url


def site_of(url: str) -> str:
    """The host (and explicit non-default port) that identifies a site, without ``www.``."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port
    except ValueError:  # a broken IPv6 host or port: no site
        return ""
    return f"{host}:{port}" if port and port not in (80, 443) else host


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on the same site (``www.`` and scheme ignored)."""
    return site_of(url) == site_of(other) and site_of(url) != ""


# --- Tracking parameters --------------------------------------------------------------------

# Query parameters that say how a reader reached an article, never which article it is. Names
# match case-insensitively (``CMP``, ``WT.mc_id``); an entry ending in ``*`` (or ``_``) matches
# every name starting with what comes before the ``*``. Left out on purpose: generic names that
# some sites use for content (``id``, ``p``, ``page``, ``cid``, ``source``, ``partner``,
# ``feature``); the riskier names kept (``src``, ``ref``, ``share``) are, on news sites,
# referral labels (``?src=rss``, ``?ref=hp``, ``?share=true``). Pass your own list where a site
# uses one of these for content.
TRACKING_PARAMS: tuple[str, ...] = (
    # Campaign tags of web analytics
    "utm_*",            # Google Analytics / Urchin: utm_source, utm_medium, utm_campaign, ...
    "_ga", "_gl",       # Google Analytics cross-domain linker
    "gad_*",            # Google Ads: gad_source, gad_campaignid
    "at_*",             # AT Internet / Piano Analytics: at_medium, at_campaign, at_custom1, ...
    "xtor",             # AT Internet (Xiti) source tag: xtor=RSS-3 (Le Monde, Le Figaro, ...)
    "wt_mc", "wt_zmc",  # Webtrends campaign tags in the underscore spelling (Zeit, FAZ, ...)
    "wt.*",             # Webtrends: WT.mc_id, WT.tsrc, ...
    "s_cid", "s_kwcid",  # Adobe Analytics campaign ids
    "ns_*",             # comScore: ns_mchannel, ns_source, ns_campaign, ns_linkname, ns_fee
    "cmpid", "cmp",     # publishers' campaign ids (cmpid=; the Guardian's CMP=share_btn_tw)
    "icid", "intcmp",   # internal campaign ids: which teaser on the site was clicked
    "ncid",             # Yahoo / AOL / Verizon Media campaign id
    "ocid",             # Microsoft MSN / Start campaign id
    "smid", "smtyp",    # New York Times share-button tags
    "sr_share",         # share-button origin: sr_share=facebook
    "soc_src", "soc_trk",  # social-network source tags
    "echobox",          # Echobox social publishing tag
    # Click ids of ad networks and social platforms
    "fbclid",           # Facebook click id
    "fb_action_ids", "fb_action_types", "fb_ref", "fb_source",  # older Facebook share tags
    "gclid", "dclid", "gbraid", "wbraid",  # Google Ads / DoubleClick click ids
    "msclkid",          # Microsoft Advertising click id
    "yclid",            # Yandex click id
    "twclid", "__twitter_impression",  # X / Twitter click id and embed marker
    "ttclid",           # TikTok click id
    "li_fat_id",        # LinkedIn click id
    "igshid", "igsh",   # Instagram share id
    "srsltid",          # Google Merchant Center result id
    "dicbo", "tblci",   # Outbrain and Taboola click ids
    # Newsletter and e-mail marketing
    "mc_cid", "mc_eid",  # Mailchimp campaign and recipient ids
    "_hsenc", "_hsmi", "hsa_*",  # HubSpot e-mail and ads tags
    "mkt_tok",          # Marketo e-mail token
    "oly_anon_id", "oly_enc_id",  # Omeda newsletter ids
    "vero_id", "vero_conv",  # Vero e-mail ids
    # Referral labels and consent redirects
    "ref", "ref_src", "ref_url",  # referrer labels (?ref=hp; Twitter's ref_src=twsrc^tfw)
    "src",              # referral source label (?src=rss); content on a few non-news sites
    "share",            # share-button marker (?share=true, ?share=twitter)
    "guccounter", "guce_referrer", "guce_referrer_sig",  # Yahoo consent-page redirects
    # Presentation switch, not tracking: the same article as an AMP page (see `article_key`)
    "amp",
)


@functools.lru_cache(maxsize=64)
def _param_matcher(params: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact, prefixes = set(), []
    for param in params:
        name = param.lower()
        if name.endswith("*"):
            prefixes.append(name[:-1])
        elif name.endswith("_"):
            prefixes.append(name)
        else:
            exact.add(name)
    return frozenset(exact), tuple(prefixes)


def _is_tracking(piece: str, matcher: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    """True when the ``name=value`` query piece has a tracking parameter's name."""
    exact, prefixes = matcher
    name = unquote_plus(piece.partition("=")[0]).strip().lower()
    return name in exact or (bool(prefixes) and name.startswith(prefixes))


def _clean_pieces(query: str, matcher: tuple[frozenset[str], tuple[str, ...]]) -> str | None:
    """`query` without its tracking pieces, or None when it has none to remove."""
    pieces = query.split("&")
    kept = [piece for piece in pieces if piece and not _is_tracking(piece, matcher)]
    if len(kept) == len([piece for piece in pieces if piece]):
        return None
    return "&".join(kept)


def strip_tracking(url: str, params: Iterable[str] = TRACKING_PARAMS) -> str:
    """`url` without its tracking query parameters (w3lib ``url_query_cleaner`` style).

    Parameters named in `params` are removed (case-insensitive names; ``utm_*`` or ``utm_`` are
    prefixes); the others keep their order and exact spelling, and a URL with nothing to remove
    comes back unchanged. A fragment made of ``name=value`` pairs (``#xtor=RSS-3``) is cleaned
    the same way; other fragments are kept. Never raises.
    """
    try:
        matcher = _param_matcher(tuple(params))
        rest, hash_sign, fragment = url.partition("#")
        base, question_mark, query = rest.partition("?")
        cleaned_query = _clean_pieces(query, matcher) if question_mark else None
        cleaned_fragment = _clean_pieces(fragment, matcher) if "=" in fragment else None
    except (ValueError, TypeError):  # not a string, or params not strings
        return url
    if cleaned_query is None and cleaned_fragment is None:
        return url
    if cleaned_query is not None:  # a query left empty loses its "?"
        question_mark, query = ("?", cleaned_query) if cleaned_query else ("", "")
    if cleaned_fragment is not None:
        hash_sign, fragment = ("#", cleaned_fragment) if cleaned_fragment else ("", "")
    return f"{base}{question_mark}{query}{hash_sign}{fragment}"


# --- Article keys ---------------------------------------------------------------------------

# Trailing path segments that name a directory's default document.
INDEX_FILES = frozenset({"index.html", "index.htm", "index.php", "default.aspx"})

# Host prefixes that do not change the article: the web and the AMP version of a site.
_FOLDED_HOST_PREFIXES = ("www.", "amp.")


def _fold_host(parts: SplitResult) -> str:
    userinfo, at, _ = parts.netloc.rpartition("@")
    host = (parts.hostname or "").rstrip(".")
    port = parts.port  # ValueError for a bad port: caught by the caller
    changed = True
    while changed:
        changed = False
        for prefix in _FOLDED_HOST_PREFIXES:
            # Only a prefix in front of a registered-looking name: amp.dev stays amp.dev.
            if host.startswith(prefix) and "." in host[len(prefix):]:
                host, changed = host[len(prefix):], True
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    return f"{userinfo}{at}{host}"


def _fold_path(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment.lower() != "amp"]
    last = len(segments) - 1
    while last > 0 and segments[last] == "":
        last -= 1
    name = segments[last]
    lower = name.lower()
    if lower.endswith(".amp.html"):
        name = name[: -len(".amp.html")] + ".html"
    elif lower.endswith(".amp") and len(name) > len(".amp"):
        name = name[: -len(".amp")]
    if name.lower() in INDEX_FILES:
        name = ""
    segments[last] = name
    folded = "/".join(segments).rstrip("/")
    return folded if folded.startswith("/") else f"/{folded}"


def _is_amp_switch(piece: str) -> bool:
    name, _, value = piece.partition("=")
    name = unquote_plus(name).lower()
    return name == "amp" or (name == "outputtype" and value.lower() == "amp")


def article_key(url: str, params: Iterable[str] = TRACKING_PARAMS) -> str:
    """The key under which every URL variant of one article folds; not a URL to fetch.

    From `canonicalize` (w3lib canonical form: sorted query, normalised percent-encoding,
    lower-case host, no fragment), then, for http(s) URLs:

    * tracking parameters (`params`, default `TRACKING_PARAMS`) removed;
    * scheme ``https``; default ports dropped; ``www.`` and ``amp.`` host prefixes dropped;
    * AMP versions mapped to the article: path segments ``amp`` (``/amp/story``,
      ``/story/amp``, ``/news/amp/story``), ``.amp`` and ``.amp.html`` name suffixes, and the
      query switches ``amp``, ``amp=1`` and ``outputType=amp``;
    * a trailing ``index.html``, ``index.htm``, ``index.php`` or ``default.aspx`` removed;
    * trailing slashes removed (the root stays ``/``).

    Everything else tells articles apart: other hosts and subdomains, ports, path case, and
    every other query parameter (``?id=1`` and ``?id=2`` are two articles). Never raises.
    """
    canonical = canonicalize(url)
    try:
        parts = urlsplit(canonical)
        if parts.scheme not in ("http", "https"):
            return canonical
        netloc = _fold_host(parts)
        query = strip_tracking(f"?{parts.query}", params)[1:] if parts.query else ""
        query = "&".join(piece for piece in query.split("&")
                         if piece and not _is_amp_switch(piece))
        return urlunsplit(("https", netloc, _fold_path(parts.path), query, ""))
    except ValueError:
        return canonical


# --- Content fingerprints -------------------------------------------------------------------

# Apostrophes are deleted, so that "don't", "don’t" and "dont" are one word.
_APOSTROPHES = ("'", "\u2019", "\u2018", "\u02bc")
_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")  # letters, digits and combining marks
# Scripts written without spaces between words: for shingles, each character is a word.
_SPACELESS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_HAS_SPACELESS = regex.compile(f"[{_SPACELESS}]")
_WORD_OR_CHAR = regex.compile(
    rf"[{_SPACELESS}]|[[\p{{L}}\p{{N}}\p{{M}}]--[{_SPACELESS}]]+", flags=regex.V1)


def _words(text: str | None, split_spaceless: bool = False) -> list[str]:
    if not text:
        return []
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    if split_spaceless and not text.isascii() and _HAS_SPACELESS.search(text):
        return _WORD_OR_CHAR.findall(text)
    return _WORD.findall(text)


def normalise_text(text: str | None) -> str:
    """`text` for comparison: NFKC, case-folded, punctuation and whitespace collapsed.

    Letters, digits and combining marks are kept, apostrophes are deleted (``don't`` and
    ``don’t`` give ``dont``), and every run of anything else (punctuation, symbols,
    whitespace) becomes one space, with none at the ends.
    """
    return " ".join(_words(text))


def fingerprint(title: str | None, body: str | None) -> str:
    """SHA-256 (hex) of the normalised title and body: equal for exact copies of an article.

    Copies that differ only in case, punctuation, whitespace or Unicode presentation forms get
    the same fingerprint; any change of a word gives another.
    """
    text = f"{normalise_text(title)}\n{normalise_text(body)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- Near duplicates: MinHash LSH in SQLite -------------------------------------------------

SHINGLE_WORDS = 5  # words per shingle
MIN_SHINGLES = 10  # texts with fewer distinct shingles (about 14 words) get no signature
NUM_PERM = 288  # MinHash permutations: 32 bands of 9 rows at the default threshold
DEFAULT_THRESHOLD = 0.8
SEED = 1  # datasketch's permutation seed; fixed, or stored signatures become meaningless
SIGNATURE_BITS = 16  # low bits kept of each MinHash value (b-bit MinHash)
_BUCKET_BITS = 47  # band hashes fit SQLite's 6-byte integers
_MINHASH_SLICE = 4096  # shingles per step of minhash_values: bounds its memory
# A fixed text whose signature is stored with the index: a changed signature function (another
# datasketch scheme, another hashing) is detected on opening instead of silently missing.
_PROBE_TEXT = ("The quick brown fox jumps over the lazy dog while the five boxing wizards jump "
               "quickly and a wizard's job is to vex chumps quickly in fog")


def _splitmix64(seed: int, count: int) -> list[int]:
    """`count` odd 64-bit constants from a fixed seed: stable across library versions."""
    values, state = [], seed
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        values.append((z ^ (z >> 31)) | 1)
    return values


_U64 = np.uint64
_SHINGLE_WEIGHTS = np.array(_splitmix64(0x5348494E474C45, SHINGLE_WORDS), dtype=_U64)


def _mix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, element-wise (wrapping uint64 arithmetic)."""
    values = values ^ (values >> _U64(33))
    values = values * _U64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> _U64(33))
    values = values * _U64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> _U64(33))


_WORD_HASHES: dict[str, int] = {}  # word -> 64-bit BLAKE2b, shared by all indexes
_WORD_HASHES_LIMIT = 1 << 17  # emptied when larger: a cache, not a vocabulary


def _word_hashes(words: Sequence[str]) -> np.ndarray:
    cache = _WORD_HASHES
    try:
        return np.fromiter(map(cache.__getitem__, words), dtype=_U64, count=len(words))
    except KeyError:
        if len(cache) > _WORD_HASHES_LIMIT:
            cache.clear()
        for word in set(words).difference(cache):
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            cache[word] = int.from_bytes(digest, "little")
        return np.fromiter(map(cache.__getitem__, words), dtype=_U64, count=len(words))


def shingle_words(text: str | None) -> list[str]:
    """The words that shingles are made of: `normalise_text`'s words, and each character of
    scripts written without spaces (Chinese, Japanese, Thai, ...) as a word of its own."""
    return _words(text, split_spaceless=True)


def shingle_hashes(text: str | None, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct 32-bit hashes of `text`'s `size`-word shingles (sorted uint32 array)."""
    return shingle_hashes_of_words(shingle_words(text), size)


def shingle_hashes_of_words(words: Sequence[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct 32-bit hashes of the `size`-word shingles of `words` (`shingle_words`).

    Each word is hashed once (BLAKE2b, 64 bits, cached); a shingle's hash mixes its words'
    hashes with a position weight each, so word order counts.
    """
    count = len(words) - size + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    hashes = _word_hashes(words)
    weights = _SHINGLE_WEIGHTS if size == SHINGLE_WORDS else np.array(
        _splitmix64(0x5348494E474C45, size), dtype=_U64)
    combined = hashes[:count] * weights[0]
    for position in range(1, size):
        combined += hashes[position:position + count] * weights[position]
    return np.unique((_mix64(combined) >> _U64(32)).astype(np.uint32))


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters (a, b) for scheme ``affine32``."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _mix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, element-wise: datasketch's pre-mix of input hashes."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash_values(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED
                   ) -> np.ndarray:
    """The MinHash of a set of 32-bit hashes: the same uint32 values as datasketch's
    ``MinHash(num_perm, seed, scheme="affine32")`` after ``update_batch(hashes)`` (identity
    hash function), computed in one vectorised step instead of a Python call per element."""
    a, b = _permutations(num_perm, seed)
    values = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(hashes), _MINHASH_SLICE):
        mixed = _mix32(np.asarray(hashes[start:start + _MINHASH_SLICE], dtype=np.uint32))
        permuted = np.empty((len(mixed), num_perm), dtype=np.uint32)
        np.multiply(mixed[:, None], a, out=permuted)  # wraps around: modulo 2^32
        np.add(permuted, b, out=permuted)
        np.minimum(values, permuted.min(axis=0), out=values)
    return values


def candidate_probability(jaccard: float, bands: int, rows: int) -> float:
    """LSH S-curve: the chance that a pair with this Jaccard similarity shares a band."""
    return 1.0 - (1.0 - jaccard ** rows) ** bands


def match_probability(jaccard: float, bands: int, rows: int, threshold: float,
                      num_perm: int | None = None) -> float:
    """The chance that `NearDuplicateIndex.query` reports a pair with this Jaccard similarity:
    it shares a band *and* its estimated similarity (equal values among `num_perm`, default
    ``bands * rows``) reaches `threshold`. Exact, for ideal independent permutations."""
    num_perm = bands * rows if num_perm is None else num_perm
    needed = math.ceil(threshold * num_perm - 1e-9)
    per_band = [math.comb(rows, k) * jaccard ** k * (1 - jaccard) ** (rows - k)
                for k in range(rows + 1)]
    # Probability of (equal values so far, some band entirely equal), band by band.
    states: dict[tuple[int, bool], float] = {(0, False): 1.0}
    for _ in range(bands):
        following: dict[tuple[int, bool], float] = {}
        for (equal, hit), probability in states.items():
            for k, p in enumerate(per_band):
                key = (equal + k, hit or k == rows)
                following[key] = following.get(key, 0.0) + probability * p
        states = following
    extra = num_perm - bands * rows  # values outside the bands count for the estimate only
    total = 0.0
    for (equal, hit), probability in states.items():
        if hit:
            total += probability * sum(
                math.comb(extra, k) * jaccard ** k * (1 - jaccard) ** (extra - k)
                for k in range(max(0, needed - equal), extra + 1))
    return total


def lsh_parameters(threshold: float, num_perm: int, recall: float = 0.99) -> tuple[int, int]:
    """(bands, rows) for `num_perm` values: the most rows per band (the steepest S-curve, so
    the fewest dissimilar candidates) that still give a pair at `threshold` a `recall` chance
    of sharing a band. 0.8 and 288 give 32 bands of 9 rows."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if candidate_probability(threshold, bands, rows) >= recall:
            best = (bands, rows)
    return best


class NearDuplicateIndex:
    """Near-duplicate texts among everything archived: MinHash LSH persisted in SQLite.

    **Signatures.** A text's words (`shingle_words`) form overlapping 5-word shingles; their
    set is summarised by a MinHash with datasketch's permutations (``MinHash(num_perm=288,
    seed=1, scheme="affine32")``, the same values, computed by `minhash_values`), of which
    the low 16 bits of each value (after a mixing step) are stored: 576 bytes a text. Equal
    16-bit values estimate the shingle sets' Jaccard similarity J (corrected for the 2^-16
    chance that different values agree). Texts with fewer than `min_shingles`
    distinct shingles (default 10, about 14 words) get no signature: `signature` returns None,
    `query` returns ``[]`` and `add` stores nothing (removing what the URL had).

    **Bands.** The 288 values are cut into 32 bands of 9 (`lsh_parameters`); each band is
    hashed to a 47-bit bucket. Texts sharing a bucket in any band are candidates, and a
    candidate is reported when its estimated J reaches `threshold`. Candidate chance by J
    (`candidate_probability`, the S-curve) and reporting chance (`match_probability`):

    ======  =========  ==========
    J       candidate  reported
    ======  =========  ==========
    0.30    0.0006     0
    0.50    0.061      0
    0.60    0.28       0
    0.70    0.73       0.0001
    0.75    0.92       0.022
    0.80    0.990      0.50
    0.85    0.9998     0.989
    0.90    1.0000     1.0000
    ======  =========  ==========

    So a pair at J >= 0.8 shares a band with probability >= 0.99 and one below 0.5 in fewer
    than 6 %; the reported set is cut at the estimate, whose standard error at J = 0.8 is
    0.024 (reporting rises from 2 % at 0.75 to 99 % at 0.85).

    **Tables** (`create_tables`: an archive's migrations create them, in another database
    the index does when they are missing):

    * ``minhash_meta(key, value)``: the parameters the stored signatures were made with;
    * ``minhash_signatures(id INTEGER PRIMARY KEY, article_url TEXT UNIQUE, signature BLOB)``;
    * ``minhash_bands(band, bucket, signature_id)``, a ``WITHOUT ROWID`` table whose primary
      key (band, bucket, signature_id) is the lookup index.

    One query is one indexed lookup per band plus a read of the candidates' signatures.
    Writes go through `writing`: inside the caller's transaction they join it (as a savepoint)
    and nothing is committed; outside one, each call takes the write lock first and commits on
    its own, so another process writing the same file is waited for, not failed on.

    The banding is fixed when the index is created (it is stored in ``minhash_meta``); a later
    `threshold` only moves the cut. Opening an index that holds signatures with another
    `num_perm`, or whose signatures this code no longer reproduces, raises ValueError.
    """

    def __init__(self, db: sqlite_utils.Database, threshold: float = DEFAULT_THRESHOLD,
                 num_perm: int = NUM_PERM, *, min_shingles: int = MIN_SHINGLES) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        if num_perm < 2:
            raise ValueError(f"num_perm must be at least 2, not {num_perm}")
        self.db = db
        self.threshold = threshold
        self.min_shingles = min_shingles
        self.num_perm = num_perm
        bands, rows = lsh_parameters(threshold, num_perm)
        with writing(db):
            self.create_tables(db)
            self.bands, self.rows = self._check_meta(bands, rows)
        self._row_weights = np.array(_splitmix64(0x42414E44, self.rows), dtype=_U64)
        values = ", ".join(["(?, ?)"] * self.bands)
        self._query_sql = (
            "SELECT s.article_url, s.signature FROM minhash_signatures AS s WHERE s.id IN ("
            " SELECT b.signature_id FROM (VALUES " + values + ") AS q"
            " JOIN minhash_bands AS b ON b.band = q.column1 AND b.bucket = q.column2)")

    # Schema -------------------------------------------------------------------------------

    @staticmethod
    def create_tables(db: sqlite_utils.Database) -> None:
        """Create the index's tables in `db`, those it lacks."""
        db.execute("CREATE TABLE IF NOT EXISTS minhash_meta ("
                   "key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS minhash_signatures ("
                   "id INTEGER PRIMARY KEY, article_url TEXT NOT NULL UNIQUE,"
                   " signature BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS minhash_bands ("
                   "band INTEGER NOT NULL, bucket INTEGER NOT NULL,"
                   " signature_id INTEGER NOT NULL,"
                   " PRIMARY KEY (band, bucket, signature_id)) WITHOUT ROWID")

    def _check_meta(self, bands: int, rows: int) -> tuple[int, int]:
        wanted = {"num_perm": str(self.num_perm), "bands": str(bands), "rows": str(rows),
                  "shingle_words": str(SHINGLE_WORDS), "seed": str(SEED),
                  "signature_bits": str(SIGNATURE_BITS), "scheme": "affine32",
                  "probe": self._signature_of_hashes(shingle_hashes(_PROBE_TEXT)).hex()}
        stored = dict(self.db.execute("SELECT key, value FROM minhash_meta").fetchall())
        empty = self.db.execute("SELECT 1 FROM minhash_signatures LIMIT 1").fetchone() is None
        if stored and not empty:
            fixed = {key: value for key, value in wanted.items() if key not in ("bands", "rows")}
            changed = sorted(key for key, value in fixed.items() if stored.get(key) != value)
            if changed:
                raise ValueError(
                    "the near-duplicate index in this database was built with other signature "
                    f"parameters ({', '.join(changed)}); rebuild it: "
                    "NearDuplicateIndex.drop(db), then add the texts again")
            return int(stored["bands"]), int(stored["rows"])
        if stored != wanted:
            self.db.execute("DELETE FROM minhash_meta")
            self.db.conn.executemany("INSERT INTO minhash_meta (key, value) VALUES (?, ?)",
                                     sorted(wanted.items()))
        return bands, rows

    @staticmethod
    def drop(db: sqlite_utils.Database) -> None:
        """Remove the index's tables from `db` (all signatures are lost)."""
        with writing(db):
            for table in ("minhash_bands", "minhash_signatures", "minhash_meta"):
                db.execute(f"DROP TABLE IF EXISTS {table}")

    # Signatures ---------------------------------------------------------------------------

    def _signature_of_hashes(self, hashes: np.ndarray) -> bytes:
        values = minhash_values(hashes, self.num_perm, SEED)
        # A bijective mix before truncating, so that equal low bits of different values are
        # chance (2^-16), not structure.
        low_bits = _mix64(values.astype(_U64)) & _U64((1 << SIGNATURE_BITS) - 1)
        return low_bits.astype("<u2").tobytes()

    def signature(self, text: str) -> bytes | None:
        """`text`'s signature (``num_perm`` little-endian 16-bit values), or None when the text
        has fewer than `min_shingles` distinct shingles. Accepted by `query` and `add`."""
        return self.signature_of_words(shingle_words(text))

    def signature_of_words(self, words: Sequence[str]) -> bytes | None:
        """The signature of a text whose `shingle_words` are `words`, for callers that have
        them already: ``signature(text) == signature_of_words(shingle_words(text))``."""
        hashes = shingle_hashes_of_words(words)
        if len(hashes) < self.min_shingles:
            return None
        return self._signature_of_hashes(hashes)

    def _as_signature(self, text_or_signature: str | bytes | None) -> bytes | None:
        if text_or_signature is None or isinstance(text_or_signature, str):
            return self.signature(text_or_signature or "")
        signature = bytes(text_or_signature)
        if len(signature) != 2 * self.num_perm:
            raise ValueError(f"a signature of this index has {2 * self.num_perm} bytes, "
                             f"not {len(signature)}")
        return signature

    def similarity(self, first: bytes, second: bytes) -> float:
        """Estimated Jaccard similarity of the texts behind two signatures."""
        equal = np.count_nonzero(np.frombuffer(first, dtype="<u2")
                                 == np.frombuffer(second, dtype="<u2"))
        return self._estimate(np.array([equal]))[0]

    def _estimate(self, equal: np.ndarray) -> list[float]:
        chance = 2.0 ** -SIGNATURE_BITS  # different values agree by chance in the low bits
        estimates = (equal / self.num_perm - chance) / (1.0 - chance)
        return np.clip(estimates, 0.0, 1.0).tolist()

    def _buckets(self, signature: bytes) -> list[tuple[int, int]]:
        values = np.frombuffer(signature, dtype="<u2")[: self.bands * self.rows]
        rows = values.astype(_U64).reshape(self.bands, self.rows)
        hashes = _mix64((rows * self._row_weights).sum(axis=1, dtype=_U64))
        buckets = (hashes >> _U64(64 - _BUCKET_BITS)).tolist()
        return list(enumerate(buckets))

    # Reads and writes ---------------------------------------------------------------------

    def query(self, text_or_signature: str | bytes, exclude: str | None = None
              ) -> list[tuple[str, float]]:
        """The indexed articles whose estimated similarity to the text reaches the threshold,
        as (article_url, estimated Jaccard similarity), most similar first; `exclude` (e.g.
        the article's own URL) is left out."""
        signature = self._as_signature(text_or_signature)
        if signature is None:
            return []
        parameters = [value for pair in self._buckets(signature) for value in pair]
        rows = [(url, blob) for url, blob in self.db.execute(self._query_sql, parameters)
                if url != exclude and len(blob) == len(signature)]
        if not rows:
            return []
        stored = np.frombuffer(b"".join(blob for _, blob in rows), dtype="<u2")
        equal = (stored.reshape(len(rows), self.num_perm)
                 == np.frombuffer(signature, dtype="<u2")).sum(axis=1)
        found = [(url, estimate) for (url, _), estimate in zip(rows, self._estimate(equal),
                                                              strict=True)
                 if estimate >= self.threshold - 1e-12]
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def add(self, article_url: str, text_or_signature: str | bytes) -> None:
        """Index `article_url` under the text's signature, replacing what it had. A text too
        short for a signature is not indexed (and the URL's earlier signature is removed)."""
        signature = self._as_signature(text_or_signature)
        with writing(self.db):
            row = self.db.execute("SELECT id, signature FROM minhash_signatures"
                                  " WHERE article_url = ?", [article_url]).fetchone()
            if row is not None:
                signature_id, old = row
                if old == signature:
                    return
                self._delete_bands(signature_id, old)
                if signature is None:
                    self.db.execute("DELETE FROM minhash_signatures WHERE id = ?",
                                    [signature_id])
                    return
                self.db.execute("UPDATE minhash_signatures SET signature = ? WHERE id = ?",
                                [signature, signature_id])
            elif signature is None:
                return
            else:
                signature_id = self.db.execute(
                    "INSERT INTO minhash_signatures (article_url, signature) VALUES (?, ?)",
                    [article_url, signature]).lastrowid
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, bucket, signature_id)"
                " VALUES (?, ?, ?)",
                [(band, bucket, signature_id) for band, bucket in self._buckets(signature)])

    def remove(self, article_url: str) -> None:
        """Take `article_url` out of the index (nothing happens when it is not there)."""
        with writing(self.db):
            row = self.db.execute("SELECT id, signature FROM minhash_signatures"
                                  " WHERE article_url = ?", [article_url]).fetchone()
            if row is not None:
                self._delete_bands(*row)
                self.db.execute("DELETE FROM minhash_signatures WHERE id = ?", [row[0]])

    def _delete_bands(self, signature_id: int, signature: bytes) -> None:
        if len(signature) != 2 * self.num_perm:
            self.db.execute("DELETE FROM minhash_bands WHERE signature_id = ?", [signature_id])
            return
        self.db.conn.executemany(
            "DELETE FROM minhash_bands WHERE band = ? AND bucket = ? AND signature_id = ?",
            [(band, bucket, signature_id) for band, bucket in self._buckets(signature)])

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0]

    def __contains__(self, article_url: object) -> bool:
        return self.db.execute("SELECT 1 FROM minhash_signatures WHERE article_url = ?",
                               [article_url]).fetchone() is not None

