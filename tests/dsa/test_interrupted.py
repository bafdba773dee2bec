"""An import interrupted at any point leaves the previous state of the warehouse intact."""

from __future__ import annotations

import pytest
from dsa_test_helpers import truth

from scoring.dsa import importer
from scoring.dsa.engine_duckdb import DuckDBDay
from scoring.dsa.status import status


def _snapshot(data_dir) -> dict:
    import duckdb
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * EXCLUDE (imported_at) FROM {t}").fetchall())
                if t == "dsa_days" else sorted(con.execute(f"SELECT * FROM {t}").fetchall())
                for t in ("dsa_days", "dsa_files", "dsa_platform_days", "dsa_statements")}
    finally:
        con.close()


@pytest.fixture
def previous(synthetic_day, data_dir):
    """Day 2025-08-01 imported from one file; the next import brings a changed file."""
    importer.import_dumps([synthetic_day(seed=1, rows=800)], data_dir)
    return _snapshot(data_dir)


def test_interrupted_inside_the_transaction(synthetic_day, data_dir, previous, monkeypatch):
    changed = synthetic_day(seed=2, rows=900)

    def broken(self):  # fails after the day's old rows were deleted, before COMMIT
        raise KeyboardInterrupt

    monkeypatch.setattr(DuckDBDay, "statements", broken)
    with pytest.raises(KeyboardInterrupt):
        importer.import_dumps([changed], data_dir)
    assert _snapshot(data_dir) == previous
    monkeypatch.undo()
    [result] = importer.import_dumps([changed], data_dir)
    assert result.outcome == "replaced"
    assert {p["platform_name"]: p["statements"] for p in status(data_dir)["platforms"]} == {
        name: c["statements"] for name, c in truth([changed]).items()}


def test_interrupted_while_reading_parts(synthetic_day, data_dir, previous, monkeypatch):
    changed = synthetic_day(seed=3, rows=900)
    calls = []
    real_add = DuckDBDay.add

    def add_then_stop(self, part):
        calls.append(part.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_add(self, part)

    monkeypatch.setattr(DuckDBDay, "add", add_then_stop)
    with pytest.raises(KeyboardInterrupt):
        importer.import_dumps([changed], data_dir)
    assert _snapshot(data_dir) == previous
