"""Bad input: a clear error naming file, part, row and column; nothing of that day imported,
and what was imported before stays as it was."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from dsa_test_helpers import csv_texts, pack_day

STEM = "sor-global-2025-08-02-full"


@pytest.fixture
def imported(synthetic_day, run_tada) -> dict:
    """A good day already imported: every failure below must leave it exactly so."""
    assert run_tada("dsa", "import", str(synthetic_day("2025-08-01", rows=400))).exit_code == 0
    return json.loads(run_tada("dsa", "status", "--json").output)


@pytest.fixture
def parts(synthetic_day) -> dict[int, list[tuple[int, str]]]:
    """The CSV texts of a small good day (2025-08-02), to damage before packing."""
    texts = csv_texts(synthetic_day("2025-08-02", rows=120, folder="source", rows_per_csv=40))
    out: dict[int, list[tuple[int, str]]] = {}
    for name, text in texts:
        part, sub = (int(x) for x in name.removesuffix(".csv").split("-")[-2:])
        out.setdefault(part, []).append((sub, text))
    return out


def _edit(text: str, row: int, column: str, value: str) -> str:
    """Set one cell (row 1 = the first record after the header)."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    records[row][records[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


def _fails(run_tada, path: Path, imported: dict, *needles: str) -> str:
    result = run_tada("dsa", "import", str(path))
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    for needle in needles:
        assert needle in message, message
    assert "Traceback" not in result.output
    assert json.loads(run_tada("dsa", "status", "--json").output) == imported
    return message


def test_sha1_mismatch(tmp_path, parts, imported, run_tada):
    dump = pack_day(tmp_path / "bad", STEM, parts)
    dump.with_name(dump.name + ".sha1").write_text(f"{'0' * 40}  {dump.name}\n")
    _fails(run_tada, dump, imported, dump.name, "does not match its .sha1", "0" * 40)


def test_truncated_zip(tmp_path, parts, imported, run_tada):
    dump = pack_day(tmp_path / "bad", STEM, parts, sha1=False)
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    _fails(run_tada, dump, imported, dump.name, "truncated or damaged zip")


def test_damaged_part_inside_the_zip(tmp_path, parts, imported, run_tada):
    dump = pack_day(tmp_path / "bad", STEM, parts, sha1=False)
    data = bytearray(dump.read_bytes())
    middle = len(data) // 3  # inside the first part's compressed CSVs
    data[middle:middle + 64] = bytes(64)
    dump.write_bytes(bytes(data))
    _fails(run_tada, dump, imported, dump.name, "part sor-global-2025-08-02-full-0000",
           "truncated or damaged zip")


def test_missing_column(tmp_path, parts, imported, run_tada):
    sub, text = parts[1][0]
    records = list(csv.reader(io.StringIO(text, newline="")))
    drop = records[0].index("platform_name")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:drop] + r[drop + 1:] for r in records])
    parts[1][0] = (sub, out.getvalue())
    dump = pack_day(tmp_path / "bad", STEM, parts)
    _fails(run_tada, dump, imported, dump.name, f"part {STEM}-00001-00000.csv", "header row",
           "column platform_name", "missing column")


def test_unknown_column(tmp_path, parts, imported, run_tada):
    sub, text = parts[0][1]
    records = list(csv.reader(io.StringIO(text, newline="")))
    records[0][records[0].index("decision_facts")] = "favourite_colour"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    parts[0][1] = (sub, out.getvalue())
    dump = pack_day(tmp_path / "bad", STEM, parts)
    _fails(run_tada, dump, imported, f"part {STEM}-00000-00001.csv", "column favourite_colour",
           "unknown column")


@pytest.mark.parametrize(("part", "row", "column", "value", "problem"), [
    (1, 7, "content_type", '["CONTENT_TYPE_IMAGE"', "not a JSON array"),
    (0, 12, "content_date", "2025-13-45 99:00:00", "'2025-13-45 99:00:00' is not a time"),
], ids=["malformed_json_array", "unparsable_date"])
def test_a_bad_cell_is_named(tmp_path, parts, imported, run_tada, part, row, column, value,
                             problem):
    sub, text = parts[part][0]
    parts[part][0] = (sub, _edit(text, row, column, value))
    dump = pack_day(tmp_path / "bad", STEM, parts)
    _fails(run_tada, dump, imported, f"part {STEM}-0000{part}-00000.csv", f"row {row}",
           f"column {column}", problem)


def test_wrong_number_of_cells(tmp_path, parts, imported, run_tada):
    sub, text = parts[0][0]
    lines = text.split("\n")
    lines[3] = lines[3] + ",extra"
    parts[0][0] = (sub, "\n".join(lines))
    dump = pack_day(tmp_path / "bad", STEM, parts)
    _fails(run_tada, dump, imported, f"part {STEM}-00000-00000.csv", "cannot be read",
           "line 4 of the file has 39 cells where the header has 38")


def test_not_a_dump(tmp_path, imported, run_tada):
    other = tmp_path / "holiday.zip"
    shutil.make_archive(str(other.with_suffix("")), "zip", root_dir=tmp_path, base_dir=".")
    _fails(run_tada, other, imported, "holiday.zip", "not a DSA Transparency Database dump")
    fake = tmp_path / f"{STEM}.zip"
    fake.write_text("uuid,platform_name\n")
    _fails(run_tada, fake, imported, fake.name, "truncated or damaged zip")


def test_a_failed_replacement_keeps_the_previous_day(synthetic_day, run_tada, tmp_path):
    good = synthetic_day("2025-08-02", rows=300, folder="good")
    assert run_tada("dsa", "import", str(good)).exit_code == 0
    before = json.loads(run_tada("dsa", "status", "--json").output)
    texts = csv_texts(good)
    name, text = texts[-1]
    parts: dict[int, list[tuple[int, str]]] = {}
    for n, t_ in texts:
        part, sub = (int(x) for x in n.removesuffix(".csv").split("-")[-2:])
        parts.setdefault(part, []).append((sub, _edit(t_, 3, "created_at", "yesterday")
                                           if n == name else t_))
    bad = pack_day(tmp_path / "bad", STEM, parts)
    _fails(run_tada, bad, before, "column created_at", "'yesterday' is not a time")


def test_messages_in_chinese(tmp_path, parts, run_tada):
    sub, text = parts[0][0]
    parts[0][0] = (sub, _edit(text, 5, "application_date", "soon"))
    dump = pack_day(tmp_path / "bad", STEM, parts)
    result = run_tada("dsa", "import", str(dump), lang="zh-Hant")
    message = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "第 5 行" in message and "欄 application_date" in message and "不是時間" in message


def test_too_few_cells(tmp_path, parts, imported, run_tada):
    # The fast reader pads a short row with nulls; the strict reader must name it instead.
    sub, text = parts[0][1]
    lines = text.split("\n")
    lines[5] = lines[5].rsplit(",", 1)[0]
    parts[0][1] = (sub, "\n".join(lines))
    dump = pack_day(tmp_path / "bad", STEM, parts)
    _fails(run_tada, dump, imported, f"part {STEM}-00000-00001.csv", "cannot be read",
           "line 6 of the file has 37 cells where the header has 38")


def test_blank_line_inside_a_part_is_skipped(tmp_path, parts, imported, run_tada):
    # The fast reader makes a blank line a row of nulls: the part goes to the strict reader,
    # which skips it, so the day is read exactly as without it.
    sub, text = parts[1][0]
    lines = text.split("\n")
    parts[1][0] = (sub, "\n".join([*lines[:9], "", *lines[9:]]))
    result = run_tada("dsa", "import", str(pack_day(tmp_path / "bad", STEM, parts)))
    assert result.exit_code == 0, result.output
    assert "120 rows" in " ".join(result.output.split())
