"""Bad case logs: every problem reported with file, row, column and value; nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from caselog_test_helpers import problems as _problems

from scoring.caselog.ingest import ingest
from scoring.caselog.read import CaseLogReadError
from scoring.caselog.validate import CaseLogInvalid


@pytest.mark.parametrize("column,value", [
    ("case_ref", ""), ("item_ref", ""), ("reported_at", ""), ("outcome", ""), ("channel", ""),
    ("victim_gender", ""), ("perpetrator_relation", ""),
    ("outcome", "deleted"), ("channel", "fax"), ("victim_gender", "f"),
    ("perpetrator_relation", "ex"), ("reported_at", "03/01/2022"), ("reported_at", "2022-02-30"),
    ("follow_ups", "two"), ("follow_ups", "-1"), ("content_url", "t.me/x"),
])
def test_each_bad_value_is_named(make_row, case_log, data_dir, column, value):
    path = case_log([make_row(), make_row(**{"item_ref": "2", column: value})])
    problems, _ = _problems(path, data_dir)
    assert (3, column, value) in problems


@pytest.mark.parametrize("overrides,column", [
    ({"removed_at": ""}, "removed_at"),
    ({"outcome": "pending"}, "removed_at"),
    ({"outcome": "refused", "removed_at": "", "first_response_at": ""}, "first_response_at"),
    ({"outcome": "no_response", "removed_at": ""}, "first_response_at"),
    ({"first_response_at": "2022-01-02 09:00"}, "first_response_at"),
    ({"removed_at": "2022-01-02 09:00"}, "removed_at"),
    ({"platform": "", "content_url": ""}, "platform"),
])
def test_cross_field_rules(make_row, case_log, data_dir, overrides, column):
    problems, _ = _problems(case_log([make_row(**overrides)]), data_dir)
    assert [(row, col) for row, col, _ in problems] == [(2, column)]


def test_every_bad_row_is_reported_not_just_the_first(make_row, case_log, data_dir):
    rows = [make_row(item_ref=str(i), outcome="lost" if i % 2 else "removed") for i in range(9)]
    problems, error = _problems(case_log(rows), data_dir)
    assert [row for row, _, _ in problems] == [3, 5, 7, 9]
    rendered = "\n".join(error.details())
    assert "log.csv, row 5, outcome = 'lost': allowed values: removed, refused" in rendered


def test_bad_row_in_the_middle_rejects_the_whole_file(make_row, case_log, data_dir):
    good = case_log([make_row()], name="first.csv")
    ingest(good, data_dir)
    before = data_dir.warehouse.read_bytes()
    rows = [make_row(item_ref=str(i)) for i in range(2, 50)]
    rows[24]["reported_at"] = "yesterday"
    with pytest.raises(CaseLogInvalid):
        ingest(case_log(rows, name="second.csv"), data_dir)
    import duckdb
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    con.close()
    assert len(before) > 0


def test_duplicate_items_and_inconsistent_cases(make_row, case_log, data_dir):
    rows = [make_row(), make_row(), make_row(item_ref="2", victim_gender="male")]
    problems, _ = _problems(case_log(rows), data_dir)
    assert problems == [(3, "item_ref", "1"), (4, "victim_gender", "male")]


def test_repeated_items_are_reported_once_and_not_compared_again(make_row, case_log,
                                                                 data_dir):
    rows = [
        make_row(case_ref="A"),                                        # line 2
        make_row(case_ref="A", victim_gender="male"),                  # 3: a copy of line 2
        make_row(case_ref="A"),                                        # 4: another copy
        make_row(case_ref="A", item_ref="2", perpetrator_relation="friend"),  # 5
        make_row(case_ref="B"),                                        # 6
        make_row(case_ref="B", item_ref="2", victim_gender="male"),    # 7
        make_row(case_ref="B", item_ref="3", victim_gender="male"),    # 8
        make_row(case_ref="C"),                                        # 9: a case of its own
        make_row(case_ref="C", item_ref="2"),                          # 10
    ]
    problems, error = _problems(case_log(rows), data_dir)
    assert problems == [(3, "item_ref", "1"), (4, "item_ref", "1"),
                        (5, "perpetrator_relation", "friend"), (7, "victim_gender", "male"),
                        (8, "victim_gender", "male")]
    assert "row 2" in " ".join(error.details()[:2])


def test_missing_column_names_the_column(make_row, case_log, data_dir):
    header = ("case_ref", "item_ref", "platform", "reported_at", "outcome")
    problems, _ = _problems(case_log([make_row()], header=header), data_dir)
    assert {col for _, col, _ in problems} == {"channel", "victim_gender", "perpetrator_relation"}


def test_events_after_the_as_of_date_are_rejected(make_row, case_log, data_dir):
    problems, error = _problems(case_log([make_row()]), data_dir, as_of=dt.date(2022, 1, 3))
    assert problems == [(2, "removed_at", "2022-01-04 10:00")]
    assert "Asia/Hong_Kong" in error.details()[0]


def test_header_only_and_empty_files(tmp_path, data_dir, case_log):
    problems, _ = _problems(case_log([]), data_dir)
    assert problems == [(None, None, "")]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(CaseLogReadError, match="empty"):
        ingest(empty, data_dir)
    with pytest.raises(CaseLogReadError, match="no such file"):
        ingest(tmp_path / "missing.csv", data_dir)


def test_damaged_xlsx(tmp_path, data_dir):
    path = tmp_path / "log.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CaseLogReadError, match="XLSX"):
        ingest(path, data_dir)


def test_row_with_too_many_cells(tmp_path, data_dir, make_row, case_log):
    path = case_log([make_row()])
    path.write_text(path.read_text() + "a,b,c,d,e,f,g,h,i,j,k,l,m,n\n")
    with pytest.raises(CaseLogReadError, match="row 3"):
        ingest(path, data_dir)


def test_cli_reports_problems_and_exits_non_zero(run_tada, make_row, case_log, data_dir):
    result = run_tada("ingest", str(case_log([make_row(channel="fax")])))
    assert result.exit_code == 2
    assert "row 2, channel = 'fax'" in result.output
    assert not data_dir.warehouse.exists()
    zh = run_tada("ingest", str(case_log([make_row(channel="fax")])), lang="zh-Hant")
    assert "第 2 行" in zh.output and "容許的值" in zh.output
