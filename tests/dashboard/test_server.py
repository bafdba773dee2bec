"""The Flask side: downloads, the Dash callback endpoint, headers, the WSGI entry point, and
``tada dashboard`` serving on 127.0.0.1."""

from __future__ import annotations

import csv
import importlib
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dashboard.app import create_app
from dashboard.exports import allowed_names
from dashboard.serve import PortInUse, serve, url_for


@pytest.fixture(scope="module")
def client(public_db):
    return create_app(public_db).server.test_client()


def _rows(public_db: Path, table: str) -> int:
    con = duckdb.connect(str(public_db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_every_listed_download_exists_in_every_format(client, public_db):
    names = allowed_names()
    assert {"scorecard_platform.csv", "scorecard_category.parquet", "scorecards.xlsx",
            "scorecards-json.zip"} <= set(names)
    got = client.get("/download/scorecard_platform.csv")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    assert "attachment" in got.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(got.data.decode("utf-8"))))
    assert len(rows) == _rows(public_db, "scorecard_platform")
    discord = next(r for r in rows if r["slug"] == "discord")
    assert discord["grade"] == "insufficient_data" and discord["removal_rate"] == ""
    data = json.loads(client.get("/download/scorecard_category.json").data)
    assert len(data) == _rows(public_db, "scorecard_category")


def test_parquet_xlsx_and_zip_downloads_are_readable(client, public_db, tmp_path):
    parquet = tmp_path / "x.parquet"
    parquet.write_bytes(client.get("/download/metrics_by_period.parquet").data)
    con = duckdb.connect()
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(parquet)]).fetchone()[0] \
        == _rows(public_db, "metrics_by_period")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/download/scorecards.xlsx").data))
    assert "scorecard_platform" in book.sheetnames
    bundle = zipfile.ZipFile(io.BytesIO(client.get("/download/scorecards-csv.zip").data))
    assert {"datapackage.json", "methodology.yaml", "scorecard_platform.csv",
            "suppressed_cells.csv"} <= set(bundle.namelist())


@pytest.mark.parametrize("name", ["secret.key", "warehouse.duckdb", "public.duckdb",
                                  "scorecard_platform.exe",
                                  "scorecards.csv", "items.csv", "scorecards-exe.zip"])
def test_only_listed_downloads_are_served(client, name):
    got = client.get(f"/download/{name}?lang=zh-Hant")
    assert got.status_code == 404
    assert "沒有此下載項目" in got.data.decode("utf-8")


def test_a_path_outside_the_downloads_is_never_a_file(client):
    got = client.get("/download/..%2Fwarehouse.duckdb")
    assert "Content-Disposition" not in got.headers
    assert got.mimetype == "text/html"  # the app's page, which says "not found"


def test_downloads_without_data_explain(tmp_path):
    got = create_app(tmp_path / "public.duckdb").server.test_client().get(
        "/download/scorecards.xlsx")
    assert got.status_code == 404 and "tada demo" in got.data.decode("utf-8")


def test_callback_endpoint_draws_pages_and_sets_headers(client):
    payload = {
        "output": "..root.children...rendered.data...controls.data..",
        "outputs": [{"id": "root", "property": "children"},
                    {"id": "rendered", "property": "data"},
                    {"id": "controls", "property": "data"}],
        "inputs": [{"id": "url", "property": "pathname", "value": "/platform/lihkg"},
                   {"id": "url", "property": "search", "value": "?lang=zh-Hant"}],
        "state": [{"id": "rendered", "property": "data", "value": None},
                  {"id": "expected", "property": "data", "value": None}],
        "changedPropIds": ["url.pathname"],
    }
    got = client.post("/_dash-update-component", json=payload)
    assert got.status_code == 200
    body = json.dumps(got.get_json(), ensure_ascii=False)
    assert "連登" in body and "嚴禁在未經同意下發布" in body and "Traceback" not in body
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["X-Frame-Options"] == "DENY"


def test_wsgi_server_reads_the_data_directory(monkeypatch, public_db):
    monkeypatch.setenv("TADA_DATA_DIR", str(public_db.parent))
    module = importlib.reload(importlib.import_module("dashboard.app"))
    assert module.server.test_client().get("/").status_code == 200
    assert module.server.test_client().get("/download/scorecard_platform.json").status_code \
        == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_refuses_a_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(PortInUse, match=str(busy.getsockname()[1])):
            serve(tmp_path, "127.0.0.1", busy.getsockname()[1], echo=lambda _: None)
    assert url_for("0.0.0.0", 8050) == "http://127.0.0.1:8050/"


def test_tada_dashboard_command_serves_on_localhost(public_db):
    port = _free_port()
    tada = str(Path(sys.executable).with_name("tada"))
    proc = subprocess.Popen(
        [tada, "--data-dir", str(public_db.parent), "dashboard", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as page:
                    assert page.status == 200 and b"_dash-config" in page.read()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the dashboard did not start")
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out
