"""``verify_pack``: is this pack exactly as it was built?

Nothing is read from a pack holding links, devices or pipes (``_unsafe_entries``), and a zip is
unpacked only within its declared sizes (``evidence.unpack``). Then it checks the
Payload-Oxum against the sizes on disk and, in one read of every file: each tag file against
tagmanifest-sha256.txt, each payload file against manifest-sha256.txt (parsed by ``bagit``),
no file missing or added, and the payload (and block) digest of every record in every WARC
file. Files are hashed on a few threads; hashlib and zlib release the GIL, so this keeps pace
with ``sha256sum``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import bagit

from core.i18n import LANGS, t
from evidence.bag import MANIFEST, TAGMANIFEST
from evidence.errors import EvidenceError
from evidence.problems import Problem, parse_oxum, problem
from evidence.unpack import TAG_FILE_LIMIT, extract_pack
from evidence.warc import CHUNK, HashingReader, check_warc_stream
from evidence.warcdigest import NeedsFullParse, fast_check

WARC_SUFFIXES = (".warc.gz", ".warc")


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


_problem = problem


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


def _unsafe_entries(root: Path) -> list[Problem]:
    """Links, devices, pipes and sockets anywhere in the pack, and tag files too large to be
    real, found from the directory entries alone: reading one could hang or never end."""
    found = []
    for folder, dirs, names in os.walk(root):
        rel_folder = Path(folder).relative_to(root)
        for name in [*dirs, *names]:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            rel = (rel_folder / name).as_posix()
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append(_problem(rel, "evidence.verify.not_regular"))
            elif rel_folder == Path(".") and stat.S_ISREG(mode) and name.endswith(".txt") \
                    and path.lstat().st_size > TAG_FILE_LIMIT:
                found.append(_problem(rel, "evidence.verify.too_large",
                                      size=f"{path.lstat().st_size:,}"))
        dirs[:] = [d for d in dirs if stat.S_ISDIR((Path(folder) / d).lstat().st_mode)]
    return found


def _check_oxum(bag: bagit.Bag, root: Path, payload: set[str], verdict: Verdict) -> None:
    """The payload's size and count on disk against Payload-Oxum, before anything is hashed."""
    oxum = bag.info.get("Payload-Oxum")
    if isinstance(oxum, list):
        oxum = oxum[0]
    if not oxum:
        return
    found = f"{sum((root / p).lstat().st_size for p in payload)}.{len(payload)}"
    if parse_oxum(oxum) is None or str(oxum).strip() != found:
        verdict.problems.append(_problem("bag-info.txt", "evidence.verify.oxum",
                                         expected=oxum, found=found))


def verify_directory(root: Path) -> Verdict:
    verdict = Verdict(root)
    unsafe = _unsafe_entries(root)
    if unsafe:  # nothing is read from a pack holding links or special files
        verdict.problems = sorted(unsafe)
        return verdict
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
    if bag is not None:
        _check_oxum(bag, root, {f for f in on_disk if f.startswith("data/")}, verdict)
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
    verdict.problems.sort()
    return verdict


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
            root, zip_problems, extracted = extract_pack(path, Path(tmp))
        except zipfile.BadZipFile as exc:
            verdict = Verdict(path)
            verdict.problems.append(_problem(path.name, "evidence.verify.zip_error",
                                             detail=str(exc)))
            return verdict
        if not extracted:  # refused before a byte was written: say why, and only that
            verdict = Verdict(path)
            verdict.problems = sorted(zip_problems)
            return verdict
        verdict = verify_directory(root)
    verdict.path = path
    # A damaged member also shows as missing; keep the more telling zip error for it.
    damaged = {p.file for p in zip_problems}
    verdict.problems = sorted([p for p in verdict.problems if p.file not in damaged]
                              + zip_problems)
    return verdict
