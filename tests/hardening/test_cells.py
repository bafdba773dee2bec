"""Issue 16 item 2: no text cell of any CSV or XLSX output runs as a spreadsheet formula.

Every formula prefix OWASP names (= + - @ tab CR) is tried in every output: the scorecard
export (CSV, XLSX), the evidence pack's metrics CSVs and the dashboard's downloads. Numbers stay
numbers, and an export with no risky cell is byte for byte what DuckDB's COPY writes."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import duckdb
import pytest
from hardening_hostile import PAYLOADS, QUOTE_CELLS  # type: ignore[import-not-found]
from openpyxl import load_workbook

from core.cells import FORMULA_PREFIXES, csv_row, csv_text, guarded_query, needs_guard
from core.export import TABLES, export_scorecards
from dashboard.app import create_app
from evidence.build import build_pack

PREFIXES = list(PAYLOADS)
NUMBERS = ["-1", "-12.5", "+3", "-0.25e-3", "1e5", ".5"]


def _csv_cells(text: str) -> list[list[str]]:
    # newline="" semantics: a bare carriage return must not hide inside a translated newline
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def _assert_csv_safe(text: str) -> None:
    for row in _csv_cells(text):
        for cell in row:
            assert not needs_guard(cell), f"live formula in CSV: {cell!r}"


def _assert_xlsx_safe(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", zf.read(name)), f"formula in {name}"
    book = load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES) \
                        and needs_guard(cell.value):
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} lacks its prefix"


@pytest.mark.parametrize("text", [*PAYLOADS.values(), "=1+1", "-", "@", "+x", "\t", "\r"])
def test_every_prefix_is_guarded(text):
    assert needs_guard(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", [*NUMBERS, "plain", "", "'=quoted already", " =1", "a=b", "中文"])
def test_numbers_and_plain_text_are_left_alone(text):
    assert not needs_guard(text)
    assert csv_text(text) == text


def test_csv_rows_are_what_the_csv_module_writes_and_quote_every_line_break():
    rows = [["slug", "name", "n"], ["a", 'say "hi", then', "-1.5"], ["中文", "", "x\ny"]]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    assert "".join(csv_row(r) for r in rows) == buffer.getvalue()
    assert csv_row(["a", "x\r=1+1"]) == 'a,"x\r=1+1"\n'


def test_the_sql_writer_agrees_with_the_python_one():
    con = duckdb.connect()
    samples = [*PAYLOADS.values(), *NUMBERS, "plain", "", "a=b", "-", "@x", "'=1", None]
    con.execute("CREATE TABLE t (i INTEGER, v VARCHAR, n DOUBLE)")
    con.executemany("INSERT INTO t VALUES (?, ?, -1.5)", list(enumerate(samples)))
    got = con.execute(guarded_query(con, "SELECT * FROM t ORDER BY i")).fetchall()
    assert [v for _i, v, _n in got] == [None if s is None else csv_text(s) for s in samples]
    assert all(n == -1.5 for *_r, n in got)  # a number column stays a number


@pytest.fixture(scope="module")
def exported(hostile_public: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export_scorecards(hostile_public, out, ["csv", "json", "xlsx"])
    return out


@pytest.mark.parametrize("prefix", PREFIXES)
def test_export_csvs_carry_each_payload_as_text(exported: Path, prefix: str):
    payload = PAYLOADS[prefix]
    slug, element = QUOTE_CELLS[prefix]
    rows = list(csv.DictReader((exported / "policy_elements.csv").open(encoding="utf-8",
                                                                       newline="")))
    row = next(r for r in rows if (r["slug"], r["element"]) == (slug, element))
    assert row["quote"] == "'" + payload
    scorecard = list(csv.DictReader((exported / "scorecard_platform.csv").open(
        encoding="utf-8", newline="")))
    assert next(r for r in scorecard if r["slug"] == slug)[f"{element}_quote"] == "'" + payload
    for table in TABLES:
        _assert_csv_safe((exported / f"{table}.csv").read_bytes().decode("utf-8"))


def test_export_keeps_numbers_numbers_and_json_exact(exported: Path):
    scorecard = list(csv.DictReader((exported / "scorecard_platform.csv").open(
        encoding="utf-8", newline="")))
    imgur = next(r for r in scorecard if r["slug"] == "imgur")
    assert imgur["overall_score"] == "-12.5" and imgur["name_en"] == "'" + PAYLOADS["@"]
    import json

    records = json.loads((exported / "policy_elements.json").read_text(encoding="utf-8"))
    assert {r["quote"] for r in records} >= set(PAYLOADS.values())  # JSON is not a spreadsheet


@pytest.mark.parametrize("prefix", PREFIXES)
def test_export_workbook_holds_each_payload_as_a_string(exported: Path, prefix: str):
    data = (exported / "scorecards.xlsx").read_bytes()
    _assert_xlsx_safe(data)
    ws = load_workbook(io.BytesIO(data))["policy_elements"]
    header = [c.value for c in ws[1]]
    slug, element = QUOTE_CELLS[prefix]
    for row in ws.iter_rows(min_row=2):
        if (row[header.index("slug")].value, row[header.index("element")].value) == (slug,
                                                                                  element):
            cell = row[header.index("quote")]
            assert cell.data_type == "s" and cell.quotePrefix
            assert cell.value == PAYLOADS[prefix]  # the text itself, unchanged
            break
    else:
        pytest.fail("row not found")
    sheet = load_workbook(io.BytesIO(data))["scorecard_platform"]
    header = [c.value for c in sheet[1]]
    imgur = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "imgur")
    assert imgur[header.index("overall_score")].value == -12.5
    assert imgur[header.index("overall_score")].data_type == "n"


def test_export_without_risky_cells_is_what_duckdb_writes(benign_public: Path, tmp_path: Path):
    out = tmp_path / "out"
    export_scorecards(benign_public, out, ["csv"])
    con = duckdb.connect(str(benign_public), read_only=True)
    try:
        for table in TABLES:
            plain = tmp_path / f"{table}.plain.csv"
            query = (Path("core/export/sql") / f"{table}.sql").read_text().strip().rstrip(";")
            con.execute(f"COPY ({query}) TO '{plain}' (FORMAT CSV, HEADER true)")
            assert (out / f"{table}.csv").read_bytes() == plain.read_bytes(), table
    finally:
        con.close()


def test_the_data_package_documents_the_guard(exported: Path):
    import json

    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource.get("format") in ("csv", "xlsx"):
            assert "apostrophe" in resource["description"]


@pytest.fixture(scope="module")
def hostile_pack(pack_data, tmp_path_factory, evidence_modules):
    root = tmp_path_factory.mktemp("hostile-pack")
    import shutil

    shutil.copytree(pack_data.root, root / "var")
    public = root / "var" / "public.duckdb"
    con = duckdb.connect(str(public))
    try:
        rows = con.execute("SELECT slug, element FROM policy_elements WHERE quote IS NOT NULL "
                           "ORDER BY slug, element").fetchall()
        targets = dict(zip(PREFIXES, rows, strict=False))
        for prefix, (slug, element) in targets.items():
            con.execute("UPDATE policy_elements SET quote = ? WHERE slug = ? AND element = ?",
                        [PAYLOADS[prefix], slug, element])
    finally:
        con.close()
    assert len(targets) == len(PREFIXES)
    slugs = sorted({slug for slug, _e in targets.values()})
    pack = build_pack(root / "var", slugs, langs="en", restricted=True)
    return pack, targets


@pytest.mark.parametrize("prefix", PREFIXES)
def test_pack_metrics_carry_each_payload_as_text(hostile_pack, prefix: str):
    pack, targets = hostile_pack
    metrics = pack.path / "data" / "metrics"
    rows = _csv_cells((metrics / "policy_elements.csv").read_bytes().decode("utf-8-sig"))
    header = rows[0]
    slug, element = targets[prefix]
    row = next(r for r in rows[1:] if (r[header.index("slug")], r[header.index("element")])
               == (slug, element))
    assert row[header.index("quote")] == "'" + PAYLOADS[prefix]
    for path in metrics.glob("*.csv"):
        _assert_csv_safe(path.read_bytes().decode("utf-8-sig"))


@pytest.fixture(scope="module")
def client(hostile_public: Path):
    return create_app(hostile_public).server.test_client()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_downloads_carry_each_payload_as_text(client, prefix: str):
    payload = PAYLOADS[prefix]
    flat = client.get("/download/policy_elements.csv")
    assert flat.status_code == 200
    assert ["'" + payload] == [c for row in _csv_cells(flat.data.decode("utf-8"))
                               for c in row if c == "'" + payload]
    _assert_csv_safe(flat.data.decode("utf-8"))
    book = client.get("/download/scorecards.xlsx?lang=zh-Hant")
    _assert_xlsx_safe(book.data)
    bundle = zipfile.ZipFile(io.BytesIO(client.get("/download/scorecards-csv.zip").data))
    for name in bundle.namelist():
        if name.endswith(".csv"):
            _assert_csv_safe(bundle.read(name).decode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(client.get("/download/scorecards-xlsx.zip").data)) as zf:
        _assert_xlsx_safe(zf.read("scorecards.xlsx"))
