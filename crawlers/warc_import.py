"""Captures made elsewhere: the responses for declared URLs in WARC files from other tools
(Webrecorder/Browsertrix, a web archive's download), found before the crawl starts.

Each record is read on its own, so a damaged one is named (file and byte offset) and skipped
while the rest of the file is still read. Revisit records (a capture that says "same as
before" without the page) cannot be replayed and are skipped with a note. The crawl then
replays each capture at its own date (``crawlers.warc_replay``).
"""

from __future__ import annotations

import datetime as dt
import json
import mmap
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from core.errors import TadaError
from core.i18n import t

_GZIP = b"\x1f\x8b\x08"
_WARC = b"WARC/1."
_DAMAGE = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, zlib.error, ValueError,
           KeyError, IndexError)


class NoDeclaredCapture(TadaError):
    """None of the WARC files holds a response for a declared URL."""


@dataclass(frozen=True)
class Capture:
    url: str  # the declared URL it answers
    file: str
    offset: int
    captured_at: str  # ISO 8601 UTC, seconds, ``Z``
    status: int


@dataclass
class WarcScan:
    captures: list[Capture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # translated, one per skipped thing

    def write_manifest(self, path: Path) -> None:
        path.write_text(json.dumps([asdict(c) for c in self.captures]), encoding="utf-8")


def read_manifest(path: Path) -> list[Capture]:
    return [Capture(**c) for c in json.loads(path.read_text(encoding="utf-8"))]


def warc_date(value: str) -> str:
    """A WARC-Date (``2025-03-10T12:00:00.123Z``) as ``2025-03-10T12:00:00Z``."""
    parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def target_uri(record) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _records(path: Path) -> Iterator[tuple[int, Any, bytes, str | None]]:
    """(offset, record, payload, None) for each readable record and (offset, None, b"",
    reason) for a damaged one; after damage, reading resumes at the next record's start."""
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        marker = _GZIP if mapped[:3] == _GZIP else _WARC
        offset: int | None = 0
        while offset is not None and offset < len(mapped):
            fh.seek(offset)
            iterator = ArchiveIterator(fh, check_digests=True)
            try:
                record = next(iter(iterator))
                payload = record.content_stream().read() if record.rec_type == "response" \
                    else b""
                iterator.read_to_end()
            except StopIteration:
                return
            except _DAMAGE as exc:
                yield offset, None, b"", f"{type(exc).__name__}: {exc}"[:160].strip()
                found = mapped.find(marker, offset + 1)
                offset = found if found >= 0 else None
                continue
            problems = getattr(record.digest_checker, "problems", None)
            if problems:
                yield offset, None, b"", "; ".join(map(str, problems))
            else:
                yield offset, record, payload, None
            offset = iterator.offset if iterator.offset > offset else None


def scan(files: Iterable[Path], declared: Iterable[str]) -> WarcScan:
    """The captures of declared URLs in ``files``, with a note for everything skipped."""
    wanted = {urldefrag(u)[0] for u in declared}
    result = WarcScan()
    for path in files:
        if not path.is_file():
            raise TadaError(t("warc.missing", None, file=path))
        found = responses = 0
        for offset, record, _payload, problem in _records(path):
            if problem is not None:
                result.notes.append(t("warc.damaged", None, file=path, offset=offset,
                                      reason=problem))
                continue
            kind = record.rec_type
            url = urldefrag(target_uri(record))[0]
            if kind == "revisit":
                if url in wanted:
                    result.notes.append(t("warc.revisit", None, file=path, offset=offset,
                                          url=url))
                continue
            if kind != "response" or not record.http_headers:
                continue
            responses += 1
            if url not in wanted:
                continue
            found += 1
            result.captures.append(Capture(url, str(path.resolve()), offset, warc_date(
                record.rec_headers.get_header("WARC-Date") or ""),
                int(record.http_headers.get_statuscode() or 0)))
        if not found:
            result.notes.append(t("warc.no_declared", None, file=path, responses=responses))
    result.captures.sort(key=lambda c: (c.captured_at, c.url))
    if not result.captures:
        raise NoDeclaredCapture(t("warc.none_declared", None,
                                  files=", ".join(str(f) for f in files)))
    return result


_NOT_STORED = {"content-encoding", "transfer-encoding", "content-length"}


def read_capture(capture: Capture) -> tuple[int, list[tuple[str, str]], bytes]:
    """The captured response: status, headers and the decoded body."""
    with open(capture.file, "rb") as fh:
        fh.seek(capture.offset)
        record = next(iter(ArchiveIterator(fh)))
        body = record.content_stream().read()
        headers = [(k, v) for k, v in record.http_headers.headers
                   if k.lower() not in _NOT_STORED]
        return int(record.http_headers.get_statuscode() or 0), headers, body
