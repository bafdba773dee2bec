"""Stream a day's CSV parts out of a zip of zips, one part at a time.

The outer zip is stored (not compressed): an inner part zip is read in place through a window
on the outer file, so nothing is extracted but the CSV being imported. A background thread
decompresses the next CSV while the database reads the current one; at most two CSVs exist
on disk at once, whatever the size of the day. A deflated CSV is inflated with ISA-L when it
is installed (about twice zlib's speed here) and its CRC-32 and size checked as zipfile does.
"""

from __future__ import annotations

import io
import queue
import shutil
import struct
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from core.i18n import t
from scoring.dsa.dumpformat import PART_CSV, PART_ZIP
from scoring.dsa.errors import DumpError
from scoring.dsa.sources import Day, SourceFile

try:
    from isal.isal_zlib import crc32, decompressobj
    from isal.isal_zlib import error as _inflate_error
except ImportError:  # the standard library's zlib does the same, slower
    from zlib import crc32, decompressobj
    from zlib import error as _inflate_error

_DAMAGED = (zipfile.BadZipFile, zlib.error, _inflate_error, EOFError, OSError,
            NotImplementedError, struct.error, ValueError)
CHUNK = 1 << 20
# Writes one CSV's bytes into an open binary file.
Member = Callable[[IO[bytes]], None]


@dataclass(frozen=True)
class Part:
    """One CSV of a day, decompressed to ``path`` (deleted after use)."""

    file: Path  # the file the user gave (day zip, part zip or CSV)
    name: str  # the CSV's own name, e.g. sor-global-2025-08-01-full-00000-00001.csv
    path: Path
    size: int


class _Window(io.RawIOBase):
    """A seekable read-only view of ``length`` bytes at ``offset`` of a file."""

    def __init__(self, fh: IO[bytes], offset: int, length: int) -> None:
        self._fh, self._offset, self._length, self._pos = fh, offset, length, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._length}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = max(0, min(len(buffer), self._length - self._pos))
        self._fh.seek(self._offset + self._pos)
        got = self._fh.readinto(memoryview(buffer)[:n])
        self._pos += got or 0
        return got or 0


def _data_offset(raw: IO[bytes], info: zipfile.ZipInfo) -> int:
    """Where a member's data starts in its zip: after the local header, whose name and extra
    field lengths may differ from the central directory's."""
    raw.seek(info.header_offset)
    header = raw.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_len + extra_len


def _inner_zip(outer: zipfile.ZipFile, info: zipfile.ZipInfo, raw: IO[bytes],
               stack: ExitStack) -> tuple[zipfile.ZipFile, IO[bytes]]:
    """A part zip inside a day zip, with the seekable file it is read from."""
    if info.compress_type == zipfile.ZIP_STORED:
        window = _Window(raw, _data_offset(raw, info), info.compress_size)
        return zipfile.ZipFile(window), window
    # A compressed outer zip (not the TDB's own): copy the part zip out first.
    spill = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (closed by the stack)
    _copy(outer.open(info), spill)
    return zipfile.ZipFile(spill), spill


def _inflate(raw: IO[bytes], info: zipfile.ZipInfo, out: IO[bytes]) -> None:
    """Inflate a deflated member into ``out``, checked against its CRC-32 and size."""
    position, left = _data_offset(raw, info), info.compress_size
    inflater, crc, size = decompressobj(-15), 0, 0
    while left:
        raw.seek(position)
        chunk = raw.read(min(CHUNK, left))
        if not chunk:
            raise EOFError("the compressed data ends early")
        position, left = position + len(chunk), left - len(chunk)
        data = inflater.decompress(chunk)
        crc, size = crc32(data, crc), size + len(data)
        out.write(data)
    data = inflater.flush()
    crc, size = crc32(data, crc), size + len(data)
    out.write(data)
    if not inflater.eof or size != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"bad CRC-32 or size for {info.filename}")


def _member(inner: zipfile.ZipFile, raw: IO[bytes], info: zipfile.ZipInfo) -> Member:
    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1:
        return lambda out: _inflate(raw, info, out)
    return lambda out: _copy(inner.open(info), out)


def _copy(stream: IO[bytes], out: IO[bytes]) -> None:
    with stream:
        shutil.copyfileobj(stream, out, CHUNK)


def part_csvs(path: Path, part: str, inner: tuple[zipfile.ZipFile, IO[bytes]]
              ) -> Iterator[tuple[str, Member]]:
    """(CSV name, member) of one part zip's CSVs, in name order; anything else is refused."""
    archive, raw = inner
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if not PART_CSV.match(info.filename):
            raise DumpError(t("dsa.not_a_part"), path, f"{part}/{info.filename}")
        yield info.filename, _member(archive, raw, info)


def _csv_members(source: SourceFile, stack: ExitStack) -> Iterator[tuple[str, Member]]:
    """(CSV name, member) for every CSV of one file, in name order."""
    path, kind = source.path, source.name.kind
    if kind == "part_csv":
        yield path.name, lambda out: _copy(path.open("rb"), out)
        return
    part = path.name
    try:
        if kind == "part_zip":
            raw = stack.enter_context(path.open("rb"))
            inners = [(path.name, (zipfile.ZipFile(raw), raw))]
        else:
            outer = stack.enter_context(zipfile.ZipFile(path))
            raw = stack.enter_context(path.open("rb"))
            infos = sorted(outer.infolist(), key=lambda i: i.filename)
            if not infos:
                raise DumpError(t("dsa.empty_zip"), path)
            inners = []
            for info in infos:
                part = info.filename
                if not PART_ZIP.match(info.filename):
                    raise DumpError(t("dsa.not_a_part"), path, part)
                inners.append((info.filename, _inner_zip(outer, info, raw, stack)))
        for part, inner in inners:
            yield from part_csvs(path, part, inner)
    except DumpError:
        raise
    except _DAMAGED as exc:
        raise DumpError(t("dsa.damaged", None, detail=exc), path, part) from exc


def copy_member(member: Member, target: Path, source: Path) -> None:
    """Decompress one CSV member to ``target``; damage is named by file and part."""
    try:
        with target.open("wb") as fh:
            member(fh)
    except _DAMAGED as exc:
        raise DumpError(t("dsa.damaged", None, detail=exc), source, target.name) from exc


def _produce(day: Day, folder: Path, out: queue.Queue, stop: threading.Event) -> None:
    try:
        for source in day.files:
            with ExitStack() as stack:
                for name, member in _csv_members(source, stack):
                    target = folder / name
                    copy_member(member, target, source.path)
                    part = Part(source.path, name, target, target.stat().st_size)
                    while not stop.is_set():
                        try:
                            out.put(part, timeout=0.2)
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
        out.put(None)
    except BaseException as exc:  # handed to the reading thread, which raises it
        out.put(exc)


def iter_parts(day: Day) -> Iterator[Part]:
    """Every CSV of ``day`` as a temporary file, decompressing the next one meanwhile."""
    with tempfile.TemporaryDirectory(prefix="tada-dsa-") as tmp:
        out: queue.Queue = queue.Queue(maxsize=1)
        stop = threading.Event()
        worker = threading.Thread(target=_produce, args=(day, Path(tmp), out, stop),
                                  daemon=True)
        worker.start()
        try:
            while True:
                item = out.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                try:
                    yield item
                finally:
                    item.path.unlink(missing_ok=True)
        finally:
            stop.set()
            while worker.is_alive():
                with suppress(queue.Empty):
                    out.get(timeout=0.1)
            worker.join()
