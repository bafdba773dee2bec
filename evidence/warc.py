"""WARC records: copying a cited record out of a crawl's WARC file byte for byte, and checking
the payload digest of every record in a pack.

A gzipped WARC written per record (as warcio and Scrapy pipelines do) is a series of gzip
members, one per record, so a record is copied by its offset and length and keeps its bytes,
its ``WARC-Record-ID`` and its digests.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from core.i18n import t
from evidence.errors import BadInput, MissingInput

CHUNK = 1 << 20


@dataclass(frozen=True)
class CopiedRecord:
    """A record now in the pack: where it came from and what it proves."""

    source: str         # relative to archive/
    target: str         # file name under data/archive/
    record_id: str
    record_type: str
    target_uri: str
    warc_date: str
    payload_digest: str | None


@dataclass(frozen=True)
class WarcCheck:
    records: int
    problems: tuple[str, ...]


def _locate(path: Path, wanted: set[str]) -> list[tuple[int, int, CopiedRecord]]:
    """Offsets and lengths of the wanted records and of the requests that led to them."""
    found = []
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                headers = record.rec_headers
                rid = headers.get_header("WARC-Record-ID") or ""
                linked = headers.get_header("WARC-Concurrent-To") or ""
                # The crawl's warcinfo record says what made the file: keep it as provenance.
                kind = headers.get_header("WARC-Type") or ""
                if rid not in wanted and linked not in wanted and kind != "warcinfo":
                    continue
                iterator.read_to_end()
                found.append((iterator.get_record_offset(), iterator.get_record_length(),
                              CopiedRecord("", "", rid, kind,
                                           headers.get_header("WARC-Target-URI") or "",
                                           headers.get_header("WARC-Date") or "",
                                           headers.get_header("WARC-Payload-Digest"))))
        except ArchiveLoadFailed as exc:
            raise BadInput(t("evidence.error.bad_warc", None, path=path,
                             reason=str(exc).strip().splitlines()[0])) from exc
    return found


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def copy_records(archive: Path, wanted: dict[str, set[str]], out_dir: Path) -> list[CopiedRecord]:
    """Copy the wanted records (by WARC file, record ids) into ``out_dir``, one file per source."""
    copied: list[CopiedRecord] = []
    names: dict[str, str] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in sorted(wanted):
        path = archive / source
        name = PurePosixPath(source).name
        name = name if name.endswith(".gz") else name + ".gz"
        if name in names:
            raise BadInput(t("evidence.error.warc_name_clash", None, first=names[name],
                             second=source))
        names[name] = source
        located = _locate(path, wanted[source])
        missing = wanted[source] - {rec.record_id for _o, _l, rec in located}
        if missing:
            raise MissingInput(t("evidence.error.record_not_found", None, path=path,
                                 record=sorted(missing)[0]))
        gzipped = _is_gzip(path)
        with path.open("rb") as src, (out_dir / name).open("wb") as dst:
            for offset, length, rec in located:
                src.seek(offset)
                raw = src.read(length)
                # An uncompressed source loses nothing by being gzipped one record per member.
                dst.write(raw if gzipped else gzip.compress(raw + b"\r\n\r\n", mtime=0))
                copied.append(CopiedRecord(source, name, rec.record_id, rec.record_type,
                                           rec.target_uri, rec.warc_date, rec.payload_digest))
        check = check_warc_file(out_dir / name)
        if check.problems:
            raise BadInput(t("evidence.error.bad_source_digest", None, path=path,
                             reason=check.problems[0]))
    return copied


class HashingReader:
    """A file wrapper that feeds every byte read to ``update``: one pass, two checks."""

    def __init__(self, fh: BinaryIO, update: Callable[[bytes], None]) -> None:
        self._fh, self._update = fh, update

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self._update(data)
        return data

    def tell(self) -> int:
        return self._fh.tell()

    def drain(self) -> None:
        while self.read(CHUNK):
            pass


def check_warc_stream(fh: BinaryIO) -> WarcCheck:
    """Read every record and check its payload (and block) digest; list what fails."""
    problems: list[str] = []
    count = 0
    try:
        for record in ArchiveIterator(fh, check_digests=True):
            count += 1
            rid = record.rec_headers.get_header("WARC-Record-ID") or f"#{count}"
            rtype = record.rec_headers.get_header("WARC-Type") or ""
            while record.raw_stream.read(CHUNK):
                pass
            if record.digest_checker.passed is False:
                problems.extend(f"{rid}: {p}" for p in record.digest_checker.problems)
            elif rtype in ("response", "resource") and not record.rec_headers.get_header(
                    "WARC-Payload-Digest"):
                problems.append(t("evidence.verify.no_digest", None, record=rid))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        problems.append(t("evidence.verify.unreadable_warc", None,
                          reason=str(exc).strip().splitlines()[0] if str(exc) else type(exc)))
    if count == 0 and not problems:
        problems.append(t("evidence.verify.empty_warc", None))
    return WarcCheck(count, tuple(problems))


def check_warc_file(path: Path) -> WarcCheck:
    with path.open("rb") as fh:
        return check_warc_stream(fh)
