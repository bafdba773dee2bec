"""Exports with the EU DSA Transparency Database's tables: every format, attribution in the
data package, the synthetic flag; exports without DSA data (none imported, or a database from
before the DSA tables) are the same bytes as before."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from core.export import DSA_EXPORT_TABLES, TABLES, export_scorecards, parse_formats
from core.public_schema import DSA_TABLES

_spec = importlib.util.spec_from_file_location(
    "dsa_public_fixture", Path(__file__).resolve().parents[1] / "dsa_public_fixture.py")
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)

pytestmark = pytest.mark.slow  # builds data directories with the real pipeline
FLAT = ("csv", "json", "parquet")


@pytest.fixture(scope="module")
def real_days(tmp_path_factory) -> Path:
    """DSA days imported from a folder the toolkit does not know as synthetic."""
    return fixture.build_data_dir(tmp_path_factory.mktemp("dsa-real"), synthetic=False).public_db


@pytest.fixture(scope="module")
def demo_days(tmp_path_factory) -> Path:
    return fixture.build_data_dir(tmp_path_factory.mktemp("dsa-demo"), days=("2025-08-01",),
                                  rows=1000).public_db


def _export(public_db: Path, out: Path) -> dict:
    export_scorecards(public_db, out, parse_formats(["all"]))
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_dsa_tables_in_every_format_with_attribution(real_days, tmp_path):
    package = _export(real_days, tmp_path)
    for table in DSA_EXPORT_TABLES:
        for fmt in FLAT:
            assert (tmp_path / f"{table}.{fmt}").is_file(), (table, fmt)
    assert set(load_workbook(tmp_path / "scorecards.xlsx").sheetnames) == {
        "methodology", *TABLES, *DSA_EXPORT_TABLES}
    con = duckdb.connect(str(real_days), read_only=True)
    try:
        published = con.execute("SELECT count(*) FROM dsa_figures").fetchone()[0]
        files = con.execute("SELECT name, sha1 FROM dsa_files ORDER BY name").fetchall()
    finally:
        con.close()
    with (tmp_path / "dsa_figures.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == published > 0
    with (tmp_path / "dsa_files.csv").open(encoding="utf-8") as fh:
        assert [(r["name"], r["sha1"]) for r in csv.DictReader(fh)] == files
    dsa = [r for r in package["resources"] if r["name"].startswith("dsa-")]
    assert len(dsa) == len(DSA_EXPORT_TABLES) * (len(FLAT) + 1)
    for resource in dsa:
        assert resource["licenses"] == [{"name": "CC-BY-4.0",
                                         "path": "https://creativecommons.org/licenses/by/4.0/",
                                         "title": "CC BY 4.0"}]
        assert resource["sources"][0]["path"] == "https://doi.org/10.2906/134353607485211"
        assert "European Commission, DSA Transparency Database" in resource["description"]
        assert "SYNTHETIC" not in resource["description"]
    meta = {r["key"]: r["value"] for r in json.loads(
        (tmp_path / "dsa_meta.json").read_text(encoding="utf-8"))}
    assert meta["synthetic"] == "false" and meta["doi"] == "10.2906/134353607485211"
    scorecard = [r for r in package["resources"] if not r["name"].startswith("dsa-")]
    assert not any("licenses" in r for r in scorecard)


def test_days_from_the_demo_are_exported_as_synthetic(demo_days, tmp_path):
    package = _export(demo_days, tmp_path)
    described = [r["description"] for r in package["resources"] if r["name"].startswith("dsa-")]
    assert described and all("SYNTHETIC" in d for d in described)
    zh = tmp_path / "zh"
    export_scorecards(demo_days, zh, ["csv"], "zh-Hant-HK")
    package = json.loads((zh / "datapackage.json").read_text(encoding="utf-8"))
    assert all("資料來源" in r["description"] and "模擬" in r["description"]
               for r in package["resources"] if r["name"].startswith("dsa-"))


def _without_dsa(public_db: Path, target: Path, drop: bool) -> Path:
    shutil.copyfile(public_db, target)
    con = duckdb.connect(str(target))
    for table in DSA_TABLES:
        con.execute(f"DROP TABLE {table}" if drop else f"DELETE FROM {table}")
    con.close()
    return target


def test_without_dsa_data_the_export_is_unchanged(real_days, tmp_path):
    """Emptied DSA tables (nothing imported) and no DSA tables at all (an older database)
    give the same files, byte for byte, with no DSA file and no DSA resource."""
    outs = {}
    for drop in (False, True):
        db = _without_dsa(real_days, tmp_path / f"public-{drop}.duckdb", drop)
        out = tmp_path / f"out-{drop}"
        package = _export(db, out)
        assert not any(r["name"].startswith("dsa-") for r in package["resources"])
        outs[drop] = out
    names = sorted(p.name for p in outs[True].iterdir())
    assert names == sorted(p.name for p in outs[False].iterdir())
    assert not [n for n in names if n.startswith("dsa_")]
    for name in names:
        if name != "scorecards.xlsx":  # the workbook records when it was written
            assert (outs[True] / name).read_bytes() == (outs[False] / name).read_bytes(), name
    # a later export with DSA data, then one without: no stale DSA file is left behind
    _export(real_days, outs[True])
    assert (outs[True] / "dsa_figures.csv").is_file()
    _export(tmp_path / "public-True.duckdb", outs[True])
    assert not (outs[True] / "dsa_figures.csv").exists()
