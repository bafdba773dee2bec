"""Fixtures for the crawl tests: a misbehaving HTTP server on 127.0.0.1 and declarations."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

POLICY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script>var analytics = 1;</script></head><body>
<nav><a href="/">Home</a><a href="/help">Help</a></nav>
<div class="cookie-banner">We use cookies. <button>OK</button></div>
<main><h1>{title}</h1>
<p>We do not allow anyone to share intimate images of another person without their consent.
Anyone can report such images with our dedicated report form, and we reply within 24 hours.</p>
<p>{extra}</p></main>
<footer>Copyright 2024 Example</footer></body></html>"""

BIG5_PAGE = ("<html><head><title>私隱政策</title></head><body><main><h1>私隱政策</h1>"
             "<p>本網站禁止未經同意發佈他人的私密影像。任何人均可使用舉報表格舉報。</p>"
             "</main></body></html>")

SHELL = ("<!DOCTYPE html><html><head><title>App</title></head><body><div id=\"root\"></div>"
         "<noscript>You need to enable JavaScript to run this app.</noscript>"
         "<script src=\"/static/app.js\"></script></body></html>")

# An application shell whose script writes the policy: readable only once rendered.
RENDERED_SHELL = ("<!DOCTYPE html><html><head><title>App</title></head><body><div id=\"root\">"
                  "</div><noscript>Enable JavaScript.</noscript><script>"
                  "document.getElementById('root').innerHTML = '<main><h1>Rules</h1><p>' + "
                  "'We remove intimate images shared without consent. '.repeat(12) + "
                  "'</p></main>';</script></body></html>")

LOGIN = ("<html><body><h1>Log in</h1><form action=\"/login\" method=\"post\">"
         "<input name=\"user\"><input name=\"pass\" type=\"password\"><button>Go</button>"
         "</form></body></html>")

# A reporting form reached through a redirect that carries a sign-in return address: the
# page itself reads as a form, only the final URL shows an account is expected.
REDIRECTED_FORM = ("<!DOCTYPE html><html lang=\"en\"><head><title>Contact us</title>"
                   "<link rel=\"alternate\" hreflang=\"zh-Hant\" href=\"/zh/help/contact\">"
                   "</head><body><main><h1>Report a problem</h1><form action=\"/send\">"
                   "<label for=\"d\">Describe the problem</label><textarea id=\"d\" name=\"d\">"
                   "</textarea><button>Send</button></form></main></body></html>")

MALFORMED = ("<html><head><title>Rules</title><body><main><h1>Community rules<p>No nudity or "
             "sexual content.<ul><li>No spam<li>No harassment</ul><div><span>Be kind"
             "</main></table></body>")

# A one-page PDF whose text is "No intimate images without consent" (no xref table: PDFium
# reads it all the same), written by tests/crawl/pdf/make.py.
PDF = (Path(__file__).parent / "pdf" / "one-line.pdf").read_bytes()

MAXSIZE = 64 * 1024


class FaultHandler(BaseHTTPRequestHandler):
    """Each path misbehaves in one way; hits are counted per path."""

    protocol_version = "HTTP/1.1"
    hits: dict[str, list[float]] = defaultdict(list)
    agents: set[str] = set()
    etag = '"v1"'

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None, length: int | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per fault keeps the server readable
        path = self.path.split("?")[0]
        self.hits[path].append(time.monotonic())
        self.agents.add(self.headers.get("User-Agent", ""))
        n = len(self.hits[path])
        page = POLICY.format(title=path.strip("/"), extra="").encode()
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/ok":
            if self.headers.get("If-None-Match") == self.etag:
                self.send(304, ctype="", headers={"ETag": self.etag})
            else:
                self.send(200, page, headers={"ETag": self.etag})
        elif path == "/slow":
            time.sleep(2.5)
            self.send(200, page)
        elif path == "/busy":
            if n == 1:
                self.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self.send(200, page)
        elif path == "/flaky":
            self.send(500, b"oops", "text/plain") if n == 1 else self.send(200, page)
        elif path in ("/loop-a", "/loop-b"):
            other = "/loop-b" if path == "/loop-a" else "/loop-a"
            self.send(302, b"", "text/html", {"Location": other})
        elif path == "/huge":
            self.send(200, b"<p>" + b"x" * (4 * MAXSIZE) + b"</p>")
        elif path == "/huge-stream":  # no Content-Length: the size is only known by reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(8):
                    self.wfile.write(b"<p>" + b"y" * MAXSIZE + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/bomb":
            self.send(200, gzip.compress(b"\0" * (50 * MAXSIZE)), headers={
                "Content-Encoding": "gzip"})
        elif path == "/big5":
            self.send(200, BIG5_PAGE.encode("big5"), "text/html")
        elif path == "/app":
            self.send(200, SHELL.encode())
        elif path == "/app-rendered":
            self.send(200, RENDERED_SHELL.encode())
        elif path == "/form":
            self.send(302, b"", headers={"Location": "/accounts/login?next=/form"})
        elif path == "/contact":
            self.send(302, b"", headers={"Location": "/help/contact?return_to=%2Fcontact"})
        elif path == "/help/contact":
            self.send(200, REDIRECTED_FORM.encode())
        elif path == "/accounts/login":
            self.send(200, LOGIN.encode())
        elif path == "/private/policy":
            self.send(200, page)
        elif path == "/photo":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 200_000, "image/png")
        elif path == "/malformed":
            self.send(200, MALFORMED.encode())
        elif path == "/nested":  # 2,000 levels: refused, never a stalled crawl
            self.send(200, NESTED.encode())
        elif path == "/policy.pdf":
            self.send(200, PDF, "application/pdf")
        else:
            self.send(404, b"not found", "text/plain")


NESTED = ("<html><body><main>" + "<div>" * 2_000 + "<p>Deep.</p>" + "</div>" * 2_000
          + "</main></body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # every fault is fetched at once


@pytest.fixture(scope="module")
def fault_server() -> Iterator[str]:
    FaultHandler.hits, FaultHandler.agents = defaultdict(list), set()
    server = _Server(("127.0.0.1", 0), FaultHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_platforms(directory: Path, documents: dict[str, dict]) -> Path:
    """One declaration per slug, each with the given ``documents`` mapping."""
    directory.mkdir(parents=True, exist_ok=True)
    for slug, docs in documents.items():
        data = {"name": {"en": slug.title()}, "category": "social_media",
                "domains": [f"{slug.replace('_', '-')}.example.org"], "documents": docs}
        (directory / f"{slug}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return directory


# Fast and permissive on a local server: short timeouts, no politeness delays.
TEST_SETTINGS = {
    "DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1, "DOWNLOAD_MAXSIZE": MAXSIZE,
    "DOWNLOAD_WARNSIZE": 0, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "TADA_RETRY_AFTER_MAX": 5,
}


def archive_files(archive: Path) -> dict[str, int]:
    """Every file under snapshots/ and versions/, with its size."""
    return {str(p.relative_to(archive)): p.stat().st_size
            for sub in ("snapshots", "versions") for p in (archive / sub).rglob("*")
            if p.is_file()}


def leftovers(archive: Path) -> list[Path]:
    """Temporary files a crash or a bug would leave half-written."""
    return [p for p in archive.rglob("*") if p.name.endswith((".tmp", ".part"))]


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above, for test modules (conftest is not importable by name)."""
    return SimpleNamespace(write_platforms=write_platforms, archive_files=archive_files,
                           leftovers=leftovers, settings=dict(TEST_SETTINGS), maxsize=MAXSIZE,
                           hits=lambda: FaultHandler.hits, agents=lambda: FaultHandler.agents)
