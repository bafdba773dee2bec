"""Good imports: CSV (with and without BOM), Big5, XLSX; idempotence; updates in place."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from openpyxl import Workbook

from scoring.caselog.ingest import ingest
from scoring.caselog.schema import columns

CASE_LOG_HEADER = tuple(columns())



def _rows(make_row):
    return [
        make_row(),
        make_row(item_ref="2", platform="", content_url="https://m.lihkg.com/thread/9",
                 outcome="no_response", first_response_at="", removed_at=""),
        make_row(case_ref="CASE-002", platform="連登", content_url="", outcome="refused",
                 removed_at="", victim_gender="male", perpetrator_relation="friend"),
    ]


def _items(data_dir):
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        return con.execute(
            "SELECT platform_slug, outcome, host, reported_at FROM items ORDER BY reported_at, "
            "outcome").fetchall()
    finally:
        con.close()


def test_csv_import_resolves_platforms_by_name_alias_and_host(make_row, case_log, data_dir):
    summary = ingest(case_log(_rows(make_row)), data_dir, as_of=dt.date(2022, 2, 1))
    assert (summary.rows, summary.cases, summary.items, summary.inserted) == (3, 2, 3, 3)
    assert summary.platforms == {"telegram": 1, "lihkg": 2}
    slugs = sorted(row[0] for row in _items(data_dir))
    assert slugs == ["lihkg", "lihkg", "telegram"]


def test_times_are_stored_in_utc_from_hong_kong_time(make_row, case_log, data_dir):
    ingest(case_log([make_row()]), data_dir)
    (_, _, host, reported), = _items(data_dir)
    assert reported == dt.datetime(2022, 1, 3, 2, 0)
    assert host == "t.me"


@pytest.mark.parametrize("encoding,flag", [("utf-8-sig", None), ("big5", "big5"),
                                           ("cp950", "cp950")])
def test_bom_and_legacy_encodings(make_row, case_log, data_dir, encoding, flag):
    rows = _rows(make_row)
    path = case_log(rows, encoding=encoding)
    summary = ingest(path, data_dir, encoding=flag)
    assert summary.items == 3 and summary.platforms["lihkg"] == 2


def test_big5_without_encoding_flag_explains_what_to_do(make_row, case_log, data_dir):
    from scoring.caselog.read import CaseLogReadError

    path = case_log(_rows(make_row), encoding="big5")
    with pytest.raises(CaseLogReadError, match="--encoding big5"):
        ingest(path, data_dir)
    assert not data_dir.root.exists()


def test_xlsx_with_real_dates(make_row, tmp_path, data_dir):
    book = Workbook()
    sheet = book.active
    sheet.append(list(CASE_LOG_HEADER))
    for row in _rows(make_row):
        values = [row[c] for c in CASE_LOG_HEADER]
        values[4] = dt.datetime.fromisoformat(row["reported_at"])  # a spreadsheet date cell
        values[9] = int(row["follow_ups"])
        sheet.append(values)
    path = tmp_path / "log.xlsx"
    book.save(path)
    summary = ingest(path, data_dir)
    assert summary.items == 3
    assert _items(data_dir)[0][3] == dt.datetime(2022, 1, 3, 2, 0)


def test_same_log_twice_adds_nothing(make_row, case_log, data_dir):
    path = case_log(_rows(make_row))
    ingest(path, data_dir)
    again = ingest(path, data_dir)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("items", "cases", "case_log_imports")]
    con.close()
    assert counts == [3, 2, 1]


def test_newer_extract_updates_items_in_place(make_row, case_log, data_dir):
    first = [make_row(outcome="pending", removed_at="")]
    ingest(case_log(first, name="march.csv"), data_dir, as_of=dt.date(2022, 1, 10))
    later = [make_row(), make_row(item_ref="2", removed_at="2022-01-20 09:00")]
    summary = ingest(case_log(later, name="april.csv"), data_dir, as_of=dt.date(2022, 2, 1))
    assert (summary.inserted, summary.updated) == (1, 1)
    outcomes = [row[1] for row in _items(data_dir)]
    assert outcomes == ["removed", "removed"]


def test_older_extract_never_overwrites_a_newer_one(make_row, case_log, data_dir):
    ingest(case_log([make_row()], name="new.csv"), data_dir, as_of=dt.date(2022, 2, 1))
    old = [make_row(outcome="pending", removed_at="")]
    summary = ingest(case_log(old, name="old.csv"), data_dir, as_of=dt.date(2022, 1, 10))
    assert summary.stale == 1 and [r[1] for r in _items(data_dir)] == ["removed"]


def test_unregistered_hosts_are_kept_and_listed(make_row, case_log, data_dir):
    rows = [make_row(platform="", content_url="https://forum.example.org/t/1")]
    summary = ingest(case_log(rows), data_dir)
    assert summary.unregistered == {"forum.example.org": 1}
    assert _items(data_dir)[0][0] is None


def test_free_text_columns_are_ignored(make_row, case_log, data_dir):
    header = (*CASE_LOG_HEADER, "notes")
    rows = [make_row(notes="victim's name is Chan Tai Man")]
    summary = ingest(case_log(rows, header=header), data_dir)
    assert summary.ignored_columns == ["notes"]
    assert b"Chan Tai Man" not in data_dir.warehouse.read_bytes()


def test_secret_key_is_private(make_row, case_log, data_dir):
    ingest(case_log([make_row()]), data_dir)
    assert data_dir.secret_key_path.stat().st_mode & 0o777 == 0o600


def test_scratch_memory_grows_with_the_log_within_bounds(tmp_path, monkeypatch):
    from scoring.caselog.ingest import scratch_memory

    monkeypatch.delenv("TADA_MEMORY_LIMIT", raising=False)
    log = tmp_path / "log.csv"
    for size, expected in ((1_000, "768MB"), (1_000_000_000, "1000MB"),
                           (3_000_000_000, "1400MB")):
        with log.open("wb") as fh:  # a sparse file: only its size matters
            fh.truncate(size)
        assert scratch_memory(log) == expected
    assert scratch_memory(tmp_path / "missing.csv") == "768MB"
    monkeypatch.setenv("TADA_MEMORY_LIMIT", "300MB")
    assert scratch_memory(log) == "300MB"
