"""Packs cite when each page was captured (a mirror page's recording date), not when it was
replayed; archives and public files written before capture dates were kept still build."""

from __future__ import annotations

import json

import duckdb
import pytest

from evidence.build import build_pack

RECORDED = "2019-07-15T00:00:00Z"
pytestmark = pytest.mark.slow  # packs built


def _add_capture_dates(data) -> None:
    for path in (data.archive / "items.jsonl", data.archive / "versions" / "index.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) | {"captured_at": RECORDED} for line in lines if line]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with duckdb.connect(str(data.public_db)) as con:
        for table in ("policy_elements", "form_audits", "policy_versions"):
            con.execute(f"ALTER TABLE {table} ADD COLUMN captured_at TIMESTAMP")
            con.execute(f"UPDATE {table} SET captured_at = TIMESTAMP '2019-07-15 00:00:00'")


def test_pack_cites_capture_dates(data_copy, tmp_path, helpers):
    _add_capture_dates(data_copy)
    result = build_pack(data_copy, ["facebook"], out_dir=tmp_path, langs="en")
    info = (result.path / "bag-info.txt").read_text(encoding="utf-8")
    cited = [line for line in info.splitlines() if line.startswith("Cited-Snapshot:")]
    assert cited and all(line.startswith(f"Cited-Snapshot: {RECORDED} ") for line in cited)
    text = helpers.pdf_text(result.path / "data" / "report.pdf")
    assert "2019-07-15" in text and "Captured (UTC)" in text


def test_without_capture_dates_the_fetch_time_is_cited(evidence_data, tmp_path):
    result = build_pack(evidence_data, ["facebook"], out_dir=tmp_path, langs="en")
    info = (result.path / "bag-info.txt").read_text(encoding="utf-8")
    assert "Cited-Snapshot: 2023-" in info and RECORDED not in info
