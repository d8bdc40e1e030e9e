"""What an archive already knows of a chain, for a crawl that fetches only what is new.

An incremental crawl (`scrapy crawl chain -a incremental=true`) walks over the articles it has
archived along the links it stored, without fetching them, and fetches an article only when it
is new, or when it ends the known part of the chain (its stored link in the walk's direction is
empty: a newer article may have been published since). A run killed half-way is so resumed by
the next: it walks over what the killed run archived to where it stopped.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .archive import read_only

COLUMNS = {"prev": "prev_url", "next": "next_url"}


class KnownLinks:
    """The archive at `path`, read only: each archived article's stored prev / next link, by
    the article's key (`dedupe.article_key`). An archive not there yet knows nothing."""

    def __init__(self, path: str | Path):
        path = Path(path)
        self.connection = read_only(path) if path.is_file() else None

    def link(self, key: str, direction: str) -> str | None:
        """The stored `direction` ("prev" or "next") link of the article archived under `key`;
        None when the article is not archived or that link is empty."""
        if self.connection is None:
            return None
        try:
            row = self.connection.execute(
                f"SELECT {COLUMNS[direction]} FROM articles WHERE key = ?", [key]).fetchone()
        except sqlite3.OperationalError:  # an archive file the pipeline has not set up yet
            return None
        return row[0] if row else None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
