"""``tada crawl --from-warc``: captures made elsewhere (written here with warcio: request and
response records, a revisit record, a damaged record) run through the same pipeline at the
capture's own date."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from core.changes import read_changes
from core.jsonl import read_jsonl
from core.paths import MIRROR_DIR
from crawlers.warc_import import NoDeclaredCapture, scan

URL = "https://help.x.com/en/rules-and-policies/intimate-media"
PAGES = MIRROR_DIR / "pages" / "x_twitter"
OLD, NEW = "2024-06-03T10:00:00Z", "2025-03-10T08:30:00.5Z"


def _exchange(writer: WARCWriter, url: str, date: str, body: bytes) -> None:
    request = writer.create_warc_record(
        url, "request", payload=io.BytesIO(b""), warc_headers_dict={"WARC-Date": date},
        http_headers=StatusAndHeaders("GET /en/rules-and-policies/intimate-media HTTP/1.1",
                                      [("Host", "help.x.com")], is_http_request=True))
    response = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), warc_headers_dict={"WARC-Date": date},
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                      protocol="HTTP/1.1"))
    writer.write_record(request)
    writer.write_record(response)


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], revisit: bool = False) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, date, body in pages:
            _exchange(writer, url, date, body)
        if revisit:
            writer.write_record(writer.create_revisit_record(
                URL, digest="sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", refers_to_uri=URL,
                refers_to_date=OLD, http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")))
    return path


def _pages() -> list[tuple[str, str, bytes]]:
    return [(URL, OLD, (PAGES / "ncii_policy.2024-06-03.html").read_bytes()),
            ("https://example.org/not-declared", OLD, b"<html><body>other</body></html>"),
            (URL, NEW, (PAGES / "ncii_policy.2025-03-10.html").read_bytes())]


@pytest.mark.slow  # crawls in child processes
def test_captures_replayed_at_their_own_dates_with_changes(run_tada, data_dir, tmp_path):
    warc = write_warc(tmp_path / "browsertrix.warc.gz", _pages(), revisit=True)
    result = run_tada("crawl", "--platform", "x_twitter", "--from-warc", str(warc))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "revisit record" in said and "was skipped" in said
    items = list(read_jsonl(data_dir.archive / "items.jsonl"))
    assert [(i["outcome"], i["fetched_at"], i["source"]) for i in items] == [
        ("ok", OLD, "warc"), ("ok", "2025-03-10T08:30:00Z", "warc")]
    versions = list(read_jsonl(data_dir.archive / "versions" / "index.jsonl"))
    assert [v["version_id"][:16] for v in versions] == ["20240603T100000Z",
                                                        "20250310T083000Z"]
    assert all((data_dir.archive / i["warc_file"]).exists() for i in items)  # re-archived
    changes = {c["element"]: c for c in read_changes(data_dir.archive)}
    assert changes["covers_synthetic_media"]["previous_fetched_at"] == OLD
    assert changes["covers_synthetic_media"]["after"] == "yes"
    # the same file again: nothing newer than the archive, each capture noted and skipped
    again = run_tada("crawl", "--platform", "x_twitter", "--from-warc", str(warc))
    assert again.exit_code == 0 and "older than the archive" in " ".join(again.output.split())
    assert len(list(read_jsonl(data_dir.archive / "versions" / "index.jsonl"))) == 2


def test_a_warc_without_a_declared_url_says_so(run_tada, tmp_path):
    other = write_warc(tmp_path / "other.warc.gz", [_pages()[1]])
    result = run_tada("crawl", "--platform", "x_twitter", "--from-warc", str(other))
    assert result.exit_code == NoDeclaredCapture.exit_code
    assert "no capture of a declared URL" in " ".join(result.output.split())


def test_a_damaged_record_is_named_and_skipped(tmp_path):
    warc = write_warc(tmp_path / "damaged.warc.gz", _pages())
    data = bytearray(warc.read_bytes())
    members = [i for i in range(len(data)) if data[i:i + 3] == b"\x1f\x8b\x08"]
    damaged = members[1]  # the first page's response record
    data[damaged + 20:damaged + 60] = bytes(40)
    warc.write_bytes(bytes(data))
    found = scan([warc], [URL])
    assert [c.captured_at for c in found.captures] == ["2025-03-10T08:30:00Z"]
    assert any(f"record at byte {damaged} is damaged" in n for n in found.notes), found.notes


def test_scan_reads_uncompressed_warcs_and_names_missing_files(tmp_path):
    plain = tmp_path / "plain.warc"
    with plain.open("wb") as fh:
        _exchange(WARCWriter(fh, gzip=False), URL, NEW, b"<html><main>x</main></html>")
    assert [c.url for c in scan([plain], [URL]).captures] == [URL]
    with pytest.raises(Exception, match="no such WARC file"):
        scan([tmp_path / "absent.warc.gz"], [URL])
    json.dumps([c.__dict__ for c in scan([plain], [URL]).captures])  # the manifest is JSON
