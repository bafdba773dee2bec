"""Offline replay: declared URLs answered from recorded responses in ``datasets/mirror/``.

The recordings come from ``crawlers.mirror_index``. The replay is a Scrapy *download handler*,
so every middleware (robots.txt, redirects, retries, decompression, size and content-type
checks, conditional requests) sees the recorded response exactly as it would a live one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from urllib.parse import urldefrag

from scrapy import Request, signals
from scrapy.exceptions import DownloadCancelledError, StopDownload
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from crawlers.browser import chromium_path
from crawlers.context import CrawlContext
from crawlers.mirror_index import RECORDED_META, load_index, pick

MIRROR_FLAG = "mirror"
MISSING_FLAG = "mirror_missing"


def _not_modified(request: Request, headers: dict[str, str]) -> bool:
    etag = headers.get("ETag")
    sent_etag = request.headers.get(b"If-None-Match")
    if etag and sent_etag:
        return sent_etag.decode("latin-1") == etag
    modified, since = headers.get("Last-Modified"), request.headers.get(b"If-Modified-Since")
    if modified and since:
        try:
            return (email.utils.parsedate_to_datetime(since.decode("latin-1"))
                    >= email.utils.parsedate_to_datetime(modified))
        except (TypeError, ValueError):
            return False
    return False


class MirrorDownloadHandler:
    """Answers http(s) requests from the mirror instead of the network."""

    lazy = False

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        ctx = CrawlContext.of(crawler)
        self.mirror_dir, self.as_of = ctx.mirror_dir, ctx.mirror_date
        self.index = load_index(self.mirror_dir)
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.renderer = None
        if ctx.render_js:
            from crawlers.render import MirrorRenderer

            self.renderer = MirrorRenderer(
                self.index, self.mirror_dir, self.as_of, chromium_path(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler) -> MirrorDownloadHandler:
        return cls(crawler)

    async def download_request(self, request: Request) -> Response:
        recordings = self.index.get(urldefrag(request.url)[0])
        chosen = pick(recordings, self.as_of) if recordings else None
        if chosen is not None:
            request.meta[RECORDED_META] = chosen.recorded
        if chosen is None:
            return Response(request.url, status=404, request=request,
                            flags=[MIRROR_FLAG, MISSING_FLAG])
        headers = dict(chosen.headers)
        headers.setdefault("Date", email.utils.format_datetime(
            dt.datetime.fromisoformat(chosen.recorded).replace(tzinfo=dt.UTC), usegmt=True))
        if chosen.status == 200 and _not_modified(request, headers):
            return Response(request.url, status=304, headers=_keep_validators(headers),
                            request=request, flags=[MIRROR_FLAG])
        body = (self.mirror_dir / chosen.body).read_bytes() if chosen.body else b""
        scrapy_headers = Headers(headers)
        scrapy_headers[b"Content-Length"] = str(len(body)).encode()
        stop = self._headers_received(request, scrapy_headers, len(body))
        if stop is not None:
            body = b""
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        if maxsize and len(body) > maxsize:
            raise DownloadCancelledError(
                f"Expected to receive {len(body)} bytes which is larger than download max "
                f"size ({maxsize}) in request {request}.")
        if self.renderer is not None and request.meta.get("playwright") and stop is None \
                and chosen.status == 200:
            body = (await self.renderer.render(request.url)).encode("utf-8")
            scrapy_headers[b"Content-Type"] = b"text/html; charset=utf-8"
            scrapy_headers.pop(b"Content-Encoding", None)
            scrapy_headers[b"Content-Length"] = str(len(body)).encode()
        cls = responsetypes.from_args(headers=scrapy_headers, url=request.url, body=body)
        response = cls(url=request.url, status=chosen.status, headers=scrapy_headers, body=body,
                       request=request, flags=[MIRROR_FLAG], protocol="HTTP/1.1")
        if stop is not None:
            response.flags.append("download_stopped")
            if stop.fail:
                stop.response = response
                raise stop
        return response

    def _headers_received(self, request: Request, headers: Headers,
                          length: int) -> StopDownload | None:
        # The same signal the HTTP handler sends, so content-type checks run offline too.
        results = self.crawler.signals.send_catch_log(
            signal=signals.headers_received, headers=headers, body_length=length,
            request=request, spider=self.crawler.spider)
        for _handler, result in results:
            value = getattr(result, "value", None)
            if isinstance(value, StopDownload):
                return value
        return None

    async def close(self) -> None:
        if self.renderer is not None:
            await self.renderer.close()


def _keep_validators(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified", "Date")}
