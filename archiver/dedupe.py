"""URL canonicalisation and site identity: the keys that keep one article one row."""

from __future__ import annotations

from urllib.parse import urlsplit

from w3lib.url import canonicalize_url


def canonicalize(url: str) -> str:
    """The form of `url` used as a key: w3lib's canonical form, fragment dropped."""
    return canonicalize_url(url, keep_fragments=False)


def site_of(url: str) -> str:
    """The host (and explicit non-default port) that identifies a site, without ``www.``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port and port not in (80, 443) else host


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on the same site (``www.`` and scheme ignored)."""
    return site_of(url) == site_of(other) and site_of(url) != ""
