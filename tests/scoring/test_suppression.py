"""Small-cell suppression: primary, secondary (no hidden cell recoverable from published
totals, audited from the published tables alone), and the privacy scan of every output."""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
import scoring_test_helpers as h

from core.export import export_scorecards
from core.paths import DataDir

MIN_ITEMS, MIN_PEOPLE = 5, 10


def _row(n: int, platform: str, when: str, gender: str = "female", case: int | None = None,
         host: str | None = None, outcome: str = "removed") -> dict[str, str]:
    token = f"LEAKTOKEN{n:05d}"
    url = f"https://{host}/{token}" if host else {
        "Telegram": f"https://t.me/leakchan/{token}",
        "Facebook": f"https://www.facebook.com/leak/{token}",
        "Google": f"https://www.google.com/leak/{token}"}[platform]
    return {
        "case_ref": f"SECRETCASE{case if case is not None else n:04d}",
        "item_ref": f"ITEMREF{n:05d}X", "platform": "" if host else platform,
        "content_url": url, "reported_at": f"{when} 10:00",
        "first_response_at": f"{when} 12:00" if outcome == "removed" else "",
        "removed_at": f"{when} 20:00" if outcome == "removed" else "", "outcome": outcome,
        "channel": "email",
        "follow_ups": "0", "victim_gender": gender, "perpetrator_relation": "unknown"}


@pytest.fixture
def crafted(case_log, run_tada, data_dir: DataDir) -> DataDir:
    """A log built so that naive totals would reveal hidden cells:
    3 'other' victims (total and the rest published), 3 Telegram items in 2022-Q2 (the
    platform total and Q1 published), 2 items on an unregistered host."""
    rows, n = [], 0
    plan = ([("Telegram", "2022-01-10")] * 20 + [("Telegram", "2022-05-10")] * 3
            + [("Facebook", "2022-02-10")] * 20 + [("Facebook", "2022-06-10")] * 10
            + [("Google", "2022-03-10")] * 12)
    genders = ["female"] * 12 + ["male"] * 10 + ["other"] * 3
    for platform, when in plan:
        rows.append(_row(n, platform, when, gender=genders[n % 25], case=n % 25))
        n += 1
    rows += [_row(n + i, "", "2022-02-01", gender=genders[i], case=i,
                  host="victim-leak-host.example", outcome="no_response") for i in range(2)]
    result = run_tada("ingest", str(case_log(rows)), "--as-of", "2022-12-31")
    assert result.exit_code == 0, result.output
    result = run_tada("score")
    assert result.exit_code == 0, result.output
    return data_dir


def _query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _relations(con: duckdb.DuckDBPyConnection, measure: str) -> list[tuple[str, list, object]]:
    """Additive relations a reader can form from the published tables alone:
    (name, member values, total value)."""
    out = []
    figures = {(r["figure"], r["group_key"]): r["count"]
               for r in _query(con, "SELECT * FROM report_figures")}
    total_key = "items" if measure == "items" else "removed"
    cats = _query(con, f"SELECT category, {measure} AS v FROM scorecard_category")
    out.append(("categories", [c["v"] for c in cats if c["v"] != 0],
                figures[("totals", total_key)]))
    cat_total = {c["category"]: c["v"] for c in cats}
    by_cat = defaultdict(list)
    for p in _query(con, f"SELECT category, {measure} AS v FROM scorecard_platform"):
        if p["v"] != 0:
            by_cat[p["category"]].append(p["v"])
    out += [(f"platforms in {c}", v, cat_total[c]) for c, v in by_cat.items()]
    for table, dim in (("metrics_by_period", "period"), ("metrics_by_channel", "channel")):
        rows = _query(con, f"SELECT group_type, group_key, {dim} AS d, {measure} AS v "
                           f"FROM {table}")
        group_total = {("all", "all"): figures[("totals", total_key)],
                       **{("category", k): v for k, v in cat_total.items()},
                       **{("platform", p["slug"]): p["v"] for p in _query(
                           con, f"SELECT slug, {measure} AS v FROM scorecard_platform")}}
        members = defaultdict(list)
        for r in rows:
            members[(r["group_type"], r["group_key"])].append(r["v"])
        out += [(f"{table} {g}", v, group_total[g]) for g, v in members.items()]
        cell = {(r["group_type"], r["group_key"], r["d"]): r["v"] for r in rows}
        dims = {r["d"] for r in rows}
        for d in dims:
            out.append((f"{table} categories at {d}", [
                v for (g, _, dd), v in cell.items() if g == "category" and dd == d],
                cell.get(("all", "all", d))))
    if measure == "items":
        for figure in ("gender_share", "relation_share"):
            out.append((figure, [v for (f, _), v in figures.items() if f == figure],
                        figures[("totals", "cases")]))
    return out


def _assert_nothing_recoverable(public_db: Path) -> None:
    con = duckdb.connect(str(public_db), read_only=True)
    try:
        for measure in ("items", "removed"):
            for name, members, total in _relations(con, measure):
                hidden = sum(v is None for v in members) + (total is None)
                assert hidden != 1, f"{measure}: {name}: one hidden cell is recoverable"
        for r in _query(con, "SELECT figure, count FROM report_figures"):
            people = r["figure"] in ("gender_share", "relation_share") or r["figure"] == "totals"
            assert r["count"] is None or r["count"] == 0 or r["count"] >= (
                MIN_PEOPLE if people and r["figure"] != "totals" else MIN_ITEMS)
        for table in ("scorecard_platform", "scorecard_category", "metrics_by_period",
                      "metrics_by_channel"):
            for r in _query(con, f"SELECT items, removed FROM {table}"):
                for v in (r["items"], r["removed"]):
                    assert v is None or v == 0 or v >= MIN_ITEMS, (table, r)
    finally:
        con.close()


def test_crafted_log_hides_the_cells_totals_would_reveal(crafted: DataDir) -> None:
    con = duckdb.connect(str(crafted.public_db), read_only=True)
    gender = {r["group_key"]: r["count"] for r in _query(
        con, "SELECT * FROM report_figures WHERE figure = 'gender_share'")}
    period = {(r["group_key"], r["period"]): r["items"] for r in _query(
        con, "SELECT * FROM metrics_by_period WHERE group_type = 'platform'")}
    hidden = {(r["table_name"], r["row_key"], r["column_name"]): r["reason"] for r in _query(
        con, "SELECT * FROM suppressed_cells")}
    totals = {r["group_key"]: r["count"] for r in _query(
        con, "SELECT * FROM report_figures WHERE figure = 'totals'")}
    con.close()
    assert totals["cases"] == 25 and totals["items"] == 67
    assert gender == {"female": 12, "male": None, "other": None}
    assert hidden[("report_figures", "gender_share|other", "count")] == "primary"
    assert hidden[("report_figures", "gender_share|male", "count")] == "secondary"
    assert period[("telegram", "2022-Q2")] is None and period[("telegram", "2022-Q1")] is None
    assert hidden[("metrics_by_period", "platform|telegram|2022-Q2", "items")] == "primary"
    assert hidden[("metrics_by_period", "platform|telegram|2022-Q1", "items")] == "secondary"
    _assert_nothing_recoverable(crafted.public_db)


def test_sample_nothing_recoverable_and_nulls_match_the_list(scored_sample: DataDir) -> None:
    _assert_nothing_recoverable(scored_sample.public_db)
    con = duckdb.connect(str(scored_sample.public_db), read_only=True)
    keys = {"scorecard_platform": "slug", "scorecard_category": "category",
            "metrics_by_period": "group_type || '|' || group_key || '|' || period",
            "metrics_by_channel": "group_type || '|' || group_key || '|' || channel",
            "report_figures": "figure || '|' || group_key"}
    listed = _query(con, "SELECT * FROM suppressed_cells WHERE table_name <> 'cif_curve'")
    assert listed and {r["reason"] for r in listed} == {"primary", "secondary", "contributors"}
    for r in listed:  # every listed cell is NULL in its table
        value = con.execute(
            f'SELECT "{r["column_name"]}" FROM {r["table_name"]} '
            f'WHERE {keys[r["table_name"]]} = ?', [r["row_key"]]).fetchone()
        assert value == (None,), r
    curves = {r["row_key"] for r in _query(
        con, "SELECT row_key FROM suppressed_cells WHERE table_name = 'cif_curve'")}
    drawn = {f"{g}|{k}" for g, k in con.execute(
        "SELECT DISTINCT group_type, group_key FROM cif_curve").fetchall()}
    assert curves and not curves & drawn
    con.close()


def _texts(path: Path) -> list[bytes]:
    """The bytes of a file, plus its decoded contents for compressed formats."""
    data = path.read_bytes()
    out = [data]
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            out += [z.read(n) for n in z.namelist()]
    if path.suffix in (".parquet", ".duckdb"):
        con = duckdb.connect()
        if path.suffix == ".parquet":
            con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{path}')")
            tables = ["t"]
        else:
            con.execute(f"ATTACH '{path}' AS p (READ_ONLY); USE p")
            tables = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        for table in tables:
            out.append(str(con.execute(f"SELECT * FROM {table}").fetchall()).encode())
        con.close()
    return out


def test_no_identifier_reaches_any_output(crafted: DataDir, tmp_path: Path) -> None:
    export_scorecards(crafted.public_db, tmp_path / "out", ["csv", "json", "parquet", "xlsx"])
    wh = duckdb.connect(str(crafted.warehouse), read_only=True)
    secrets = {v for row in wh.execute(
        "SELECT item_key, case_key, content_digest, host FROM items").fetchall() for v in row
        if v}
    wh.close()
    secrets |= {f"SECRETCASE{n:04d}" for n in range(25)}
    secrets |= {f"ITEMREF{n:05d}X" for n in range(69)}
    secrets |= {f"LEAKTOKEN{n:05d}" for n in range(69)} | {"leakchan", "/leak/"}
    assert "victim-leak-host.example" in secrets and "www.facebook.com" in secrets
    # the scan does find identifiers where they are (the private warehouse)
    assert any(x.encode() in blob for blob in _texts(crafted.warehouse) for x in secrets)
    outputs = [crafted.public_db, *sorted((tmp_path / "out").iterdir())]
    assert len(outputs) > 30
    for path in outputs:
        for blob in _texts(path):
            for secret in secrets:
                assert secret.encode() not in blob, (path.name, secret)


def test_contributor_rule_hides_cells_about_fewer_than_three_victims(case_log, run_tada,
                                                                      data_dir: DataDir):
    """One victim's 8 Telegram items (a cell about one person) and two victims' 6 Facebook
    items in 2022-Q2 are hidden everywhere they would be published, with their reason; the
    same counts spread over many victims are published."""
    rows, n = [], 0

    def add(count: int, platform: str, when: str, cases: list[int]) -> None:
        nonlocal n
        for i in range(count):
            rows.append(_row(n, platform, when, case=cases[i % len(cases)]))
            n += 1

    add(8, "Telegram", "2022-01-10", [1])                       # one victim
    add(20, "Facebook", "2022-02-10", list(range(10, 30)))
    add(6, "Facebook", "2022-05-10", [40, 41])                  # two victims in one quarter
    add(12, "Google", "2022-03-10", [50, 51, 52])               # three victims: published
    result = run_tada("ingest", str(case_log(rows)), "--as-of", "2022-12-31")
    assert result.exit_code == 0, result.output
    assert run_tada("score").exit_code == 0
    con = duckdb.connect(str(data_dir.public_db), read_only=True)
    try:
        platform = {r["slug"]: r for r in _query(con, "SELECT * FROM scorecard_platform")}
        period = {(r["group_key"], r["period"]): r for r in _query(
            con, "SELECT * FROM metrics_by_period WHERE group_type = 'platform'")}
        curves = {r[0] for r in con.execute(
            "SELECT DISTINCT group_key FROM cif_curve WHERE group_type = 'platform'").fetchall()}
        reasons = {(r["table_name"], r["row_key"], r["column_name"]): r["reason"]
                   for r in _query(con, "SELECT * FROM suppressed_cells")}
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()
    telegram = platform["telegram"]
    assert telegram["items"] is None and telegram["removal_rate"] is None
    assert telegram["median_first_response_hours"] is None and "telegram" not in curves
    assert reasons[("scorecard_platform", "telegram", "items")] == "contributors"
    assert reasons[("cif_curve", "platform|telegram", "cif")] == "contributors"
    assert period[("facebook", "2022-Q2")]["items"] is None
    assert reasons[("metrics_by_period", "platform|facebook|2022-Q2", "items")] == "contributors"
    # secondary suppression: Facebook's other quarter would give Q2 away from the total
    assert period[("facebook", "2022-Q1")]["items"] is None or platform["facebook"]["items"] is None
    google = platform["google_search"]
    assert google["items"] == 12 and google["removal_rate"] == 1.0
    assert "google_search" in curves
    assert meta["min_cases_per_cell"] == "3"


def test_contributor_rule_counts_cases_behind_many_repeated_items(computed) -> None:
    """Groups where a few victims have many items each (more than a bounded look at the
    smallest case hashes holds): their distinct victims are still counted exactly."""
    plan = {"telegram": ["v1"] * 40,                             # one victim
            "facebook": ["v2", "v3"] * 20,                       # two victims
            "google_search": ["v4", "v5"] * 28 + ["v6"] * 4,     # three: published
            "pornhub": [f"w{n}" for n in range(30)]}             # thirty
    items = [h.Item(platform, "removed", removed_h=1, case=case)
             for platform, cases in plan.items() for case in cases]
    con = computed(items)
    found = dict(con.execute(
        "SELECT group_key, cases FROM sup_cell_cases JOIN cells USING (cell_id) "
        "WHERE group_type = 'platform' AND dim_type = 'total'").fetchall())
    assert found == {"telegram": 1, "facebook": 2, "google_search": 3, "pornhub": 3}
    reasons = dict(con.execute(
        "SELECT group_key, items_reason FROM cell_hidden "
        "WHERE group_type = 'platform' AND dim_type = 'total'").fetchall())
    assert reasons["telegram"] == reasons["facebook"] == "contributors"
    assert reasons["google_search"] != "contributors" and reasons["pornhub"] != "contributors"
