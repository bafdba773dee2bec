"""Every response, with the request that asked for it, appended to a gzipped WARC file.

One file per crawl, ``archive/warc/<crawl_id>.warc.gz``, written under a temporary name and
renamed when the crawl closes, so a file with the final name is always complete.
"""

from __future__ import annotations

import io
import os
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from core import __version__
from crawlers.context import CrawlContext
from crawlers.exchange import Exchange
from crawlers.records import EXCHANGE


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class WarcPipeline:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx
        self.relative = f"warc/{ctx.crawl_id}.warc.gz"
        self.path = ctx.archive / self.relative
        self.partial = self.path.with_name(self.path.name + ".part")
        self._fh = None
        self._writer: WARCWriter | None = None

    @classmethod
    def from_crawler(cls, crawler) -> WarcPipeline:
        return cls(CrawlContext.of(crawler))

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.partial.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.partial.open("wb")
            self._writer = WARCWriter(self._fh, gzip=True)
            info = {"software": f"Ta-DA audit {__version__} (Scrapy)", "format": "WARC/1.0",
                    "crawl-id": self.ctx.crawl_id, "source": self.ctx.source}
            self._writer.write_record(
                self._writer.create_warcinfo_record(self.path.name, info))
        return self._writer

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        exchange: Exchange | None = item.get(EXCHANGE)
        if exchange is None:
            return item
        writer = self._open()
        req_headers = StatusAndHeaders(
            f"{exchange.method} {_path(exchange.request_url)} HTTP/1.1",
            list(exchange.request_headers), protocol="", is_http_request=True)
        resp_headers = [*exchange.response_headers, ("Content-Length", str(len(exchange.body)))]
        status = StatusAndHeaders(f"{exchange.status} {_reason(exchange.status)}".strip(),
                                  resp_headers, protocol="HTTP/1.1")
        resp_record = writer.create_warc_record(
            exchange.url, "response", payload=io.BytesIO(exchange.body),
            http_headers=status, warc_headers_dict={"WARC-Date": _warc_date(item)})
        req_record = writer.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(exchange.request_body),
            http_headers=req_headers)
        record_id = resp_record.rec_headers.get_header("WARC-Record-ID")
        req_record.rec_headers.add_header("WARC-Concurrent-To", record_id)
        writer.write_record(resp_record)
        writer.write_record(req_record)
        item["warc_file"], item["warc_record_id"] = self.relative, record_id
        return item

    def close_spider(self) -> None:
        if self._fh is None:
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self.partial, self.path)


def _path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _warc_date(item: dict[str, Any]) -> str:
    return item["fetched_at"]
