"""A part's CSV is inflated outside zipfile (ISA-L when installed) and checked as zipfile
checks it: same bytes, and a wrong CRC-32 or size is damage."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from scoring.dsa import parts

TEXT = ("uuid,platform_name\n" + "".join(f"{i:08d}-x,Platform {i % 7}\n" for i in range(50_000))
        ).encode()


def _zip(tmp_path, **info_changes):
    path = tmp_path / "part.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.csv", TEXT)
    archive = zipfile.ZipFile(path)
    info = archive.getinfo("a.csv")
    for name, value in info_changes.items():
        setattr(info, name, value)
    return archive, path.open("rb"), info


@pytest.mark.parametrize("library", ["default", "zlib"])
def test_same_bytes_as_zipfile(tmp_path, monkeypatch, library):
    if library == "zlib":
        monkeypatch.setattr(parts, "decompressobj", zlib.decompressobj)
        monkeypatch.setattr(parts, "crc32", zlib.crc32)
    archive, raw, info = _zip(tmp_path)
    out = io.BytesIO()
    parts._member(archive, raw, info)(out)
    assert out.getvalue() == archive.read("a.csv") == TEXT


@pytest.mark.parametrize("change", [{"CRC": 12345}, {"file_size": len(TEXT) + 1},
                                    {"compress_size": 100}])
def test_wrong_crc_size_or_truncation_is_damage(tmp_path, change):
    archive, raw, info = _zip(tmp_path, **change)
    with pytest.raises(parts._DAMAGED):
        parts._member(archive, raw, info)(io.BytesIO())
