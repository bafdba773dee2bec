"""One document for ``tada classify``: a local file or a page fetched over HTTP(S).

Fetching here is a single plain GET of a policy page, for a person checking one document;
crawls go through the Scrapy spider. Only text (HTML, XHTML, plain text) is accepted.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from core.errors import TadaError
from core.i18n import t
from crawlers.extract import ExtractionError, decode_html
from crawlers.settings import TADA_CONTACT_URL, user_agent

USER_AGENT = user_agent(TADA_CONTACT_URL)  # the crawl's own, so sites see one project
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 30
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain", "text/markdown"}
_SUFFIX_KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown",
                 ".markdown": "markdown", ".txt": "text", ".text": "text"}


class DocumentError(TadaError):
    """A document that cannot be read: missing file, unknown encoding, bad URL, failed fetch."""


@dataclass(frozen=True)
class LoadedDocument:
    text: str
    kind: str      # html | markdown | text
    source: str    # the path or the final URL
    url: str | None = None


def is_url(target: str) -> bool:
    return "://" in target


def sniff_kind(text: str) -> str:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<head" in head:
        return "html"
    return "text"


def _decode(body: bytes, charset: str | None, source: str) -> str:
    try:
        return decode_html(body, charset, strict=True)
    except ExtractionError as exc:
        raise DocumentError(t("analyser.input.undecodable", None, source=source)) from exc


def load_file(path: Path) -> LoadedDocument:
    if not path.exists():
        raise DocumentError(t("analyser.input.missing", None, file=path))
    if not path.is_file():
        raise DocumentError(t("analyser.input.not_a_file", None, file=path))
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(t("analyser.input.too_large", None, source=path,
                              limit=MAX_BYTES // (1024 * 1024)))
    text = _decode(path.read_bytes(), None, str(path))
    kind = _SUFFIX_KINDS.get(path.suffix.lower()) or sniff_kind(text)
    return LoadedDocument(text, kind, str(path))


def fetch_url(url: str) -> LoadedDocument:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DocumentError(t("analyser.input.bad_url", None, url=url))
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": "identity",
    })
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            final = response.geturl()
            ctype = response.headers.get_content_type()
            if ctype not in _HTML_TYPES | _TEXT_TYPES:
                raise DocumentError(t("analyser.input.wrong_type", None, url=final, type=ctype))
            body = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise DocumentError(t("analyser.input.http_error", None, url=url, status=exc.code)) \
            from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DocumentError(t("analyser.input.unreachable", None, url=url, reason=reason)) \
            from exc
    if len(body) > MAX_BYTES:
        raise DocumentError(t("analyser.input.too_large", None, source=url,
                              limit=MAX_BYTES // (1024 * 1024)))
    text = _decode(body, charset, final)
    if ctype in _HTML_TYPES:
        kind = "html"
    else:
        kind = "markdown" if parts.path.lower().endswith((".md", ".markdown")) else "text"
    return LoadedDocument(text, kind, final, final)


def load(target: str) -> LoadedDocument:
    """A file path or an http(s) URL."""
    return fetch_url(target) if is_url(target) else load_file(Path(target))
