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


FINGERPRINT_MESSAGE = b"tada-audit secret.key fingerprint v1"


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """(K xor ipad, K xor opad) of RFC 2104, for computing HMAC-SHA256 from SHA-256 in SQL."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def fingerprint(key: bytes) -> str:
    """A keyed hash of a constant: tells keys apart, reveals nothing of the key."""
    return hmac.new(key, FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()
