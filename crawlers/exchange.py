"""One HTTP exchange as plain data: what the archive keeps of a request and its response.

Items carry this instead of Scrapy's ``Request``/``Response`` objects, so pipelines (snapshots,
WARC, versions) and tests work on bytes and header lists, and nothing of the downloader's
internals rides along with a record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrapy import Request
from scrapy.http import Response

# Hop-by-hop or encoding headers that no longer describe the stored (decoded) body.
_DROP = {b"content-encoding", b"transfer-encoding", b"content-length"}
Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Exchange:
    url: str  # where the response came from (after redirects)
    status: int
    method: str
    request_url: str
    request_headers: Headers
    request_body: bytes
    response_headers: Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return self.header("Content-Type") or ""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == wanted), None)


def _header_list(headers) -> Headers:
    return tuple((k.decode("latin-1"), v.decode("latin-1"))
                 for k, values in headers.items() if k.lower() not in _DROP for v in values)


def exchange_of(response: Response, request: Request | None = None) -> Exchange:
    """The exchange behind ``response`` (its own request unless another is given)."""
    request = request or response.request
    return Exchange(
        url=response.url, status=response.status, method=request.method,
        request_url=request.url, request_headers=_header_list(request.headers),
        request_body=request.body or b"", response_headers=_header_list(response.headers),
        body=response.body)


def charset(content_type: str) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    match = re.search(r"charset=([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else None
