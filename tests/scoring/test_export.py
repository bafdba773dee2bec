"""``tada export scorecards``: four formats and a data package describing every file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from core import methodology
from core.export import TABLES, ExportError, export_scorecards, parse_formats
from core.paths import DataDir

VERSION = methodology.load(methodology.DEFAULT_PATH).version

ISSUE_COLUMNS = ["slug", "name_en", "category", "items", "removed", "removal_rate",
                 "removal_ci_low", "removal_ci_high", "cif_removed_24h", "cif_removed_48h",
                 "cif_removed_7d", "median_first_response_hours", "no_response_30d_share",
                 "ncii_prohibition_score", "ncii_prohibition_quote", "policy_score",
                 "responsiveness_score", "overall_score", "grade", "methodology_version"]


@pytest.fixture(scope="module")
def exported(scored_sample: DataDir, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export_scorecards(scored_sample.public_db, out, parse_formats(["all"]))
    return out


def test_every_file_is_described_by_the_data_package(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    written = {p.name for p in exported.iterdir()} - {"datapackage.json"}
    assert described == written
    assert package["version"] == VERSION and package["profile"] == "data-package"
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    sheets = {r["dialect"]["sheetName"] for r in package["resources"] if r["format"] == "xlsx"}
    assert sheets == set(TABLES)
    for r in package["resources"]:
        if r["format"] == "csv":
            with (exported / r["path"]).open(encoding="utf-8") as fh:
                header = next(csv.reader(fh))
            assert header == [f["name"] for f in r["schema"]["fields"]]


def test_formats_agree_and_carry_the_evidence(exported: Path) -> None:
    with (exported / "scorecard_platform.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert set(ISSUE_COLUMNS) <= set(rows[0])
    fb = next(r for r in rows if r["slug"] == "facebook")
    assert fb["ncii_prohibition_quote"] == "Do not share intimate images without consent."
    assert fb["methodology_version"] == VERSION and fb["grade"] in "ABCDE"
    records = json.loads((exported / "scorecard_platform.json").read_text(encoding="utf-8"))
    parquet = duckdb.sql(f"SELECT slug, items, overall_score FROM "
                         f"read_parquet('{exported / 'scorecard_platform.parquet'}')").fetchall()
    assert len(records) == len(rows) == len(parquet) == 26
    by_slug = {r["slug"]: r for r in records}
    for slug, items, overall in parquet:
        assert by_slug[slug]["items"] == items and by_slug[slug]["overall_score"] == overall


def test_workbook_is_readable(exported: Path) -> None:
    wb = load_workbook(exported / "scorecards.xlsx", read_only=True)
    assert wb.sheetnames == ["methodology", *TABLES]
    methodology = [r[0] for r in wb["methodology"].iter_rows(values_only=True)]
    assert any(str(line).startswith("version:") for line in methodology if line)
    rows = list(wb["scorecard_platform"].iter_rows(values_only=True))
    header = rows[0]
    youtube = next(r for r in rows if r[0] == "youtube")
    assert youtube[header.index("items")] == "suppressed"
    assert next(r for r in rows if r[0] == "facebook")[header.index("items")] == 60


def test_format_choice_and_errors(scored_sample: DataDir, tmp_path: Path) -> None:
    assert parse_formats(["json", "csv"]) == ["csv", "json"]
    assert parse_formats(["csv,parquet"]) == ["csv", "parquet"]
    with pytest.raises(ExportError, match="'pdf' is not an export format"):
        parse_formats(["pdf"])
    with pytest.raises(ExportError, match="tada score"):
        export_scorecards(tmp_path / "none.duckdb", tmp_path, ["csv"])
    out = tmp_path / "out"
    export_scorecards(scored_sample.public_db, out, ["json", "xlsx"])
    export_scorecards(scored_sample.public_db, out, ["csv"])  # replaces, leaves nothing stale
    names = {p.name for p in out.iterdir()}
    assert "scorecards.xlsx" not in names and "scorecard_platform.json" not in names
    assert "scorecard_platform.csv" in names


def test_cli(scored_sample: DataDir, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tada.cli import cli
    result = CliRunner().invoke(cli, ["--data-dir", str(scored_sample.root), "export",
                                      "scorecards", "--format", "parquet", "--format", "csv",
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "scorecard_category.parquet" in result.output
    assert (tmp_path / "o" / "datapackage.json").exists()
