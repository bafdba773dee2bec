"""Unpacking a zipped pack for verification, with every size checked before a byte is written.

A zip can claim anything: members that expand a thousandfold (a "zip bomb"), more data than
the bag's ``Payload-Oxum`` promises, links or devices. Before extracting, the central
directory's declared sizes are checked against the bag's ``Payload-Oxum``, the compression
ratio of every member, and the free space; while extracting, no member may grow past its
declared size. Anything refused is a problem in the verdict, and nothing is extracted.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from evidence.problems import Problem, parse_oxum, problem
from evidence.warc import CHUNK

BAG_INFO = "bag-info.txt"
# Real packs store WARC, PDF and zip files and deflate text 5-20 times; a member that
# expands more than this (and is over MIN_RATIO_SIZE) is a bomb, not a pack.
MAX_RATIO = 200
MIN_RATIO_SIZE = 1 << 20
TAG_FILE_LIMIT = 16 << 20  # bag-info.txt and the manifests are small text files
FREE_SPACE_MARGIN = 64 << 20


@dataclass(frozen=True)
class Member:
    info: zipfile.ZipInfo
    rel: str  # path inside the bag


def _members(zf: zipfile.ZipFile) -> tuple[list[Member], list[Problem]]:
    """Every file member with its path in the bag; unsafe members become problems."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    names = [i.filename for i in infos]
    tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
    prefix = ""
    if len(tops) == 1 and f"{next(iter(tops))}/bagit.txt" in names:
        prefix = f"{next(iter(tops))}/"
    members, problems = [], []
    for info in infos:
        name = info.filename
        rel = name[len(prefix):] if name.startswith(prefix) else name
        parts = PurePosixPath(rel).parts
        kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
        if PurePosixPath(name).is_absolute() or ".." in parts or not parts:
            problems.append(problem(name, "evidence.verify.unsafe_member"))
        elif kind not in (0, stat.S_IFREG):
            problems.append(problem(rel, "evidence.verify.not_regular"))
        else:
            members.append(Member(info, "/".join(parts)))
    return members, problems


def _declared_oxum(zf: zipfile.ZipFile, members: list[Member]) -> Problem | None:
    """The zip's declared payload against the Payload-Oxum of its bag-info.txt."""
    info = next((m.info for m in members if m.rel == BAG_INFO), None)
    if info is None or info.file_size > TAG_FILE_LIMIT:
        return None  # verification of the extracted tag files names what is wrong
    try:
        with zf.open(info) as fh:
            text = fh.read(TAG_FILE_LIMIT).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return None
    oxum = None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "payload-oxum":
            oxum = parse_oxum(value)
    if oxum is None:
        return None
    payload = [m for m in members if m.rel.startswith("data/")]
    declared = (sum(m.info.file_size for m in payload), len(payload))
    if declared != oxum:
        return problem(BAG_INFO, "evidence.verify.oxum_zip", expected=f"{oxum[0]}.{oxum[1]}",
                       found=f"{declared[0]}.{declared[1]}")
    return None


def _refusals(zf: zipfile.ZipFile, members: list[Member], into: Path) -> list[Problem]:
    """Reasons not to extract at all, found from the central directory alone."""
    found = []
    for m in members:
        size, packed = m.info.file_size, max(m.info.compress_size, 1)
        if size > MIN_RATIO_SIZE and size > MAX_RATIO * packed:
            found.append(problem(m.rel, "evidence.verify.zip_ratio", size=f"{size:,}",
                                 packed=f"{packed:,}", ratio=MAX_RATIO))
        elif "/" not in m.rel and m.rel.endswith(".txt") and size > TAG_FILE_LIMIT:
            found.append(problem(m.rel, "evidence.verify.too_large", size=f"{size:,}"))
    oxum = _declared_oxum(zf, members)
    if oxum is not None:
        found.append(oxum)
    total = sum(m.info.file_size for m in members)
    free = shutil.disk_usage(into).free - FREE_SPACE_MARGIN
    if total > free:
        found.append(problem(".", "evidence.verify.no_space", size=f"{total:,}",
                             free=f"{max(free, 0):,}", path=str(into)))
    return found


def _copy(zf: zipfile.ZipFile, m: Member, target: Path) -> Problem | None:
    """Extract one member, never writing more than its declared size."""
    limit = m.info.file_size
    written = 0
    try:
        with zf.open(m.info) as src, target.open("wb") as dst:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise ValueError(f"larger than its declared {limit:,} bytes")
                dst.write(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        target.unlink(missing_ok=True)
        return problem(m.rel, "evidence.verify.zip_error", detail=str(exc))
    return None


def extract_pack(zip_path: Path, into: Path) -> tuple[Path, list[Problem], bool]:
    """Unpack ``zip_path`` into ``into``: (folder, problems, whether anything was extracted).
    Damaged or unsafe members are problems, not crashes; a refused zip extracts nothing."""
    with zipfile.ZipFile(zip_path) as zf:
        members, problems = _members(zf)
        refused = _refusals(zf, members, into)
        if refused:
            return into, problems + refused, False
        for m in members:
            target = into.joinpath(*m.rel.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            damaged = _copy(zf, m, target)
            if damaged is not None:
                problems.append(damaged)
    return into, problems, True
