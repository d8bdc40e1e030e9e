"""A small fake news site on 127.0.0.1 whose data is the ground truth for crawl tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archiver.demo.site import LINK_STYLES, DemoArticle, DemoComment, DemoSite, NavLink

if TYPE_CHECKING:
    from archiver.demo.server import serve

__all__ = ["LINK_STYLES", "DemoArticle", "DemoComment", "DemoSite", "NavLink", "serve"]


def __getattr__(name: str) -> object:
    # Imported lazily so that `python -m archiver.demo.server` does not find its own module
    # already imported by this package (runpy warns about that).
    if name == "serve":
        from archiver.demo.server import serve

        return serve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
