"""``verify_pack``: is this pack exactly as it was built?

Checks, in one read of every file: each tag file against tagmanifest-sha256.txt, each payload
file against manifest-sha256.txt (parsed by ``bagit``), no file missing or added, the
Payload-Oxum, and the payload (and block) digest of every record in every WARC file. Files
are hashed on a few threads; hashlib and zlib release the GIL, so this keeps pace with
``sha256sum``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import bagit

from core.i18n import LANGS, t
from evidence.bag import MANIFEST, TAGMANIFEST
from evidence.errors import EvidenceError
from evidence.warc import CHUNK, HashingReader, check_warc_stream
from evidence.warcdigest import NeedsFullParse, fast_check

WARC_SUFFIXES = (".warc.gz", ".warc")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a pack, naming the file (relative to the bag's top folder)."""

    file: str
    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return t(self.key, lang, **dict(self.fields))


@dataclass
class Verdict:
    path: Path
    files: int = 0
    bytes: int = 0
    warc_records: int = 0
    info: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def restricted(self) -> bool:
        return str(self.info.get("Access", "")).upper() == "RESTRICTED"

    def summary(self, lang: str | None = None) -> str:
        if self.ok:
            return t("evidence.verify.valid", lang, files=self.files, records=self.warc_records,
                     size=f"{self.bytes:,}")
        return t("evidence.verify.invalid", lang, count=len(self.problems))

    def lines(self) -> list[str]:
        """The verdict in every language, then one line per problem naming the file."""
        out = [self.summary(lang) for lang in LANGS]
        for p in sorted(self.problems):
            out.append(f"{p.file}: " + " / ".join(p.text(lang) for lang in LANGS))
        return out


def _problem(file: str, key: str, **fields: Any) -> Problem:
    return Problem(file, key, tuple(sorted(fields.items())))


def _read_manifest(path: Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and not line.startswith("#"):
            entries[parts[1].lstrip("*")] = parts[0].lower()
    return entries


def _hash_file(root: Path, rel: str) -> tuple[str, int, int, tuple[str, ...]]:
    """sha256, size, WARC records and WARC problems of one file, in a single read."""
    digest = hashlib.sha256()
    size = 0

    def update(chunk: bytes) -> None:
        nonlocal size
        digest.update(chunk)
        size += len(chunk)

    with (root / rel).open("rb") as fh:
        if not (rel.startswith("data/") and rel.endswith(WARC_SUFFIXES)):
            while chunk := fh.read(CHUNK):
                update(chunk)
            return digest.hexdigest(), size, 0, ()
        reader = HashingReader(fh, update)
        try:
            records = fast_check(reader)  # type: ignore[arg-type]
            reader.drain()
            return digest.hexdigest(), size, records, ()
        except NeedsFullParse:
            reader.drain()
    # Something is off: let warcio read the whole file and say exactly what.
    with (root / rel).open("rb") as fh:
        check = check_warc_stream(fh)
    return digest.hexdigest(), size, check.records, check.problems or (
        t("evidence.verify.unreadable_warc", None, reason="digest"),)


def _all_files(root: Path) -> set[str]:
    found = set()
    for folder, _dirs, names in os.walk(root):
        rel = Path(folder).relative_to(root)
        found.update((rel / name).as_posix() for name in names)
    return found


def _check_oxum(bag: bagit.Bag, root: Path, payload: set[str], verdict: Verdict) -> None:
    oxum = bag.info.get("Payload-Oxum")
    if isinstance(oxum, list):
        oxum = oxum[0]
    if not oxum:
        return
    found = f"{sum((root / p).stat().st_size for p in payload)}.{len(payload)}"
    if str(oxum).strip() != found:
        verdict.problems.append(_problem("bag-info.txt", "evidence.verify.oxum",
                                         expected=oxum, found=found))


def verify_directory(root: Path) -> Verdict:
    verdict = Verdict(root)
    on_disk = _all_files(root)
    expected: dict[str, tuple[str, str]] = {}  # file -> (sha256, manifest naming it)
    if (root / TAGMANIFEST).is_file():
        expected.update((f, (d, TAGMANIFEST)) for f, d in
                        _read_manifest(root / TAGMANIFEST).items())
    else:
        verdict.problems.append(_problem(TAGMANIFEST, "evidence.verify.missing",
                                         manifest="BagIt"))
    bag = None
    try:
        bag = bagit.Bag(str(root))
        verdict.info = dict(bag.info)
    except (bagit.BagError, OSError, UnicodeDecodeError, ValueError) as exc:
        verdict.problems.append(_problem(".", "evidence.verify.bag_error", detail=str(exc)))
    if bag is not None:
        for rel, hashes in bag.payload_entries().items():
            expected[PurePosixPath(rel).as_posix()] = (hashes.get("sha256", ""), MANIFEST)
        if MANIFEST not in on_disk:
            verdict.problems.append(_problem(MANIFEST, "evidence.verify.missing",
                                             manifest=TAGMANIFEST))
    for rel in sorted(set(expected) - on_disk):
        verdict.problems.append(_problem(rel, "evidence.verify.missing",
                                         manifest=expected[rel][1]))
    for rel in sorted(on_disk - set(expected) - {TAGMANIFEST}):
        verdict.problems.append(_problem(rel, "evidence.verify.added"))
    present = sorted(set(expected) & on_disk)
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda rel: (rel, *_hash_file(root, rel)), present))
    for rel, digest, size, records, warc_problems in results:
        verdict.files += 1
        verdict.bytes += size
        verdict.warc_records += records
        if digest != expected[rel][0]:
            verdict.problems.append(_problem(rel, "evidence.verify.altered",
                                             manifest=expected[rel][1]))
        verdict.problems += [_problem(rel, "evidence.verify.warc", detail=d)
                             for d in warc_problems]
    if bag is not None:
        _check_oxum(bag, root, {f for f in on_disk if f.startswith("data/")}, verdict)
    verdict.problems.sort()
    return verdict


def _extract(zip_path: Path, into: Path) -> tuple[Path, list[Problem]]:
    """Unpack a zipped pack; damaged or unsafe members become problems, not crashes."""
    problems: list[Problem] = []
    with zipfile.ZipFile(zip_path) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        tops = {PurePosixPath(n).parts[0] for n in names}
        prefix = f"{tops.pop()}/" if len(tops) == 1 and f"{next(iter(tops))}/bagit.txt" in \
            names else ""
        for name in names:
            rel = name[len(prefix):] if name.startswith(prefix) else name
            parts = PurePosixPath(rel).parts
            if PurePosixPath(name).is_absolute() or ".." in parts or not parts:
                problems.append(_problem(name, "evidence.verify.unsafe_member"))
                continue
            target = into.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(name) as src, target.open("wb") as dst:
                    while chunk := src.read(CHUNK):
                        dst.write(chunk)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
                target.unlink(missing_ok=True)
                problems.append(_problem(rel, "evidence.verify.zip_error", detail=str(exc)))
    return into, problems


def verify_pack(path: Path | str) -> Verdict:
    """Check a pack (its directory or its zip) and say whether it is intact, naming any file
    that was altered, removed or added."""
    path = Path(path)
    if path.is_dir():
        return verify_directory(path)
    if not (path.is_file() and zipfile.is_zipfile(path)):
        raise EvidenceError(t("evidence.error.no_pack", None, path=path))
    with tempfile.TemporaryDirectory(prefix="tada-verify-") as tmp:
        try:
            root, zip_problems = _extract(path, Path(tmp))
        except zipfile.BadZipFile as exc:
            verdict = Verdict(path)
            verdict.problems.append(_problem(path.name, "evidence.verify.zip_error",
                                             detail=str(exc)))
            return verdict
        verdict = verify_directory(root)
    verdict.path = path
    # A damaged member also shows as missing; keep the more telling zip error for it.
    damaged = {p.file for p in zip_problems}
    verdict.problems = sorted([p for p in verdict.problems if p.file not in damaged]
                              + zip_problems)
    return verdict
