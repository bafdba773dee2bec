"""``tada dsa load``: the Spark engine's Parquet result into the warehouse's DSA tables.

The tables are those the DuckDB engine writes (dsa_days, dsa_files, dsa_platform_days,
dsa_statements, dsa_figures), so everything downstream is the same whichever engine read the
dumps. Like the DuckDB import, a day already imported from the same files, definition and
--platform filter is left as it is, a changed day is replaced whole, and a day of the global
dump never overlaps a platform's. All days of a result go in one transaction: on any error,
nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from core.errors import TadaError
from core.i18n import t
from core.paths import PLATFORMS_DIR, DataDir
from core.registry import load_registry
from scoring.dsa.dumpformat import parse_name
from scoring.dsa.engine_duckdb import sql
from scoring.dsa.importer import (
    DAY_TABLES,
    DayResult,
    _check_overlap,
    _result,
    _unchanged,
    open_warehouse,
    record_day,
    refresh_names,
)
from scoring.dsa.sources import Day, SourceFile
from scoring.dsa.staging import FORMAT

RESULT_COLUMNS = {
    "platform_days": ("day", "dump", "platform_name", "rows_read", "statements",
                      "ncii_specific", "ncii_broad"),
    "statements": ("day", "dump", "uuid", "platform_name", "created_at", "application_date",
                   "content_date", "decision_visibility", "decision_monetary",
                   "decision_provision", "decision_account", "account_type", "decision_ground",
                   "incompatible_content_illegal", "category", "category_addition",
                   "category_specification", "content_type", "content_language",
                   "territorial_scope", "source_type", "automated_detection",
                   "automated_decision", "ncii_specific", "ncii_broad", "part", "row_no"),
}


def result_folder(path: Path) -> Path:
    """The Spark result in ``path``: the result folder itself or a staging folder holding one
    in ``result/``."""
    for candidate in (path, path / "result"):
        if (candidate / "manifest").is_dir():
            return candidate
    raise TadaError(t("spark.no_result", None, path=path))


def read_result_manifest(folder: Path) -> dict[str, Any]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((folder / "manifest").glob("part-*"))]
    try:
        manifest = json.loads("".join(texts))
    except json.JSONDecodeError as exc:
        raise TadaError(t("spark.no_result", None, path=folder)) from exc
    if manifest.get("format") != FORMAT or "engine" not in manifest:
        raise TadaError(t("spark.no_result", None, path=folder))
    return manifest


def _day(entry: dict[str, Any]) -> Day:
    files = tuple(SourceFile(Path(f["name"]), parse_name(f["name"]), f["sha1"], f["size"])
                  for f in entry["files"])
    return Day(dt.date.fromisoformat(entry["day"]), entry["dump"], entry["version"], files)


def _parquet(folder: Path, table: str) -> str | None:
    """A read_parquet() of one output table, or None when Spark wrote no file (no rows)."""
    if not any((folder / table).glob("**/*.parquet")):
        return None
    glob = str(folder / table / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', hive_partitioning = false)"


def load(path: Path, data_dir: DataDir) -> list[DayResult]:
    """Bring the Spark result in ``path`` into the warehouse; returns what happened per day."""
    folder = result_folder(path)
    manifest = read_result_manifest(folder)
    registry = load_registry(PLATFORMS_DIR)
    definition = manifest["definition"]
    filter_key = ",".join(manifest["platform_filter"] or [])
    days = [(_day(entry), entry) for entry in manifest["days"]]
    sources = {table: _parquet(folder, table) for table in RESULT_COLUMNS}
    con = open_warehouse(data_dir)
    try:
        outcomes: dict[tuple, str] = {}
        con.execute("BEGIN TRANSACTION")
        try:
            for day, entry in days:
                if _unchanged(con, day, definition["version"], filter_key):
                    outcomes[day.key] = "unchanged"
                    continue
                _check_overlap(con, day)
                outcomes[day.key] = "replaced" if con.execute(
                    "SELECT count(*) FROM dsa_days WHERE day = ? AND dump = ?",
                    [day.day, day.slug]).fetchone()[0] else "imported"
                _write_day(con, day, entry, sources, definition, filter_key)
            refresh_names(con, registry)
            con.execute(sql("duckdb_functions"))
            con.execute(f"CREATE OR REPLACE TABLE dsa_figures AS {sql('figures')}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return [_result(con, day, outcomes[day.key]) for day, _ in days]
    finally:
        con.close()


def _write_day(con: Any, day: Day, entry: dict[str, Any], sources: dict[str, str | None],
               definition: dict[str, Any], filter_key: str) -> None:
    for table in DAY_TABLES:
        con.execute(f"DELETE FROM {table} WHERE day = ? AND dump = ?", [day.day, day.slug])
    for name, source in sources.items():
        if source is None:
            continue
        columns = ", ".join(RESULT_COLUMNS[name])
        con.execute(f"INSERT INTO dsa_{name} ({columns}) SELECT {columns} FROM {source} "
                    "WHERE day = ? AND dump = ?", [day.day, day.slug])
    record_day(con, day, entry["schema"], definition["id"], definition["version"], filter_key)
