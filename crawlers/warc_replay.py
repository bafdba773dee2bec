"""Replay of captures made elsewhere (``tada crawl --from-warc``): a Scrapy download handler
that answers each request with its capture from the WARC file, so the captured page goes
through the same middlewares and pipelines as a fetched one, dated as captured.

The captures were found before the crawl (``crawlers.warc_import``) and reach this process
as a manifest (``TADA_WARC_MANIFEST``); a request for anything else (a redirect target that
was not captured) is a 404.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from crawlers.context import CrawlContext
from crawlers.warc_import import Capture, read_capture

CAPTURE_META = "tada_capture"
WARC_FLAG = "warc"


def capture_of(request: Request) -> Capture | None:
    return request.meta.get(CAPTURE_META)


class WarcDownloadHandler:
    lazy = False

    def __init__(self, crawler) -> None:
        ctx = CrawlContext.of(crawler)
        self.by_url: dict[str, list[Capture]] = {}
        for capture in ctx.captures:
            self.by_url.setdefault(capture.url, []).append(capture)
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler) -> WarcDownloadHandler:
        return cls(crawler)

    def _pick(self, request: Request) -> Capture | None:
        asked = capture_of(request)
        if asked is not None and asked.url == request.url:
            return asked
        found = self.by_url.get(request.url, [])
        if asked is not None:  # a redirect: the capture of the target nearest before
            found = [c for c in found if c.captured_at <= asked.captured_at] or found
        return found[-1] if found else None

    async def download_request(self, request: Request) -> Response:
        capture = self._pick(request)
        if capture is None:
            return Response(request.url, status=404, request=request, flags=[WARC_FLAG])
        status, header_list, body = read_capture(capture)
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        if maxsize and len(body) > maxsize:
            raise DownloadCancelledError(
                f"Expected to receive {len(body)} bytes which is larger than download max "
                f"size ({maxsize}) in request {request}.")
        headers = Headers()
        for name, value in header_list:
            headers.appendlist(name, value)
        headers[b"Content-Length"] = str(len(body)).encode()
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return cls(url=request.url, status=status, headers=headers, body=body, request=request,
                   flags=[WARC_FLAG], protocol="HTTP/1.1")

    async def close(self) -> None:
        return None
