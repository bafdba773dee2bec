"""Find the dump files behind the paths a user gives, group them by day, verify sha1s."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.i18n import t
from scoring.dsa.dumpformat import DumpName, parse_name
from scoring.dsa.errors import DumpError

_SHA1SUM = re.compile(r"^\\?([0-9a-fA-F]{40})[ \t]+\*?(.+?)\s*$")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: DumpName
    sha1: str
    size: int


@dataclass(frozen=True)
class Day:
    """One day of one dump (``global`` or a platform's): a day zip or loose parts."""

    day: dt.date
    slug: str
    version: str
    files: tuple[SourceFile, ...]

    @property
    def key(self) -> tuple[dt.date, str]:
        return self.day, self.slug


def file_sha1(path: Path) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def expected_sha1(path: Path) -> str | None:
    """The digest in ``<zip>.sha1`` (sha1sum format) beside a day zip, if there is one."""
    sidecar = path.with_name(path.name + ".sha1")
    if not sidecar.is_file():
        return None
    text = sidecar.read_text(encoding="utf-8", errors="replace").strip()
    match = _SHA1SUM.match(text.splitlines()[0]) if text else None
    if not match and re.fullmatch(r"[0-9a-fA-F]{40}", text):
        return text.lower()
    if not match:
        raise DumpError(t("dsa.sha1.unreadable"), sidecar)
    if Path(match[2]).name != path.name:
        raise DumpError(t("dsa.sha1.other_file", None, name=match[2]), sidecar)
    return match[1].lower()


def _candidates(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and parse_name(p.name))
            if not inside:
                raise DumpError(t("dsa.no_dumps"), path)
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise DumpError(t("dsa.not_found"), path)
    return found


def discover(paths: Iterable[Path], since: dt.date | None = None,
             until: dt.date | None = None) -> list[Day]:
    """The days in ``paths`` (files or folders) between ``since`` and ``until``, by date."""
    grouped: dict[tuple[dt.date, str], list[tuple[Path, DumpName]]] = {}
    for path in _candidates(paths):
        name = parse_name(path.name)
        if name is None:
            raise DumpError(t("dsa.not_a_dump"), path)
        if (since and name.day < since) or (until and name.day > until):
            continue
        group = grouped.setdefault((name.day, name.slug), [])
        if all(p.resolve() != path.resolve() for p, _ in group):
            group.append((path, name))
    return [_day(key, members) for key, members in sorted(grouped.items())]


def _day(key: tuple[dt.date, str], members: list[tuple[Path, DumpName]]) -> Day:
    versions = {name.version for _, name in members}
    first = members[0][0]
    if len(versions) > 1:
        raise DumpError(t("dsa.mixed_versions", None, day=key[0], slug=key[1]), first)
    day_zips = [p for p, name in members if name.kind == "day_zip"]
    if day_zips and len(members) > 1:
        raise DumpError(t("dsa.zip_and_parts", None, day=key[0], slug=key[1]), day_zips[0])
    files = []
    for path, name in sorted(members, key=lambda m: m[0].name):
        files.append(SourceFile(path, name, file_sha1(path), path.stat().st_size))
    return Day(key[0], key[1], versions.pop(), tuple(files))


def verify(day: Day) -> None:
    """A day zip must match the digest of its ``.sha1``, when it has one."""
    for source in day.files:
        if source.name.kind == "day_zip":
            expected = expected_sha1(source.path)
            if expected is not None and expected != source.sha1:
                raise DumpError(t("dsa.sha1.mismatch", None, expected=expected,
                                  actual=source.sha1), source.path)
