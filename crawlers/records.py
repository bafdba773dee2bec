"""Building the ``items.jsonl`` record of one fetch attempt (contracts.md §1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, StopDownload
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from core.archive import ITEM_FIELDS
from crawlers.context import CrawlContext, Target
from crawlers.exchange import exchange_of
from crawlers.mirror_index import RECORDED_META
from crawlers.outcomes import Rejected
from crawlers.warc_replay import CAPTURE_META

FIELDS: tuple[str, ...] = tuple(ITEM_FIELDS)
# Keys pipelines use but the feed never exports: the exchange as plain data, and the target.
EXCHANGE, TARGET = "_exchange", "_target"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_record(ctx: CrawlContext, target: Target, outcome: str, response: Response | None,
               detail: str = "", request: Request | None = None) -> dict[str, Any]:
    headers = response.headers if response is not None else {}
    request = request or (response.request if response is not None else None)
    meta = request.meta if request is not None else {}
    capture = meta.get(CAPTURE_META)
    fetched_at = capture.captured_at if capture is not None else utc_now()
    recorded = meta.get(RECORDED_META)  # a mirror replay shows the page as recorded then
    return {
        "crawl_id": ctx.crawl_id,
        "platform": target.platform,
        "document_type": target.variant.document_type,
        "lang": target.variant.lang,
        "url": target.variant.url,
        "final_url": response.url if response is not None else None,
        "status": response.status if response is not None else None,
        "outcome": outcome,
        "detail": detail or None,
        "fetched_at": fetched_at,
        "captured_at": f"{recorded}T00:00:00Z" if recorded else fetched_at,
        "content_sha256": None,
        "text_sha256": None,
        "version_id": None,
        "warc_file": None,
        "warc_record_id": None,
        "source": ctx.source,
        "etag": _header(headers, b"ETag"),
        "last_modified": _header(headers, b"Last-Modified"),
        EXCHANGE: exchange_of(response, request) if response is not None else None,
        TARGET: target,
    }


def _header(headers, name: bytes) -> str | None:
    value = headers.get(name) if headers else None
    return value.decode("latin-1") if value else None


def record_for_response(ctx: CrawlContext, target: Target, response: Response) -> dict[str, Any]:
    outcome = "unchanged" if response.status == 304 else "ok"
    return new_record(ctx, target, outcome, response)


def record_for_failure(ctx: CrawlContext, target: Target, failure: Failure) -> dict[str, Any]:
    """The outcome of a request that ended in its errback."""
    exc, request = failure.value, failure.request
    response = getattr(exc, "response", None)
    if isinstance(exc, Rejected):
        return new_record(ctx, target, exc.outcome, exc.response, exc.detail, request)
    if isinstance(exc, StopDownload):
        outcome, detail = request.meta.get("tada_rejected", ("wrong_content_type", ""))
        return new_record(ctx, target, outcome, response, detail, request)
    if isinstance(exc, HttpError):
        detail = "not recorded in the mirror" if "mirror_missing" in response.flags else ""
        return new_record(ctx, target, "http_error", response, detail, request)
    if isinstance(exc, (DownloadTimeoutError, TimeoutError, TCPTimedOutError)):
        return new_record(ctx, target, "timeout", None, str(exc))
    if isinstance(exc, DownloadCancelledError):
        return new_record(ctx, target, "too_large", None, str(exc))
    # DNS failures, refused or dropped connections: the server gave no usable HTTP answer.
    return new_record(ctx, target, "http_error", None, f"{type(exc).__name__}: {exc}")
