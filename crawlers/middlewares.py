"""Downloader middlewares that turn what a server did into one of the crawl's outcomes.

Each either lets a usable policy response through or raises ``Rejected`` with the outcome,
so that the spider's errback records it. Subclasses of Scrapy's own middlewares replace them
in ``settings.DOWNLOADER_MIDDLEWARES`` and keep their behaviour otherwise.
"""

from __future__ import annotations

import email.utils
import re
import time
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from scrapy import Request, signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.internet.task import deferLater

from crawlers.context import CrawlContext, Target
from crawlers.exchange import charset
from crawlers.extract import decode_html
from crawlers.outcomes import Rejected

HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF = "application/pdf"
# Where sites send visitors who must sign in first.
_LOGIN_URL = re.compile(r"(^|[/._-])(log-?in|sign-?in|signin|auth|sso|session|account/login)"
                        r"($|[/._?=-])", re.I)
# Visible characters below which a page with scripts is an empty application shell.
JS_SHELL_MIN_CHARS = 200
# ... and below which it is a shell even without those marks.
JS_SHELL_BARE_CHARS = 20


def target_of(request: Request) -> Target | None:
    return request.meta.get("tada")


def mime_of(content_type: bytes | None) -> str:
    return (content_type or b"").split(b";")[0].strip().decode("latin-1").lower()


def accepted_types(target: Target) -> tuple[str, ...]:
    return (*HTML_TYPES, PDF) if target.variant.content_type == PDF else HTML_TYPES


class ContentTypeGuard:
    """Stops a download as soon as its headers show it is not a policy page.

    Images, video and other files are never downloaded: the body is abandoned after the
    headers, before any of it is read.
    """

    @classmethod
    def from_crawler(cls, crawler) -> ContentTypeGuard:
        guard = cls()
        crawler.signals.connect(guard.headers_received, signal=signals.headers_received)
        return guard

    def headers_received(self, headers, body_length, request: Request, spider) -> None:
        target = target_of(request)
        mime = mime_of(headers.get(b"Content-Type"))
        # Text of any kind is small and may be an error page (recorded as http_error); it is
        # classified once the status is known, in DocumentCheckMiddleware.
        if target is None or not mime or mime.startswith("text/") or mime in accepted_types(
                target):
            return
        request.meta["tada_rejected"] = ("wrong_content_type", mime)
        raise StopDownload(fail=True)


class DocumentCheckMiddleware:
    """Classifies a 2xx response: wrong type, login wall, or a JavaScript-only shell."""

    @classmethod
    def from_crawler(cls, crawler) -> DocumentCheckMiddleware:
        return cls()

    def process_response(self, request: Request, response: Response) -> Response:
        target = target_of(request)
        if target is None or not 200 <= response.status < 300:
            return response
        mime = mime_of(response.headers.get(b"Content-Type")) or _sniff(response.body)
        if mime not in accepted_types(target):
            raise Rejected("wrong_content_type", mime or "unknown", response)
        if mime == PDF:
            return response
        redirected_from = request.meta.get("redirect_urls")
        if redirected_from and _LOGIN_URL.search(urlsplit(response.url).path):
            raise Rejected("login_wall", response.url, response)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        html = decode_html(response.body, charset(content_type))
        soup = BeautifulSoup(html, "lxml")
        if _is_login_page(soup):
            raise Rejected("login_wall", response.url, response)
        if _is_app_shell(soup):
            raise Rejected("needs_js", "", response)
        return response


def _sniff(body: bytes) -> str:
    head = body[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return PDF
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<")):
        return "text/html"
    return ""


def _is_login_page(soup: BeautifulSoup) -> bool:
    """A sign-in form and nothing one could report with (no message box, no upload)."""
    if not soup.select("input[type=password]"):
        return False
    return not soup.select("textarea, input[type=file]")


def _is_app_shell(soup: BeautifulSoup) -> bool:
    """Almost no text outside scripts, and either a ``<noscript>`` notice or an empty element
    for a script to mount an application into."""
    if not soup.find("script"):
        return False
    shell_marks = bool(soup.find("noscript")) or any(
        not tag.get_text(strip=True) and not tag.find(True)
        for tag in soup.select("body div[id], body main[id]"))
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    visible = len(re.sub(r"\s+", "", soup.get_text()))
    return visible < JS_SHELL_MIN_CHARS and shell_marks or visible < JS_SHELL_BARE_CHARS


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt as Scrapy obeys it, with two fixes: a disallowed URL is an outcome, and
    every request that arrives while a site's robots.txt is being fetched waits for it.

    (Scrapy shares one Deferred among those waiters; under the asyncio reactor only the first
    receives the parser and the others pass unchecked.)
    """

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self._waiting: dict[str, list[Deferred]] = {}

    async def robot_parser(self, request: Request):
        netloc = urlparse_cached(request).netloc
        if netloc in self._waiting:
            mine: Deferred = Deferred()
            self._waiting[netloc].append(mine)
            return await maybe_deferred_to_future(mine)
        self._waiting[netloc] = []
        try:
            parser = await super().robot_parser(request)
        finally:
            waiters = self._waiting.pop(netloc)
        for waiter in waiters:
            waiter.callback(parser)
        return parser

    def process_request_2(self, rp, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise Rejected("robots_disallowed", request.url) from exc


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Redirects as usual; a redirect back to a URL already visited is a loop."""

    def process_response(self, request: Request, response: Response):
        try:
            result = super().process_response(request, response)
        except Rejected:
            raise
        except IgnoreRequest as exc:  # max redirections reached
            raise Rejected("redirect_loop", str(exc)) from exc
        if isinstance(result, Request) and target_of(request) is not None:
            seen = [*request.meta.get("redirect_urls", []), request.url]
            if result.url in seen:
                raise Rejected("redirect_loop", " -> ".join([*seen, result.url]))
        return result


class SizeLimitedCompressionMiddleware(HttpCompressionMiddleware):
    """Decompression beyond DOWNLOAD_MAXSIZE (a gzip bomb) is ``too_large``."""

    def process_response(self, request: Request, response: Response):
        try:
            return super().process_response(request, response)
        except Rejected:
            raise
        except IgnoreRequest as exc:
            raise Rejected("too_large", str(exc)) from exc


class RetryAfterMiddleware(RetryMiddleware):
    """Retries 5xx and 429 like Scrapy, waiting as long as ``Retry-After`` asks.

    A wait longer than ``TADA_RETRY_AFTER_MAX`` seconds gives up at once: the response is
    recorded as an ``http_error`` rather than holding the crawl.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("TADA_RETRY_AFTER_MAX", 120.0)

    async def process_response(self, request: Request, response: Response):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response)
        if wait is not None and wait > self.max_wait:
            return response
        retry = get_retry_request(
            request, spider=self.crawler.spider, reason=f"HTTP {response.status}",
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust))
        if retry is None:
            return response
        if wait:
            from twisted.internet import reactor  # the one Scrapy installed, never our own

            await deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry


def retry_after_seconds(response: Response) -> float | None:
    """``Retry-After`` as seconds from now: either a number or an HTTP date."""
    value = response.headers.get(b"Retry-After")
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class ConditionalRequestMiddleware:
    """Sends the last ETag / Last-Modified of a document, so an unchanged page costs a 304."""

    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler) -> ConditionalRequestMiddleware:
        return cls(CrawlContext.of(crawler))

    def process_request(self, request: Request) -> None:
        target = target_of(request)
        if target is None or request.meta.get("redirect_urls"):
            return
        last = self.ctx.state.last_fetch(target.key, target.variant.url)
        if last is None or not last.content_sha256:
            return
        if last.etag:
            request.headers.setdefault(b"If-None-Match", last.etag.encode("latin-1"))
        if last.last_modified:
            request.headers.setdefault(b"If-Modified-Since", last.last_modified.encode("latin-1"))
