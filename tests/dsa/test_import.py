"""The import against an independent reading of the same synthetic dumps."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path

import duckdb
import pytest
from dsa_test_helpers import csv_texts, truth

from scoring.dsa.importer import import_dumps
from scoring.dsa.status import status


def _counts(data_dir) -> dict[str, dict[str, int]]:
    return {p["platform_name"]: {k: p[k] for k in ("statements", "ncii_specific", "ncii_broad")}
            for p in status(data_dir)["platforms"]}


def _expected(t: dict) -> dict[str, dict[str, int]]:
    return {name: {k: c[k] for k in ("statements", "ncii_specific", "ncii_broad")}
            for name, c in t.items()}


@pytest.mark.parametrize(("day", "schema"), [("2024-05-02", "v1"), ("2025-08-01", "v2")])
def test_counts_match_an_independent_reading(synthetic_day, data_dir, day, schema):
    dump = synthetic_day(day)
    expected = truth([dump])
    assert sum(c["rows"] for c in expected.values()) == 3000
    assert sum(c["rows"] - c["statements"] for c in expected.values()) > 0  # duplicates
    assert sum(c["ncii_specific"] for c in expected.values()) > 20

    [result] = import_dumps([dump], data_dir)
    assert (result.outcome, result.rows_read) == ("imported", 3000)
    assert result.statements == sum(c["statements"] for c in expected.values())
    assert _counts(data_dir) == _expected(expected)
    assert status(data_dir)["days"][0]["schema"] == schema


def test_v1_and_v2_columns(synthetic_day):
    v1 = csv_texts(synthetic_day("2024-05-02", rows=10, folder="a"))[0][1].splitlines()[0]
    v2 = csv_texts(synthetic_day("2025-08-01", rows=10, folder="b"))[0][1].splitlines()[0]
    assert len(v1.split(",")) == 37 and "content_id_ean" not in v1
    assert len(v2.split(",")) == 38 and "content_id_ean" in v2


def test_a_second_import_adds_nothing(synthetic_day, data_dir):
    dump = synthetic_day()
    import_dumps([dump], data_dir)
    before = _table_sizes(data_dir)
    [again] = import_dumps([dump.parent], data_dir)
    assert again.outcome == "unchanged"
    assert _table_sizes(data_dir) == before


def test_a_changed_file_replaces_the_day_whole(synthetic_day, data_dir):
    import_dumps([synthetic_day(seed=1)], data_dir)
    changed = synthetic_day(seed=2, rows=2000)  # same day, same name, other content
    [result] = import_dumps([changed], data_dir)
    assert result.outcome == "replaced"
    assert _counts(data_dir) == _expected(truth([changed]))
    files = status(data_dir)["days"][0]["files"]
    assert len(files) == 1 and files[0]["sha1"] != "" and len(status(data_dir)["days"]) == 1


def test_platform_filter(synthetic_day, data_dir):
    dump = synthetic_day()
    import_dumps([dump], data_dir, platforms=["tiktok", "x_twitter"])
    assert _counts(data_dir) == _expected(truth([dump], {"TikTok", "X"}))
    # The same files with another filter are another import: the day is replaced.
    [result] = import_dumps([dump], data_dir)
    assert result.outcome == "replaced"
    assert len(_counts(data_dir)) > 2


def test_since_and_until_choose_days(synthetic_day, data_dir):
    for day in ("2025-07-30", "2025-07-31", "2025-08-01"):
        synthetic_day(day, rows=200)
    folder = synthetic_day("2025-08-02", rows=200).parent
    results = import_dumps([folder], data_dir, since=dt.date(2025, 7, 31),
                           until=dt.date(2025, 8, 1))
    assert [r.day.isoformat() for r in results] == ["2025-07-31", "2025-08-01"]
    assert [d["date"] for d in status(data_dir)["days"]] == ["2025-07-31", "2025-08-01"]


def test_light_version_and_loose_parts(synthetic_day, data_dir, tmp_path):
    import zipfile
    light = synthetic_day(version="light", rows=1500)
    loose = tmp_path / "loose"
    loose.mkdir()
    with zipfile.ZipFile(light) as zf:
        zf.extractall(loose)  # the part zips, loose
    results = import_dumps(sorted(loose.glob("*.csv.zip")), data_dir)
    assert [r.outcome for r in results] == ["imported"]
    assert _counts(data_dir) == _expected(truth([light]))
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM dsa_statements WHERE territorial_scope IS NOT NULL"
                       ).fetchone() == (0,)  # the light version has no territorial_scope
    con.close()


def test_global_and_platform_dumps_of_a_day_are_not_both_counted(synthetic_day, data_dir):
    from core.errors import TadaError
    import_dumps([synthetic_day(rows=300)], data_dir)
    with pytest.raises(TadaError, match="overlaps"):
        import_dumps([synthetic_day(rows=300, slug="tiktok", folder="tiktok")], data_dir)


def test_figures_per_platform_and_period(synthetic_day, data_dir):
    dump = synthetic_day(rows=6000)
    import_dumps([dump], data_dir)
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    figures = con.execute(
        "SELECT ncii, statements, ncii_share, delay_median_hours, delay_p90_hours, "
        "lag_median_hours, removed + disabled + demoted + age_restricted + labelled "
        "+ visibility_other FROM dsa_figures WHERE platform = 'tiktok' AND period_type = 'month' "
        "AND period = '2025-08' AND ncii_set = 'specific'").fetchone()
    delays = [r[0] for r in con.execute(
        "SELECT (epoch(application_date) - epoch(content_date)) / 3600 FROM dsa_statements "
        "JOIN dsa_platform_names USING (platform_name) WHERE slug = 'tiktok' AND ncii_specific"
        ).fetchall()]
    quarter = con.execute("SELECT ncii FROM dsa_figures WHERE platform = 'tiktok' AND "
                          "period = '2025-Q3' AND ncii_set = 'specific'").fetchone()
    con.close()
    counts = truth([dump])["TikTok"]
    ncii, statements, share, median, p90, lag, visibility = figures
    assert (ncii, statements) == (counts["ncii_specific"], counts["statements"])
    assert share == pytest.approx(ncii / statements)
    kept = sorted(d for d in delays if d >= 0)
    assert median == pytest.approx(statistics.median(kept))
    assert p90 == pytest.approx(statistics.quantiles(kept, n=10, method="inclusive")[-1])
    assert lag is not None and lag >= 0
    assert 0 < visibility <= ncii
    assert quarter == (ncii,)


def test_status_json_shape(synthetic_day, data_dir, run_tada):
    dump = synthetic_day(rows=500)
    assert run_tada("dsa", "import", str(dump)).exit_code == 0
    result = run_tada("dsa", "status", "--json")
    data = json.loads(result.output)
    assert set(data) == {"days", "platforms"}
    assert [set(d) for d in data["days"]] == [{"date", "schema", "files"}]
    assert data["days"][0]["files"] == [{"name": dump.name, "sha1": _sha1(dump)}]
    assert all(set(p) == {"platform_name", "slug", "statements", "ncii_specific", "ncii_broad"}
               for p in data["platforms"])
    by_name = {p["platform_name"]: p["slug"] for p in data["platforms"]}
    assert by_name["TikTok"] == "tiktok" and by_name["Google Shopping"] is None


def test_status_before_any_import(run_tada):
    assert json.loads(run_tada("dsa", "status", "--json").output) == {"days": [], "platforms": []}


def test_cli_messages_in_chinese(synthetic_day, run_tada):
    result = run_tada("dsa", "import", str(synthetic_day(rows=300)), lang="zh-Hant")
    output = "".join(result.output.split())  # the console wraps long lines
    assert "已匯入" in output and "CCBY4.0" in output and "10.2906/134353607485211" in output


def _sha1(path: Path) -> str:
    import hashlib
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _table_sizes(data_dir) -> dict[str, int]:
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("dsa_days", "dsa_files", "dsa_platform_days", "dsa_statements")}
    finally:
        con.close()


def test_windows_line_ends(synthetic_day, data_dir, tmp_path):
    from dsa_test_helpers import pack_day
    dump = synthetic_day(rows=400)
    parts = {0: [(i, text.replace("\n", "\r\n"))
                 for i, (_name, text) in enumerate(csv_texts(dump))]}
    crlf = pack_day(tmp_path / "crlf", "sor-global-2025-08-01-full", parts)
    import_dumps([crlf], data_dir)
    assert _counts(data_dir) == _expected(truth([dump]))
