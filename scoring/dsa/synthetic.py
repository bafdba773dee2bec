"""Synthetic DSA Transparency Database dumps in the real format, for tests, demo, benchmarks.

A day is ``sor-global-<date>-full.zip`` (stored, not compressed) holding part zips
``sor-global-<date>-full-<part>.csv.zip`` of CSVs ``…-<part>-<sub>.csv`` (at most 100,000 rows
each, a header in each), with ``<zip>.sha1`` in sha1sum format beside it. Schema v1 (37
columns) before 2025-07-01, v2 (38, with content_id_ean and the v2 NCII names) from then.
The rows are made by DuckDB (``scoring/sql/dsa/synthetic.sql``), not a Python loop.

    python -m scoring.dsa.synthetic --date 2025-08-01 --rows 100000 --out DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from scoring.dsa.definition import load
from scoring.dsa.dumpformat import COLUMNS, COLUMNS_V1, LIGHT_DROPS
from scoring.dsa.engine_duckdb import sql
from scoring.dsa.sources import file_sha1

MAX_ROWS_PER_CSV = 100_000


def _columns(schema: str, version: str) -> list[str]:
    names = COLUMNS if schema == "v2" else COLUMNS_V1
    return [c for c in names if version == "full" or c not in LIGHT_DROPS]


def _write_csv(con: duckdb.DuckDBPyConnection, target: Path, first: int, last: int,
               columns: list[str]) -> None:
    con.execute("UPDATE syn_params SET first_row = ?, last_row = ?", [first, last])
    # An empty cell is written empty, unquoted, as the TDB does.
    select = ", ".join(f"nullif(\"{c}\", '') AS \"{c}\"" for c in columns)
    con.execute(f"COPY (SELECT {select} FROM ({sql('synthetic')}) AS s) TO '{target}' "
                "(HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"')")


def _zip_part(csvs: list[Path], target: Path, level: int) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for path in csvs:
            zf.write(path, path.name)
            path.unlink()
    return target


def write_day(out: Path, day: dt.date, rows: int, *, ncii_rate: float = 0.002,
              dup_rate: float = 0.001, seed: int = 1, slug: str = "global",
              version: str = "full", schema: str | None = None,
              rows_per_csv: int = MAX_ROWS_PER_CSV, csvs_per_part: int = 5,
              compresslevel: int = 6) -> Path:
    """Write one day's dump into ``out``; returns the day zip's path."""
    schema = schema or load().schema_for(day)
    columns = _columns(schema, version)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"sor-{slug}-{day.isoformat()}-{version}"
    day_zip = out / f"{stem}.zip"
    con = duckdb.connect()
    con.execute("CREATE TABLE syn_params AS SELECT ? AS seed, CAST(? AS DATE) AS day, "
                "CAST(0 AS BIGINT) AS first_row, CAST(0 AS BIGINT) AS last_row, ? AS "
                "ncii_per_million, ? AS dup_per_10000, ? AS schema",
                [seed, day, round(ncii_rate * 1_000_000), round(dup_rate * 10_000), schema])
    starts = list(range(0, rows, rows_per_csv)) or [0]
    with tempfile.TemporaryDirectory(prefix="tada-dsa-syn-", dir=out) as tmp, \
            ThreadPoolExecutor(max_workers=2) as pool, \
            zipfile.ZipFile(day_zip.with_suffix(".zip.part"), "w", zipfile.ZIP_STORED) as outer:
        pending = []
        for part_no, first_csv in enumerate(range(0, len(starts), csvs_per_part)):
            csvs = []
            for sub, start in enumerate(starts[first_csv:first_csv + csvs_per_part]):
                path = Path(tmp) / f"{stem}-{part_no:05d}-{sub:05d}.csv"
                _write_csv(con, path, start, min(start + rows_per_csv, rows), columns)
                csvs.append(path)
            part = Path(tmp) / f"{stem}-{part_no:05d}.csv.zip"
            # Compress while DuckDB writes the next CSVs (zlib releases the GIL).
            pending.append(pool.submit(_zip_part, csvs, part, compresslevel))
            while len(pending) > 1:
                done = pending.pop(0).result()
                outer.write(done, done.name)
                done.unlink()
        for future in pending:
            done = future.result()
            outer.write(done, done.name)
            done.unlink()
    con.close()
    day_zip.with_suffix(".zip.part").replace(day_zip)
    day_zip.with_name(day_zip.name + ".sha1").write_text(
        f"{file_sha1(day_zip)}  {day_zip.name}\n", encoding="utf-8")
    return day_zip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scoring.dsa.synthetic",
                                     description="Write a synthetic TDB daily dump.")
    parser.add_argument("--date", required=True, type=dt.date.fromisoformat)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--ncii-rate", type=float, default=0.002)
    parser.add_argument("--dup-rate", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slug", default="global")
    parser.add_argument("--version", choices=("full", "light"), default="full")
    parser.add_argument("--schema", choices=("v1", "v2"), default=None)
    parser.add_argument("--rows-per-csv", type=int, default=MAX_ROWS_PER_CSV)
    parser.add_argument("--csvs-per-part", type=int, default=5)
    parser.add_argument("--compresslevel", type=int, default=6)
    args = parser.parse_args(argv)
    path = write_day(args.out, args.date, args.rows, ncii_rate=args.ncii_rate,
                     dup_rate=args.dup_rate, seed=args.seed, slug=args.slug,
                     version=args.version, schema=args.schema, rows_per_csv=args.rows_per_csv,
                     csvs_per_part=args.csvs_per_part, compresslevel=args.compresslevel)
    print(path)


if __name__ == "__main__":
    main()
