"""Site profiles: declarative per-site selectors that win over the generic rules.

The format is documented in this folder's README.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree
from parsel import Selector, SelectorList

from ...dedupe import absolute_url, site_of
from ..text import collapse

PROFILES_DIR = Path(__file__).parent
LIST_FIELDS = {"body", "authors", "tags", "attribution"}
URL_FIELDS = {"canonical_url", "prev_url", "next_url", "image_url"}
FIELDS = LIST_FIELDS | URL_FIELDS | {"title", "published", "modified", "language", "description",
                                     "section", "publisher"}


class ProfileError(ValueError):
    """A profile file that cannot be used, with the file and the reason."""


@dataclass(frozen=True)
class Profile:
    name: str
    domains: tuple[str, ...]
    fields: dict[str, str]
    remove: tuple[str, ...] = ()
    test_page: str | None = None

    def matches(self, url: str) -> bool:
        host = site_of(url).split(":")[0]
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)

    def remove_from(self, page: Selector) -> None:
        """Cut the profile's `remove` selectors out of the parsed page, in place."""
        for selector in self.remove:
            for element in select(page, selector):
                node = element.root
                if isinstance(node, etree._Element) and node.getparent() is not None:
                    node.drop_tree()

    def extract(self, page: Selector, url: str) -> dict[str, object]:
        """The fields this profile names, for the values it finds on the page."""
        found: dict[str, object] = {}
        for name, selector in self.fields.items():
            values = [value for value in (_text(match) for match in select(page, selector))
                      if value]
            if name in URL_FIELDS:
                values = [link for link in (absolute_url(url, value) for value in values) if link]
            if values:
                found[name] = values if name in LIST_FIELDS else values[0]
        return found


def select(page: Selector, selector: str) -> SelectorList:
    kind, _, expression = selector.partition(":")
    return page.css(expression) if kind == "css" else page.xpath(expression)


def _text(match: Selector) -> str:
    node = match.root
    if isinstance(node, etree._Element):
        return collapse(match.xpath("string()").get())
    return collapse(str(node))


def load_profile(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"{path}: {error}") from error
    domains = data.get("domains")
    if not domains or not all(isinstance(d, str) for d in domains):
        raise ProfileError(f"{path}: `domains` must be a non-empty list of host names")
    fields = data.get("fields", {})
    unknown = set(fields) - FIELDS
    if unknown:
        raise ProfileError(f"{path}: unknown fields {sorted(unknown)}; known: {sorted(FIELDS)}")
    selectors = list(fields.values()) + list(data.get("remove", {}).get("selectors", []))
    for selector in selectors:
        _check_selector(path, selector)
    return Profile(name=path.stem, domains=tuple(d.lower().removeprefix("www.") for d in domains),
                   fields=dict(fields), remove=tuple(data.get("remove", {}).get("selectors", [])),
                   test_page=data.get("test_page"))


def _check_selector(path: Path, selector: object) -> None:
    if not isinstance(selector, str) or not selector.startswith(("css:", "xpath:")):
        raise ProfileError(f"{path}: selector {selector!r} must start with css: or xpath:")
    try:
        select(Selector(text="<html></html>"), selector)
    except Exception as error:  # parsel raises several kinds for a bad expression
        raise ProfileError(f"{path}: selector {selector!r} is invalid: {error}") from error


@cache
def load_profiles(folder: Path = PROFILES_DIR) -> tuple[Profile, ...]:
    """Every profile in `folder`, sorted by file name; raises ProfileError on a bad file."""
    return tuple(load_profile(path) for path in sorted(folder.glob("*.toml")))


def profile_for(url: str, profiles: tuple[Profile, ...]) -> Profile | None:
    return next((profile for profile in profiles if profile.matches(url)), None)
