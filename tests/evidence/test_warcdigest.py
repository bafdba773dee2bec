"""The fast WARC digest pass agrees with warcio, and hands anything doubtful to warcio."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io

import pytest
from warcio.archiveiterator import ArchiveIterator

from evidence.warc import check_warc_stream
from evidence.warcdigest import NeedsFullParse, fast_check

PAGE = "<html><body><p>我們禁止未經同意分享私密影像。</p></body></html>".encode()


def _record(kind: str, block: bytes, block_digest: str, payload_digest: str,
            content_type: str = "text/html") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"WARC-Target-URI: https://lihkg.com/rules\r\nWARC-Date: 2023-01-10T08:00:00Z\r\n"
            f"Content-Type: {content_type}\r\nWARC-Block-Digest: {block_digest}\r\n"
            f"WARC-Payload-Digest: {payload_digest}\r\nContent-Length: {len(block)}\r\n\r\n")
    return gzip.compress(head.encode() + block + b"\r\n\r\n", mtime=0)


def _warcio_ok(data: bytes) -> bool:
    for record in ArchiveIterator(io.BytesIO(data), check_digests=True):
        record.raw_stream.read()
        if record.digest_checker.passed is not True:
            return False
    return True


@pytest.mark.parametrize("encode", [
    lambda d: "sha256:" + d.hex(),
    lambda d: "sha256:" + base64.b32encode(d).decode(),
    lambda d: "sha256:" + base64.b64encode(d).decode(),
])
def test_digest_encodings_agree_with_warcio(encode):
    digest = encode(hashlib.sha256(PAGE).digest())
    data = _record("resource", PAGE, digest, digest)
    assert _warcio_ok(data)
    assert fast_check(io.BytesIO(data)) == 1
    forged = _record("resource", PAGE.replace(b"html", b"HTML"), digest, digest)
    assert not _warcio_ok(forged)
    with pytest.raises(NeedsFullParse):
        fast_check(io.BytesIO(forged))
    assert check_warc_stream(io.BytesIO(forged)).problems


def test_http_payload_is_after_the_http_headers():
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
    block = "sha1:" + base64.b32encode(hashlib.sha1(http).digest()).decode()
    payload = "sha1:" + base64.b32encode(hashlib.sha1(PAGE).digest()).decode()
    data = _record("response", http, block, payload, "application/http; msgtype=response")
    assert _warcio_ok(data) and fast_check(io.BytesIO(data)) == 1


def test_pack_warcs_agree_with_warcio(public_pack):
    for path in sorted((public_pack.path / "data" / "archive").glob("*.warc.gz")):
        with path.open("rb") as fh:
            fast = fast_check(fh)
        with path.open("rb") as fh:
            full = check_warc_stream(fh)
        assert fast == full.records and not full.problems


@pytest.mark.parametrize("data", [b"", b"not gzip at all", gzip.compress(b"HTTP/1.1 200\r\n")[:-4]])
def test_doubtful_input_goes_to_warcio(data):
    with pytest.raises(NeedsFullParse):
        fast_check(io.BytesIO(data))
