"""Keyed pseudonyms: case refs and content URLs never enter the warehouse in clear."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit, urlunsplit


class Pseudonymiser:
    """HMAC-SHA256 under the data directory's secret key, one domain label per kind."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the pseudonymisation key is too short")
        self._key = key

    def _digest(self, kind: str, *parts: str) -> str:
        message = "\x1f".join((kind, *parts)).encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def case(self, case_ref: str) -> str:
        return self._digest("case", case_ref)

    def item(self, case_ref: str, item_ref: str) -> str:
        return self._digest("item", case_ref, item_ref)

    def content(self, url: str) -> str:
        """A digest of the URL with scheme and host folded to lower case, fragment dropped."""
        parts = urlsplit(url.strip())
        normal = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                             parts.query, ""))
        return self._digest("url", normal)
