"""The Spark engine against the DuckDB engine on the same dumps: the warehouse tables after
``tada dsa load`` are the same, row for row (counts exact, percentiles within 1e-9). One local
Spark session (2 cores, 1 GB, no UI) for the module."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import duckdb
import pytest
from dsa_test_helpers import csv_texts, pack_day

from core.errors import TadaError
from core.paths import DataDir
from scoring.dsa import importer, loader, spark_import, spark_job
from scoring.dsa.errors import DumpError
from scoring.dsa.synthetic import write_day

pytestmark = pytest.mark.slow
TABLES = {
    "dsa_platform_days": "day, dump, platform_name",
    "dsa_statements": "day, dump, uuid",
    "dsa_days": "day, dump",
    "dsa_files": "day, dump, name",
    "dsa_figures": "platform, period_type, period, ncii_set",
}


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from scoring.dsa import spark_env

    try:
        spark_env.preflight("local[2]")
    except spark_env.SparkUnavailable as exc:
        pytest.skip(str(exc))
    session = spark_env.session("local[2]", conf={"spark.sql.shuffle.partitions": "4"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> list[Path]:
    """Three days: schema v1, schema v2, and v2 in the light version; NCII rows (all kinds),
    duplicate uuids, several part zips of several CSVs each."""
    folder = tmp_path_factory.mktemp("dumps")
    options = {"ncii_rate": 0.05, "dup_rate": 0.02, "rows_per_csv": 700, "csvs_per_part": 2,
               "compresslevel": 1}
    return [write_day(folder, dt.date(2024, 5, 2), 2500, seed=3, **options),
            write_day(folder, dt.date(2025, 8, 1), 3000, **options),
            write_day(folder, dt.date(2025, 8, 2), 1500, version="light", **options)]


def tables(data_dir: DataDir) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        out = {}
        for table, order in TABLES.items():
            columns = [c for c, in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                "AND column_name <> 'imported_at' ORDER BY column_index", [table]).fetchall()]
            out[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} "
                                     f"ORDER BY {order}").fetchall()
        return out
    finally:
        con.close()


def same_rows(got: list[tuple], expected: list[tuple]) -> None:
    """Equal row for row; floating-point values within 1e-9 (relative), others exact."""
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        for x, y in zip(a, b, strict=True):
            if isinstance(y, float) and x is not None:
                assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9), (a, b)
            else:
                assert x == y, (a, b)


def same_tables(got: DataDir, expected: DataDir) -> dict[str, list[tuple]]:
    ours, theirs = tables(got), tables(expected)
    for table in TABLES:
        same_rows(ours[table], theirs[table])
    return theirs


def duckdb_import(paths: list[Path], tmp_path: Path) -> DataDir:
    data_dir = DataDir(tmp_path / "duck")
    importer.import_dumps(paths, data_dir)
    return data_dir


def test_synthetic_days_stage_job_load(spark, dumps, run_tada, data_dir, tmp_path):
    """tada dsa stage, the spark-submit application, tada dsa load: as on a cluster."""
    staging = tmp_path / "staging"
    staged = run_tada("dsa", "stage", *map(str, dumps), "--to", str(staging))
    assert staged.exit_code == 0 and "Staged 3 day(s), 12 CSV file(s)" in staged.output
    assert spark_job.main([str(staging), "--master", "local[2]"]) == 0
    result = run_tada("dsa", "load", str(staging))
    assert result.exit_code == 0, result.output
    assert result.output.count(": imported") == 3
    expected = same_tables(data_dir, duckdb_import(dumps, tmp_path))

    # What the comparison rests on: duplicates, NCII statements of both sets, percentiles.
    days = {row[0]: row for row in expected["dsa_days"]}
    assert all(row[7] > row[8] for row in days.values())  # rows_read > statements
    assert {row[3] for row in days.values()} == {"v1", "v2"}
    figures = [row for row in expected["dsa_figures"] if row[7] > 10]
    assert {row[4] for row in figures} == {"specific", "broad"}
    assert all(row[-4] is not None and row[-1] is not None for row in figures)

    # Spark's own figures (percentile_cont on Spark) agree with DuckDB's to 1e-9.
    spark_figures = duckdb.connect().execute(
        f"SELECT * FROM read_parquet('{staging}/result/figures/*.parquet') "
        f"ORDER BY {TABLES['dsa_figures']}").fetchall()
    same_rows(spark_figures, expected["dsa_figures"])

    # Loading the same result again adds nothing; a day imported from other files is replaced.
    before = tables(data_dir)
    again = run_tada("dsa", "load", str(staging))
    assert again.exit_code == 0 and again.output.count("already imported") == 3
    assert tables(data_dir) == before
    other = DataDir(tmp_path / "other")
    importer.import_dumps([write_day(tmp_path / "changed", dt.date(2025, 8, 1), 500, seed=9)],
                          other)
    outcomes = {r.day.isoformat(): r.outcome for r in loader.load(staging, other)}
    assert outcomes == {"2024-05-02": "imported", "2025-08-01": "replaced",
                        "2025-08-02": "imported"}
    same_tables(other, data_dir)


def test_real_samples_import_engine_spark(spark, real_samples, run_tada, data_dir, tmp_path):
    staging = tmp_path / "staging"
    result = run_tada("dsa", "import", "--engine", "spark", "--master", "local[2]",
                      "--staging", str(staging), *map(str, real_samples))
    assert result.exit_code == 0 and "150 rows, 149 statements" in result.output
    assert sorted(p.name for p in (staging / "result").iterdir()) == [
        "manifest", "platform_days", "statements"]  # figures: computed by the load
    same_tables(data_dir, duckdb_import(real_samples, tmp_path))
    # Days already imported from the same files: Spark is not started again.
    again = run_tada("dsa", "import", "--engine", "spark", *map(str, real_samples))
    assert again.exit_code == 0 and "already imported from the same files" in again.output
    assert "Spark:" not in again.output


def test_a_bad_row_is_named_as_duckdb_names_it_and_nothing_is_written(spark, tmp_path):
    [(name, text)] = csv_texts(write_day(tmp_path / "ok", dt.date(2025, 8, 1), 40,
                                         rows_per_csv=100))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[31][rows[0].index("content_date")] = "2025-08-01 25:61:00"  # record 31
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    dump = pack_day(tmp_path / "bad", "sor-global-2025-08-01-full", {0: [(0, out.getvalue())]})
    with pytest.raises(DumpError) as duck:
        importer.import_dumps([dump], DataDir(tmp_path / "duck"))
    spark_dir = DataDir(tmp_path / "spark")
    with pytest.raises(DumpError) as ours:
        spark_import.import_dumps([dump], spark_dir, spark=spark)
    assert str(ours.value) == str(duck.value)
    assert (ours.value.part, ours.value.row, ours.value.column) == (name, 31, "content_date")
    con = duckdb.connect(str(spark_dir.warehouse), read_only=True)
    assert con.execute("SELECT (SELECT count(*) FROM dsa_days) + "
                       "(SELECT count(*) FROM dsa_platform_days)").fetchone() == (0,)
    con.close()
    assert [p.name for p in spark_dir.root.iterdir()] == ["warehouse.duckdb"]


def test_a_row_with_too_many_cells_names_the_csv(spark, tmp_path):
    [(name, text)] = csv_texts(write_day(tmp_path / "ok", dt.date(2025, 8, 1), 40,
                                         rows_per_csv=100))
    lines = text.split("\n")
    lines[5] += ",extra"
    dump = pack_day(tmp_path / "bad", "sor-global-2025-08-01-full", {0: [(0, "\n".join(lines))]})
    spark_dir = DataDir(tmp_path / "spark")
    with pytest.raises(TadaError) as ours:
        spark_import.import_dumps([dump], spark_dir, spark=spark)
    assert f"{name}: [MALFORMED_CSV_RECORD]" in str(ours.value)
    assert not (spark_dir.root / "warehouse.duckdb").exists() or duckdb.connect(
        str(spark_dir.warehouse), read_only=True).execute(
        "SELECT count(*) FROM dsa_days").fetchone() == (0,)
