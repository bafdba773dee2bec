"""Issue 16 item 4: ``tada verify`` never hangs on a hostile pack and never fills the disk.

Links and special files are refused before anything is read; a zip's declared sizes are
checked against its Payload-Oxum and a compression-ratio limit before a byte is extracted, and
no member may grow past its declared size. Commands that could hang run in a subprocess with a
timeout."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from evidence.verify import verify_pack

TIMEOUT = 60


def _tada(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from tada.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "TADA_LANG": "en"})


@pytest.fixture
def pack_dir(built_pack, tmp_path: Path) -> Path:
    target = tmp_path / built_pack.path.name
    shutil.copytree(built_pack.path, target)
    return target


def test_bag_info_linked_to_dev_zero_is_refused_not_read(pack_dir: Path):
    (pack_dir / "bag-info.txt").unlink()
    (pack_dir / "bag-info.txt").symlink_to("/dev/zero")
    done = _tada("verify", str(pack_dir))  # the old code read /dev/zero for ever
    assert done.returncode == 1, done.stderr
    assert "bag-info.txt" in done.stdout and "not a regular file" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_payload_file_replaced_by_a_pipe_is_refused(pack_dir: Path):
    target = pack_dir / "data" / "methodology.yaml"
    target.unlink()
    os.mkfifo(target)  # opening it would wait for a writer that never comes
    done = _tada("verify", str(pack_dir))
    assert done.returncode == 1, done.stderr
    assert "data/methodology.yaml" in done.stdout and "not a regular file" in done.stdout


def test_links_to_files_or_folders_outside_the_pack_are_refused(pack_dir: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not part of the pack")
    (pack_dir / "data" / "metrics" / "linked.csv").symlink_to(outside / "secret.txt")
    (pack_dir / "data" / "elsewhere").symlink_to(outside, target_is_directory=True)
    verdict = verify_pack(pack_dir)
    refused = {p.file for p in verdict.problems if p.key == "evidence.verify.not_regular"}
    assert refused == {"data/metrics/linked.csv", "data/elsewhere"}
    assert len(verdict.problems) == 2  # nothing else was even looked at


def _rezip(source: Path, target: Path, *, add: dict[str, bytes] | None = None,
           oxum_extra: tuple[int, int] | None = None) -> None:
    """Copy a pack's zip, adding members under its top folder and, if asked, raising
    bag-info.txt's Payload-Oxum so that it agrees with them."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        top = zin.namelist()[0].split("/")[0]
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == f"{top}/bag-info.txt" and oxum_extra:
                lines = []
                for line in data.decode().splitlines():
                    if line.startswith("Payload-Oxum:"):
                        size, count = line.split(":", 1)[1].strip().split(".")
                        line = (f"Payload-Oxum: {int(size) + oxum_extra[0]}."
                                f"{int(count) + oxum_extra[1]}")
                    lines.append(line)
                data = ("\n".join(lines) + "\n").encode()
            zout.writestr(info, data)
        for name, data in (add or {}).items():
            zout.writestr(f"{top}/{name}", data, compress_type=zipfile.ZIP_DEFLATED)


def test_a_zip_bomb_is_refused_before_extracting(built_pack, tmp_path: Path):
    bomb = tmp_path / "bomb.zip"
    size = 64 << 20
    _rezip(built_pack.zip_path, bomb, add={"data/zeros.bin": bytes(size)}, oxum_extra=(size, 1))
    assert bomb.stat().st_size < 2 << 20
    verdict = verify_pack(bomb)
    assert [(p.file, p.key) for p in verdict.problems] == [
        ("data/zeros.bin", "evidence.verify.zip_ratio")]
    assert "zip bomb" in verdict.lines()[2]


def _patch_sizes(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip declares for ``member`` (local and central)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at != -1:
            length = struct.unpack_from("<H", data, at + name_at - (4 if name_at == 30 else 18))[0]
            if bytes(data[at + name_at:at + name_at + length]) == name:
                struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_a_member_declaring_a_huge_size_is_refused(built_pack, tmp_path: Path):
    target = tmp_path / "huge.zip"
    _rezip(built_pack.zip_path, target)
    with zipfile.ZipFile(target) as zf:
        member = next(n for n in zf.namelist() if n.endswith("data/methodology.yaml"))
    _patch_sizes(target, member, 0xFFFFFFF0)  # 4 GB from a few hundred bytes
    verdict = verify_pack(target)
    assert not verdict.ok
    assert {p.key for p in verdict.problems} <= {"evidence.verify.zip_ratio",
                                                "evidence.verify.oxum_zip",
                                                "evidence.verify.no_space"}
    assert any(p.file == "data/methodology.yaml" for p in verdict.problems)


def test_a_member_larger_than_it_declares_stops_at_its_declared_size(built_pack, tmp_path):
    """The Payload-Oxum is lowered to agree with the lie, so only the cap catches it."""
    target = tmp_path / "grows.zip"
    with zipfile.ZipFile(built_pack.zip_path) as zf:
        member = next(n for n in zf.namelist() if n.endswith("data/methodology.yaml"))
        real = zf.getinfo(member).file_size
    _rezip(built_pack.zip_path, target, oxum_extra=(10 - real, 0))
    _patch_sizes(target, member, 10)
    verdict = verify_pack(target)
    assert not verdict.ok
    problems = [p for p in verdict.problems if p.file == "data/methodology.yaml"]
    assert problems and problems[0].key == "evidence.verify.zip_error"


def test_payload_oxum_disagreeing_with_the_zip_extracts_nothing(built_pack, tmp_path: Path):
    target = tmp_path / "added.zip"
    _rezip(built_pack.zip_path, target, add={"data/extra.bin": os.urandom(2 << 20)})
    verdict = verify_pack(target)
    assert [(p.file, p.key) for p in verdict.problems] == [
        ("bag-info.txt", "evidence.verify.oxum_zip")]
    assert "nothing was extracted" in verdict.lines()[2]


def test_payload_oxum_disagreeing_with_the_folder_is_named(pack_dir: Path):
    (pack_dir / "data" / "methodology.yaml").write_text("short")
    verdict = verify_pack(pack_dir)
    keys = {(p.file, p.key) for p in verdict.problems}
    assert ("bag-info.txt", "evidence.verify.oxum") in keys
    assert ("data/methodology.yaml", "evidence.verify.altered") in keys


def test_an_intact_pack_still_verifies(built_pack):
    for target in (built_pack.path, built_pack.zip_path):
        assert verify_pack(target).ok
