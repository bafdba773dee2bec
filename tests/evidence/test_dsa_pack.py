"""Evidence packs with the EU DSA Transparency Database's figures: a report section per
platform and data/metrics/dsa_figures.csv with the dumps' files and sha1s and the attribution;
packs without DSA figures (none for their platforms, none imported, or a database from before
the DSA tables) are built as before."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import shutil
from pathlib import Path

import duckdb
import pypdfium2
import pytest

from core.paths import DataDir
from core.public_schema import DSA_TABLES
from evidence import build_pack, verify_pack

_spec = importlib.util.spec_from_file_location(
    "dsa_public_fixture", Path(__file__).resolve().parents[1] / "dsa_public_fixture.py")
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)

pytestmark = pytest.mark.slow  # builds a data directory and packs with the real pipeline
DATE = __import__("datetime").date(2024, 1, 1)


def _text(pack: Path) -> str:
    document = pypdfium2.PdfDocument(pack / "data" / "report.pdf")
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _bag_info(pack: Path) -> str:
    return (pack / "bag-info.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> DataDir:
    return fixture.build_data_dir(tmp_path_factory.mktemp("dsa-pack"))


def test_pack_with_dsa_figures(data, tmp_path):
    pack = build_pack(data, ["facebook", "lihkg"], langs="en", out_dir=tmp_path,
                      bagging_date=DATE)
    assert verify_pack(pack.zip_path).ok
    text = _text(pack.path)
    assert "1.7 What the platform reports to the EU" in text
    assert "2.7 What the platform reports to the EU" in text  # LIHKG: says it has none
    assert "No DSA data for this platform" in text
    assert "Different populations" in text and "SYNTHETIC EU DSA DATA" in text
    assert "European Commission, DSA Transparency Database, CC BY 4.0," in text
    zips = sorted(data.dsa_synthetic.glob("*.zip"))
    first = zips[0]  # 2023-03-15: in the quarter shown beside the NGO's figures
    assert first.name in text and hashlib.sha1(first.read_bytes()).hexdigest() in text
    info = _bag_info(pack.path)
    assert "DSA-Synthetic-Data: true" in info and "doi:10.2906/134353607485211" in info
    with (pack.path / "data" / "metrics" / "dsa_figures.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    con = duckdb.connect(str(data.public_db), read_only=True)
    try:
        published = con.execute("SELECT period, ncii_set, ncii FROM dsa_figures WHERE slug IN "
                                "('facebook', 'lihkg') ORDER BY ALL").fetchall()
    finally:
        con.close()
    assert sorted((r["period"], r["ncii_set"], int(r["ncii"])) for r in rows) == published
    for row in rows:
        assert row["attribution"].startswith("European Commission, DSA Transparency Database")
        assert row["synthetic"] == "true"
        day_zip = next(z for z in zips if row["period"][:4] in z.name)
        assert f"{day_zip.name} sha1:{hashlib.sha1(day_zip.read_bytes()).hexdigest()}" \
            in row["source_files"]


def test_pack_in_chinese_has_the_section(data, tmp_path):
    from evidence.fonts import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font on this machine")
    pack = build_pack(data, ["facebook"], langs="en,zh-Hant", out_dir=tmp_path,
                      bagging_date=DATE)
    text = _text(pack.path)
    assert "平台向歐盟申報的資料" in text and "不同群體" in text and "資料來源" in text


def _no_dsa_copy(data: DataDir, root: Path, drop: bool) -> DataDir:
    copy = DataDir(root)
    copy.root.mkdir(parents=True)
    shutil.copyfile(data.public_db, copy.public_db)
    con = duckdb.connect(str(copy.public_db))
    for table in DSA_TABLES:
        con.execute(f"DROP TABLE {table}" if drop else f"DELETE FROM {table}")
    con.close()
    return copy


def test_packs_without_dsa_figures_are_unchanged(data, tmp_path):
    """No DSA figures for the pack's platforms, none imported, or no DSA tables at all: the
    same pack, byte for byte, with no DSA section, CSV or bag-info line."""
    built = {}
    for name, source in (("none_for_platform", data),
                         ("none_imported", _no_dsa_copy(data, tmp_path / "empty", False)),
                         ("older_database", _no_dsa_copy(data, tmp_path / "older", True))):
        pack = build_pack(source, ["lihkg"], langs="en", out_dir=tmp_path / f"out-{name}",
                          bagging_date=DATE)
        assert verify_pack(pack.zip_path).ok
        assert not (pack.path / "data" / "metrics" / "dsa_figures.csv").exists()
        assert "DSA" not in _bag_info(pack.path)
        assert "What the platform reports to the EU" not in _text(pack.path)
        built[name] = pack.path
    reference = built.pop("older_database")
    for pack in built.values():
        for path in sorted(p for p in (reference / "data").rglob("*") if p.is_file()):
            assert path.read_bytes() == (pack / path.relative_to(reference)).read_bytes(), path
