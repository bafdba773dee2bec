"""A fast pass over a gzipped WARC file that checks every record's block and payload digest.

warcio parses each record's headers in Python, which costs about 0.1 ms a record; a pack
holds thousands of small policy pages, so that parse would set the pace of ``tada verify``.
This pass does the same arithmetic with zlib and hashlib on whole gzip members and compares
digests the way warcio does (base32, hex or base64 values). Whenever it meets anything it
does not expect, or a digest that does not match, the caller re-reads the file with warcio,
which gives the authoritative account of what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1 << 20
HTTP_TYPES = (b"application/http",)


class NeedsFullParse(Exception):
    """The fast pass cannot vouch for this file; warcio must read it."""


def _members(fh: BinaryIO) -> Iterator[bytes]:
    """The decompressed gzip members of a stream, one WARC record each."""
    inflater = zlib.decompressobj(wbits=31)
    parts: list[bytes] = []
    pending = b""
    started = False
    while True:
        if not pending:
            pending = fh.read(CHUNK)
            if not pending:
                break
        started = True
        try:
            parts.append(inflater.decompress(pending))
        except zlib.error as exc:
            raise NeedsFullParse(str(exc)) from exc
        if inflater.eof:
            yield b"".join(parts)
            pending, parts = inflater.unused_data, []
            inflater = zlib.decompressobj(wbits=31)
            started = False
        else:
            pending = b""
    if started or parts:
        raise NeedsFullParse("truncated gzip member")


def _matches(value: bytes | None, data: bytes) -> bool:
    """Whether ``data`` has the digest ``value`` (``algo:hex``, ``algo:BASE32`` or base64)."""
    if not value:
        return True
    try:
        algo, _, encoded = value.decode("ascii").partition(":")
        digest = hashlib.new(algo, data).digest()
    except (ValueError, UnicodeDecodeError) as exc:
        raise NeedsFullParse(f"unknown digest {value!r}") from exc
    # Encode ours rather than decode theirs: base32 encoding is the cheaper direction.
    if len(encoded) == 2 * len(digest):
        return digest.hex() == encoded.lower()
    if len(encoded) == 8 * ((len(digest) + 4) // 5):
        return base64.b32encode(digest).decode("ascii") == encoded.upper()
    try:
        altchars = b"-_" if ("-" in encoded or "_" in encoded) else None
        return base64.b64decode(encoded, altchars=altchars) == digest
    except (binascii.Error, ValueError) as exc:
        raise NeedsFullParse(f"undecodable digest {value!r}") from exc


def _check_record(member: bytes) -> bool:
    """Check one record; True if it is a response or resource with a verified payload."""
    head, sep, rest = member.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    if not sep or not lines[0].startswith(b"WARC/"):
        raise NeedsFullParse("not a WARC record")
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            raise NeedsFullParse("malformed header")
        headers[name.strip().lower()] = value.strip()
    try:
        length = int(headers[b"content-length"])
    except (KeyError, ValueError) as exc:
        raise NeedsFullParse("no Content-Length") from exc
    block, trailer = rest[:length], rest[length:]
    if len(block) != length or trailer != b"\r\n\r\n":
        raise NeedsFullParse("record length or trailer differs")
    kind = headers.get(b"warc-type", b"")
    if kind == b"revisit":
        return False
    if not _matches(headers.get(b"warc-block-digest"), block):
        raise NeedsFullParse("block digest")
    payload_digest = headers.get(b"warc-payload-digest")
    if headers.get(b"content-type", b"").startswith(HTTP_TYPES):
        _http, sep, payload = block.partition(b"\r\n\r\n")
        if not sep:
            raise NeedsFullParse("no HTTP header end")
    else:
        payload = block
    if not _matches(payload_digest, payload):
        raise NeedsFullParse("payload digest")
    if kind in (b"response", b"resource") and not payload_digest:
        raise NeedsFullParse("no payload digest")
    return True


def fast_check(fh: BinaryIO) -> int:
    """Number of records, all of whose digests match; raises NeedsFullParse otherwise."""
    count = 0
    for member in _members(fh):
        _check_record(member)
        count += 1
    if count == 0:
        raise NeedsFullParse("no record")
    return count
