"""`archiver browse`: the archive in Datasette on 127.0.0.1, with the metadata beside this
module (`browse.yml`): titles, plain descriptions, facets, full-text search, canned queries,
internal tables hidden."""

from __future__ import annotations

import signal
import socket
from importlib import resources
from pathlib import Path

from .errors import CommandError

HOST = "127.0.0.1"  # the archive is shown to this machine only
DEFAULT_PORT = 8001  # Datasette's own
EXTRA = "browse"  # the pip extra that installs Datasette


def metadata_for(path: Path) -> dict:
    """The packaged metadata, its database part under the name Datasette gives `path`."""
    import yaml  # Datasette's own dependency

    metadata = yaml.safe_load(resources.files(__package__).joinpath("browse.yml").read_text())
    metadata["databases"] = {path.stem: metadata["databases"]["archive"]}
    return metadata


def check_port_free(port: int) -> None:
    """Fail clearly now rather than after Datasette has started: is `port` free on HOST?"""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise CommandError(f"cannot serve on {HOST}:{port} ({error.strerror}): "
                               "choose another port with --port") from None


def app_for(path: Path, port: int):
    """The Datasette ASGI app of the archive at `path`, once Datasette is known installed and
    `port` free."""
    try:
        from datasette.app import Datasette
    except ImportError:
        raise CommandError(f"browsing needs Datasette: pip install -e '.[{EXTRA}]'"
                           ) from None
    check_port_free(port)
    # Datasette's documented ASGI app, as `datasette serve` runs it, with the metadata given
    # as data (the database is named after the file, so the metadata must be too).
    return Datasette([str(path)], metadata=metadata_for(path)).app()


def serve(app, port: int) -> None:
    """Serve `app` on HOST until stopped (Ctrl-C or SIGTERM: a clean shutdown)."""
    import uvicorn  # Datasette's own server

    # Uvicorn shuts down on SIGTERM, then raises it again: let it end the run as Ctrl-C does.
    terminate = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        uvicorn.run(app, host=HOST, port=port, log_level="info")
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, terminate)
