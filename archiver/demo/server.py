"""Serve a :class:`DemoSite` over HTTP on localhost, for the ``archiver demo`` command and tests.

Run ``python -m archiver.demo.server [--port N]`` to browse the packaged site until Ctrl-C.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from archiver.demo.site import DemoSite

logger = logging.getLogger(__name__)


class _DemoServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: DemoSite) -> None:
        super().__init__(address, _Handler)
        self.site = site
        host, port = self.server_address[:2]
        self.base_url = f"http://{host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: _DemoServer
    server_version = "DemoNews/1.0"

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        try:
            status, content_type, body = self.server.site.render(self.path, self.server.base_url)
        except Exception:
            logger.exception("demo site failed to render %s", self.path)
            status, content_type, body = 500, "text/plain; charset=utf-8", b"Internal error\n"
        # Validators as news sites' servers and CDNs send them: a client that shows the ETag
        # of the page it holds gets "304 Not Modified", no body, while the page is unchanged.
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        if status == 200 and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if status == 200:
            self.send_header("ETag", etag)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base signature)
        """Stay quiet: no access log on stderr."""


@contextmanager
def serve(site: DemoSite | None = None, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``site`` (the packaged one by default) in a daemon thread; yield its base URL.

    ``port=0`` picks a free port. Pages are rendered per request, so changes made to
    ``site.articles`` while serving show up in the next response.
    """
    server = _DemoServer((host, port), site if site is not None else DemoSite.load())
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="demo-site", daemon=True
    )
    thread.start()
    try:
        yield server.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the bundled demo news site.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    args = parser.parse_args(argv)
    with serve(host=args.host, port=args.port) as base_url:
        print(f"Demo news site at {base_url}/ (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print()


if __name__ == "__main__":
    main()
