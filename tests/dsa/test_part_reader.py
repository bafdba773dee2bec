"""The fast part reader gives exactly what DuckDB's strict reader gives, or declines."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from scoring.dsa.part_reader import read_part

HEADER = ["uuid", "decision_facts", "category", "platform_name", "created_at"]
ROWS = (
    'a1,"two\nlines, and a comma",STATEMENT_CATEGORY_CYBER_VIOLENCE,Meta,2025-08-01 00:00:01\n'
    'a2,"say ""hi"" 你好",,"TikTok, Inc.",2025-08-01 00:00:02\n'
    'a3,"",STATEMENT_CATEGORY_SCAMS,X,2025-08-01 00:00:03\n'
    'a4,"ends in CR LF\r\n",,Meta,2025-08-01 00:00:04\n'
)


def _strict(path, columns):
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE part AS SELECT * FROM read_csv(?, header=true, auto_detect=false, "
        "columns=?, delim=',', quote='\"', escape='\"', strict_mode=true)",
        [str(path), {c: "VARCHAR" for c in HEADER}])
    return con.execute(f"SELECT rowid + 1, {', '.join(columns)} FROM part").fetchall()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_same_rows_as_the_strict_reader(tmp_path, bom):
    path = tmp_path / "part.csv"
    path.write_bytes(bom + (",".join(HEADER) + "\n" + ROWS).encode())
    columns = ["uuid", "decision_facts", "category", "platform_name"]
    table = read_part(path, HEADER, columns)
    assert table is not None
    assert [tuple(r.values()) for r in table.to_pylist()] == _strict(path, columns)


@pytest.mark.parametrize("damage", [
    lambda rows: rows.replace(",Meta,2025-08-01 00:00:04", ",Meta"),  # a short row
    lambda rows: rows.replace("X,2025-08-01 00:00:03", "X,2025-08-01 00:00:03,extra"),  # long
    lambda rows: rows.replace("a3,", "\na3,"),  # a blank line
    lambda rows: rows + 'a5,"never closed,,X,2025-08-01 00:00:05\n',
])
def test_declines_what_it_cannot_vouch_for(tmp_path, damage):
    path = tmp_path / "part.csv"
    path.write_text(",".join(HEADER) + "\n" + damage(ROWS), encoding="utf-8")
    assert read_part(path, HEADER, ["uuid"]) is None


def test_declines_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "part.csv"
    path.write_bytes((",".join(HEADER) + "\n").encode() + b"a1,\xff\xfe,,Meta,2025-08-01\n")
    assert read_part(path, HEADER, ["uuid"]) is None


@pytest.mark.parametrize(("day", "version"), [("2024-03-14", "full"), ("2025-08-01", "light")])
def test_the_dumps_own_format_takes_the_fast_path(tmp_path, synthetic_day, day, version):
    """Every CSV of a synthetic day (v1 and v2, full and light) is read by the fast reader."""
    from dsa_test_helpers import csv_texts

    for name, text in csv_texts(synthetic_day(day, rows=900, version=version)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        records = list(csv.reader(io.StringIO(text, newline="")))
        table = read_part(path, records[0], ["uuid", "platform_name"])
        assert table is not None, name
        assert table.to_pylist() == [{"row_no": i, "uuid": r[0], "platform_name": r[-3]}
                                     for i, r in enumerate(records[1:], start=1)]
