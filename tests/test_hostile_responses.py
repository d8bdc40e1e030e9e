"""End to end: responses that must not sink a run (a redirect loop, a server that never
answers, a 500, a binary file, a response over the size limit, a truncated body) are each
recorded in `errors` with a clear reason, and the rest of the crawl is archived."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from archiver.demo import DemoSite
from archiver.demo.site import HTML

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


class HostileHandler(BaseHTTPRequestHandler):
    """The demo site's first article; the other paths answer badly."""

    site = DemoSite(DemoSite.load().articles[:1])

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        base_url = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        if self.path == "/loop/":
            return self.answer(302, b"", location="/loop/")
        if self.path == "/silent/":
            time.sleep(4)  # longer than the crawl's DOWNLOAD_TIMEOUT
            return self.answer(200, b"<html><body><p>Too late.</p></body></html>")
        if self.path == "/broken/":
            return self.answer(500, b"Internal Server Error", content_type="text/plain")
        if self.path == "/photo.png":
            return self.answer(200, PNG, content_type="image/png")
        if self.path == "/huge/":
            return self.answer(200, b"<html><body>" + b"<p>words words</p>" * 20000)
        if self.path == "/truncated/":
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><article><h1>Cut</h1><p>The connection dro")
            return None
        status, content_type, body = self.site.render(self.path, base_url)
        return self.answer(status, body, content_type=content_type)

    def answer(self, status: int, body: bytes, content_type: str = HTML,
               location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet."""


@pytest.fixture
def hostile_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_hostile_responses_are_recorded_as_errors_and_the_run_archives_the_rest(
        crawl, hostile_site, archive_path, open_archive):
    article = HostileHandler.site.articles[0]
    good = hostile_site + HostileHandler.site.article_path(article)
    bad = ["/loop/", "/silent/", "/broken/", "/photo.png", "/huge/", "/truncated/"]
    crawl(archive_path, ",".join([good, *(hostile_site + path for path in bad)]),
          settings={"DOWNLOAD_TIMEOUT": "1", "DOWNLOAD_MAXSIZE": "100000", "RETRY_TIMES": "1"})
    archive = open_archive(archive_path)
    assert [row["title"] for row in archive.db["articles"].rows] == [article.title]
    errors = {row["url"].removeprefix(hostile_site): (row["status"], row["reason"])
              for row in archive.db["errors"].rows}
    assert set(errors) == set(bad)
    assert errors["/broken/"] == (500, "HTTP 500")
    assert errors["/photo.png"] == (200, "not an HTML page: image/png")
    assert "max redirections" in errors["/loop/"][1] and "/loop/ -> " in errors["/loop/"][1]
    assert "took longer than 1.0 seconds" in errors["/silent/"][1]
    assert "larger than download max size" in errors["/huge/"][1]
    assert errors["/truncated/"][1].startswith("ResponseDataLossError: ")
    assert "complete response" in errors["/truncated/"][1]
    run = next(archive.db["crawl_runs"].rows)
    assert (run["status"], run["articles"], run["errors"]) == ("finished", 1, len(bad))
    # The answers that came are kept as they came.
    assert {row["url"].removeprefix(hostile_site) for row in archive.db["pages"].rows} >= {
        "/broken/", "/photo.png"}
