"""A loopback web site for the link tests: pages, redirects, slow, dripping and endless answers.

Served by ``http.server`` in a thread on a free port. Every handler loop is bounded in time
(``MAX_SECONDS``) and stops when the site closes, so no test can hang on it.
"""

from __future__ import annotations

import contextlib
import html
import http.server
import io
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .conftest import SAMPLE_MD

MAX_SECONDS = 10.0
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
LOGIN = b"""<!DOCTYPE html><html><head><title>Sign in</title></head><body>
<form method="post" action="/session"><h1>Subscribers only</h1><p>Sign in to keep reading.</p>
<label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button>Sign in</button></form></body></html>"""


def sample_html() -> bytes:
    """The sample article as a plain saved web page."""
    paras = [p.strip() for p in SAMPLE_MD.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    title = re.sub(r"^#+\s*", "", paras[0])
    body = "\n".join(f"<p>{html.escape(re.sub(r'[#*_]', '', p))}</p>" for p in paras[1:])
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"</head><body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    )
    return page.encode("utf-8")


def sample_docx() -> bytes:
    import docx

    document = docx.Document()
    for para in SAMPLE_MD.read_text(encoding="utf-8").split("\n\n"):
        if para.strip():
            document.add_paragraph(re.sub(r"[#*_]", "", para.strip()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@dataclass
class Site:
    """A running site: its base URL and what it was asked for (path, User-Agent)."""

    host: str
    port: int
    hits: list[tuple[str, str]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"


def _handler(site: Site, pages: dict[str, tuple[str, bytes]]) -> type:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            site.hits.append((self.path, self.headers.get("User-Agent", "")))
            path = self.path.split("?")[0]
            if path in pages:
                self._send(200, *pages[path])
            elif m := re.fullmatch(r"/redirect/(\d+)", path):
                hops = int(m.group(1))
                self._redirect(f"/redirect/{hops - 1}" if hops > 1 else "/article.html")
            elif path in REDIRECTS:
                self._redirect(REDIRECTS[path].format(port=site.port))
            elif path == "/slow":
                site.stop.wait(MAX_SECONDS)  # no answer at all until the site closes
                self._send(200, "text/html", b"<p>too late</p>")
            elif path in ("/drip", "/endless"):
                self._stream(path == "/drip")
            elif path == "/private":
                self._send(401, "text/html", b"<p>Sign in</p>")
            else:
                self._send(404, "text/html", b"<p>Not found</p>")

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up first (a timeout test)
                self.wfile.write(body)

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _stream(self, drip: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            deadline = time.monotonic() + MAX_SECONDS
            chunk = b"<p>x</p>" if drip else b"<p>" + b"word " * 13_000 + b"</p>\n"
            try:
                while time.monotonic() < deadline and not site.stop.is_set():
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    if drip:
                        site.stop.wait(0.1)
            except OSError:  # the client stopped reading: what the test wants
                pass

    return Handler


REDIRECTS = {
    "/to-file": "file:///etc/passwd",
    "/to-loopback": "http://127.0.0.1:{port}/article.html",
    "/to-localhost": "http://localhost:{port}/article.html",
    "/to-private": "http://10.1.2.3/article.html",
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-octal": "http://0177.0.0.1:{port}/article.html",  # loopback to some resolvers
}


@contextmanager
def serve_site(host: str = "127.0.0.1") -> Iterator[Site]:
    """Run the site on ``host`` (any loopback address) and a free port."""
    pages = {
        "/article.html": ("text/html; charset=utf-8", sample_html()),
        "/mislabelled": ("image/jpeg", sample_html()),
        "/report.docx": ("text/html", sample_docx()),
        "/image.html": ("text/html", PNG),
        "/login": ("text/html", LOGIN),
    }
    site = Site(host, 0)
    server = http.server.ThreadingHTTPServer((host, 0), _handler(site, pages))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(MAX_SECONDS)
