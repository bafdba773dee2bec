"""Hostile or unlucky input: implausible dates, huge cells, bad settings; values as typed."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from caselog_test_helpers import problems as _problems

from scoring.caselog.ingest import ingest
from scoring.caselog.validate import LISTED


@pytest.mark.parametrize("column,value", [
    ("reported_at", "1900-01-03 10:00"), ("reported_at", "0001-01-01"),
    ("removed_at", "2099-01-04 10:00"), ("removed_at", "9999-12-31 23:59"),
    ("first_response_at", "1999-12-31T23:59+08:00"),
])
def test_implausible_dates_are_named_with_the_value_as_typed(make_row, case_log, data_dir,
                                                             column, value):
    problems, error = _problems(case_log([make_row(), make_row(item_ref="2", **{column: value})]),
                                data_dir)
    assert problems == [(3, column, value)]
    assert "not plausible" in error.details()[0]


def test_validation_errors_show_the_value_as_typed_not_utc(make_row, case_log, data_dir):
    rows = [make_row(outcome="pending", first_response_at="", removed_at="2022-01-04 10:00"),
            make_row(item_ref="2", first_response_at="2022-01-02T23:00+08:00")]
    problems, _ = _problems(case_log(rows), data_dir)
    assert problems == [(2, "removed_at", "2022-01-04 10:00"),
                        (3, "first_response_at", "2022-01-02T23:00+08:00")]


@pytest.mark.parametrize("as_of", [dt.date(2099, 1, 1), dt.date(9999, 12, 31),
                                   dt.datetime(1999, 5, 1, 10, 0), dt.date(1, 1, 1)])
def test_implausible_as_of_is_refused(make_row, case_log, data_dir, as_of):
    from scoring.caselog.time import BadTimeSetting

    with pytest.raises(BadTimeSetting, match="--as-of"):
        ingest(case_log([make_row()]), data_dir, as_of=as_of)
    assert not data_dir.root.exists()


def test_huge_follow_ups_and_long_values(make_row, case_log, data_dir):
    rows = [make_row(follow_ups="99999999999999999999"),
            make_row(item_ref="2", case_ref="C" * 100_000, outcome="x" * 5000)]
    problems, error = _problems(case_log(rows), data_dir)
    assert (2, "follow_ups", "99999999999999999999") in problems
    assert [(r, c) for r, c, _ in problems][1] == (3, "outcome")
    assert max(len(line) for line in error.details()) < 400


def test_cell_over_131072_characters_names_the_row(make_row, case_log, data_dir):
    from scoring.caselog.read import CaseLogReadError

    rows = [make_row(), make_row(item_ref="2", case_ref="C" * 140_000)]
    with pytest.raises(CaseLogReadError, match="row 3.*131072"):
        ingest(case_log(rows), data_dir)


def test_many_problems_list_the_first_ones_and_count_every_kind(make_row, case_log, data_dir):
    rows = [make_row(item_ref=str(i), outcome="vanished") for i in range(LISTED + 50)]
    rows += [make_row(item_ref=f"x{i}", channel="fax") for i in range(3)]
    problems, error = _problems(case_log(rows), data_dir)
    assert len(problems) == LISTED and error.total == LISTED + 53
    details = "\n".join(error.details())
    assert "250 row(s): outcome: allowed values: removed" in details
    assert "3 row(s): channel: allowed values" in details
    assert "53 more problem(s)" in details


def test_blank_lines_and_cells_over_several_lines_keep_row_numbers(make_row, case_log,
                                                                  data_dir):
    header = (*tuple(make_row()), "notes")
    path = case_log([make_row(notes="line one\nline two"), make_row(item_ref="2")],
                    header=header)
    text = path.read_text().splitlines(keepends=True)
    path.write_text("# exported 2022-02-01\n" + "".join(text[:1]) + "\n"
                    + "".join(text[1:3]) + "\n" + text[3].replace("email", "fax"))
    problems, _ = _problems(path, data_dir)
    assert problems == [(7, "channel", "fax")]


@pytest.mark.parametrize("args,needle", [
    (["--timezone", "Mars/Olympus"], "--timezone"),
    (["--timezone", "../../etc/passwd"], "--timezone"),
    (["--as-of", "9999-12-31"], "--as-of"),
    (["--encoding", "latin-1"], "row"),
])
def test_cli_bad_input_is_a_message_not_a_traceback(run_tada, make_row, case_log, data_dir,
                                                    tmp_path, args, needle):
    path = case_log([make_row()])
    if args[:2] == ["--encoding", "latin-1"]:
        path = tmp_path / "garbage.csv"
        garbage = os.urandom(20_000).replace(b"\x00", b"")
        path.write_bytes(",".join(make_row()).encode() + b"\n" + garbage)
    result = CliRunner_invoke(run_tada, "ingest", str(path), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and needle in result.output
    assert not data_dir.warehouse.exists()


def test_cli_cell_over_131072_characters(run_tada, make_row, case_log, data_dir):
    header = (*tuple(make_row()), "notes")
    result = CliRunner_invoke(run_tada, "ingest",
                              str(case_log([make_row(notes="x" * 200_000)], header=header)))
    assert result.exit_code == 2 and "row 2" in result.output, result.output


def CliRunner_invoke(run_tada, *args):  # noqa: N802 - reads as the runner it wraps
    return run_tada(*args)
