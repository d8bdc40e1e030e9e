"""`archiver export`: a table of the archive as JSON Lines, CSV or Parquet, streamed.

JSON Lines keeps the list columns (authors, tags, attribution) as lists; CSV holds them as JSON
text; Parquet as lists of strings, each column typed as SQLite declares it. The file is written
beside its destination and renamed into place when complete, so a failed export leaves no
half-written file and never replaces a good one.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import IO

import sqlite_utils

from .archive import JSON_COLUMNS, decode_row
from .errors import CommandError

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "comments")
BATCH = 1000  # rows held at once: the archive is streamed, never read whole


def export(db: sqlite_utils.Database, table: str, output_format: str, output: str) -> int:
    """Write every row of `table` to `output` (a path, or "-" for standard output) in
    `output_format`; the number of rows written."""
    if table not in TABLES or output_format not in FORMATS:
        raise CommandError(f"export writes {', '.join(TABLES)} as {', '.join(FORMATS)}, "
                           f"not {table} as {output_format}")
    columns = _columns(db, table)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[output_format]
    rows = _rows(db, table, columns)
    if output == "-":
        if output_format == "parquet":
            raise CommandError("parquet is written to a file, not to standard output")
        return writer(sys.stdout, columns, rows)
    refuse_the_archive(db, output)
    binary = output_format == "parquet"
    with replaced_on_success(Path(output), binary) as stream:
        return writer(stream, columns, rows)


def _columns(db: sqlite_utils.Database, table: str) -> dict[str, str]:
    """Column name -> declared SQLite type, generated columns (`articles.site`) included."""
    return {name: kind.upper() for _, name, kind, *_ in
            db.execute(f"SELECT * FROM pragma_table_xinfo('{table}') WHERE hidden != 1")}


def _rows(db: sqlite_utils.Database, table: str, columns: dict[str, str]) -> Iterator[dict]:
    names = ", ".join(f'"{name}"' for name in columns)
    cursor = db.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
    for values in cursor:
        yield decode_row(dict(zip(columns, values, strict=True)))


def _write_jsonl(stream: IO, columns: dict[str, str], rows: Iterator[dict]) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(stream: IO, columns: dict[str, str], rows: Iterator[dict]) -> int:
    writer = csv.DictWriter(stream, fieldnames=list(columns))
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: json.dumps(value, ensure_ascii=False)
                         if isinstance(value, list) else value for name, value in row.items()})
        count += 1
    return count


def _write_parquet(stream: IO, columns: dict[str, str], rows: Iterator[dict]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CommandError("parquet needs pyarrow: pip install -e '.[export]'") from None
    types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "FLOAT": pa.float64(),
             "BLOB": pa.binary()}
    schema = pa.schema([(name, pa.list_(pa.string()) if name in JSON_COLUMNS
                         else types.get(kind, pa.string())) for name, kind in columns.items()])
    count = 0
    with pq.ParquetWriter(stream, schema) as writer:
        while batch := list(islice(rows, BATCH)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def refuse_the_archive(db: sqlite_utils.Database, output: str) -> None:
    """An export never writes over the archive it reads."""
    if Path(output).resolve() == Path(db.conn.execute("PRAGMA database_list").fetchone()[2]):
        raise CommandError(f"{output} is the archive itself: choose another --output")


def _mode_of_a_file_written_to(path: Path) -> int:
    """The permissions `open(path, "w")` would leave (mkstemp's are 0600, for the owner alone):
    an existing file's own, else 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # reading the umask means setting it: put it straight back
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def replaced_on_success(path: Path, binary: bool) -> Iterator[IO]:
    """A stream to a temporary file beside `path`, renamed to `path` when the block ends
    without an error and removed when it does not."""
    if not path.parent.is_dir():
        raise CommandError(f"cannot write {path}: no folder {path.parent}")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".part")
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror}") from None
    try:
        os.fchmod(handle, _mode_of_a_file_written_to(path))
        with os.fdopen(handle, "wb" if binary else "w", encoding=None if binary else "utf-8",
                       newline=None if binary else "") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
