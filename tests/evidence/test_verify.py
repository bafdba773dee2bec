"""``verify_pack`` and ``tada verify``: intact packs pass; any change is caught and named."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence.verify import verify_pack
from tada.cli import cli

TAMPER = ["data/report.pdf", "data/archive/20230110T080000Z.warc.gz",
          "data/metrics/scorecard_platform.csv", "data/methodology.yaml",
          "data/policies/lihkg/community_guidelines.zh-Hant", "bag-info.txt", "bagit.txt",
          "manifest-sha256.txt", "tagmanifest-sha256.txt"]


def _flip(path: Path, at: float = 0.5) -> None:
    data = bytearray(path.read_bytes())
    i = int(len(data) * at)
    data[i] ^= 0x01
    path.write_bytes(bytes(data))


def _named(verdict, rel: str) -> bool:
    return any(p.file == rel or rel in p.text("en") for p in verdict.problems)


def test_intact_pack_and_zip_verify(public_pack):
    for target in (public_pack.path, public_pack.zip_path):
        verdict = verify_pack(target)
        assert verdict.ok, verdict.lines()
        assert verdict.warc_records == 21
        assert verdict.files == public_pack.payload_files + 3
        assert verdict.lines()[0].startswith("VALID")
        assert verdict.lines()[1].startswith("有效")


@pytest.mark.parametrize("rel", TAMPER)
def test_one_flipped_byte_is_named(pack_copy, rel):
    path = pack_copy / rel
    if path.is_dir():
        path = next(p for p in sorted(path.iterdir()) if p.suffix == ".md")
        rel = path.relative_to(pack_copy).as_posix()
    _flip(path, 0.3 if rel == "tagmanifest-sha256.txt" else 0.5)
    verdict = verify_pack(pack_copy)
    assert not verdict.ok
    assert _named(verdict, rel), verdict.lines()


def test_added_and_deleted_files_are_named(pack_copy):
    (pack_copy / "data" / "metrics" / "extra.csv").write_text("slug\nx\n")
    (pack_copy / "notes.txt").write_text("added later")
    (pack_copy / "data" / "policies" / "bing").rename(pack_copy / "gone")
    shutil.rmtree(pack_copy / "gone")
    verdict = verify_pack(pack_copy)
    files = {p.file: p.key for p in verdict.problems}
    assert files["data/metrics/extra.csv"] == "evidence.verify.added"
    assert files["notes.txt"] == "evidence.verify.added"
    missing = [f for f, k in files.items() if k == "evidence.verify.missing"]
    assert missing and all(f.startswith("data/policies/bing/") for f in missing)


def test_a_warc_record_rewritten_with_its_manifest_is_still_caught(pack_copy):
    """Someone edits a page inside a WARC record and recomputes every BagIt digest: the
    record's own payload digest still gives it away."""
    rel = "data/archive/20230302T080000Z.warc.gz"
    path = pack_copy / rel
    members, data = [], path.read_bytes()
    while data:  # one gzip member per record, as warcio writes them
        inflater = zlib.decompressobj(wbits=31)
        members.append(inflater.decompress(data))
        data = inflater.unused_data
    forged = [m.replace(b"within 48 hours", b"within 24 hours") for m in members]
    assert forged != members
    path.write_bytes(b"".join(gzip.compress(m, mtime=0) for m in forged))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = pack_copy / "manifest-sha256.txt"
    lines = [f"{digest}  {rel}" if line.endswith(rel) else line
             for line in manifest.read_text().splitlines()]
    manifest.write_text("\n".join(lines) + "\n")
    tag = pack_copy / "tagmanifest-sha256.txt"
    new = hashlib.sha256(manifest.read_bytes()).hexdigest()
    tag.write_text("\n".join(f"{new}  manifest-sha256.txt" if t.endswith(" manifest-sha256.txt")
                             else t for t in tag.read_text().splitlines()) + "\n")
    verdict = verify_pack(pack_copy)
    assert not verdict.ok
    warc = [p for p in verdict.problems if p.key == "evidence.verify.warc"]
    assert {p.file for p in warc} == {rel}
    assert "digest" in warc[0].text("en")
    assert not [p for p in verdict.problems if p.key == "evidence.verify.altered"]


def test_tampered_zip_member_is_named(public_pack, tmp_path):
    source, target = public_pack.zip_path, tmp_path / "pack.zip"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("data/methodology.yaml"):
                data = data.replace(b"1.5", b"2.5")
            zout.writestr(info, data)
    verdict = verify_pack(target)
    assert not verdict.ok
    assert [p.file for p in verdict.problems] == ["data/methodology.yaml"]


def test_damaged_zip_bytes_are_named(public_pack, tmp_path):
    target = tmp_path / "pack.zip"
    shutil.copyfile(public_pack.zip_path, target)
    with zipfile.ZipFile(target) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("scorecard_platform.csv"))
    data = bytearray(target.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + 5] ^= 0xFF
    target.write_bytes(bytes(data))
    verdict = verify_pack(target)
    assert not verdict.ok
    assert any(p.file == "data/metrics/scorecard_platform.csv" for p in verdict.problems)


def test_cli_verdicts_and_exit_codes(public_pack, pack_copy, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["verify", str(public_pack.zip_path)])
    assert ok.exit_code == 0, ok.output
    assert "VALID" in ok.output and "有效" in ok.output
    _flip(pack_copy / "data" / "report.pdf")
    bad = runner.invoke(cli, ["verify", str(pack_copy)])
    assert bad.exit_code == 1
    assert "INVALID" in bad.output and "無效" in bad.output
    assert "data/report.pdf" in bad.output
    missing = runner.invoke(cli, ["verify", str(tmp_path / "nope.zip")])
    assert missing.exit_code == 2
    assert "neither a pack directory nor a .zip" in missing.output


def test_a_directory_that_is_not_a_bag_is_invalid(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file.txt").write_text("hello")
    verdict = verify_pack(tmp_path / "x")
    assert not verdict.ok
    assert any(p.file == "file.txt" for p in verdict.problems)
