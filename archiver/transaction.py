"""Write transactions for an archive that several processes open at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[None]:
    """A write transaction that takes the write lock when it begins. A deferred one that reads
    first cannot wait for another process's write to end: it fails at once, "database is
    locked"; this one waits up to the busy timeout. Writes nested in it, or in a transaction a
    caller holds, join that one (`db.atomic()`'s savepoints)."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
