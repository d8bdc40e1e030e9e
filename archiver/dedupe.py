"""URL canonicalisation and site identity: the keys that keep one article one row."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from w3lib.url import canonicalize_url


def canonicalize(url: str) -> str:
    """The form of `url` used as a key: w3lib's canonical form, fragment dropped."""
    try:
        return canonicalize_url(url, keep_fragments=False)
    except ValueError:  # e.g. a broken IPv6 host: keep the URL as it is
        return url


def absolute_url(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when either is not a usable URL."""
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


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
