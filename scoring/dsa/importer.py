"""``tada dsa import``: each day of the dumps given, whole or not at all, once.

A day is read part by part into temporary tables; only when every part has been read and
checked does one transaction replace the day in the warehouse. A day whose files (by sha1),
NCII definition version and platform filter are those already imported is skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.errors import TadaError
from core.i18n import t
from core.paths import PLATFORMS_DIR, DataDir
from core.registry import Platform, load_registry
from scoring.dsa import definition as ncii_definition
from scoring.dsa.engine_duckdb import DuckDBDay, sql
from scoring.dsa.errors import DumpError
from scoring.dsa.parts import iter_parts
from scoring.dsa.sources import Day, discover, verify
from scoring.warehouse import connect, memory_limit

DAY_TABLES = ("dsa_days", "dsa_files", "dsa_platform_days", "dsa_statements")
DEFAULT_MEMORY_LIMIT = "512MB"


@dataclass(frozen=True)
class DayResult:
    day: dt.date
    dump: str
    outcome: str  # imported, replaced or unchanged
    rows_read: int
    statements: int
    ncii_specific: int
    ncii_broad: int


def platform_names(registry: dict[str, Platform], slugs: Iterable[str]) -> list[str] | None:
    """The TDB names of the platforms chosen with --platform (None: every platform)."""
    slugs = list(slugs)
    if not slugs:
        return None
    names: list[str] = []
    for slug in slugs:
        if slug not in registry:
            raise TadaError(t("dsa.unknown_platform", None, slug=slug))
        if not registry[slug].dsa_names:
            raise TadaError(t("dsa.platform_without_names", None, slug=slug))
        names.extend(registry[slug].dsa_names)
    return sorted(set(names))


def open_warehouse(data_dir: DataDir, memory: str | None = None) -> duckdb.DuckDBPyConnection:
    con = connect(data_dir.ensure().warehouse)
    con.execute(sql("00_schema"))
    # Bounded memory whatever the day's size: DuckDB spills to disk beyond this.
    con.execute("SET memory_limit = ?", [memory or memory_limit(DEFAULT_MEMORY_LIMIT)])
    con.execute("SET preserve_insertion_order = true")
    return con


def refresh_names(con: duckdb.DuckDBPyConnection, registry: dict[str, Platform]) -> None:
    con.execute("DELETE FROM dsa_platform_names")
    rows = [(name, p.slug) for p in registry.values() for name in p.dsa_names]
    if rows:
        con.executemany("INSERT INTO dsa_platform_names VALUES (?, ?)", rows)


def _unchanged(con: duckdb.DuckDBPyConnection, day: Day, version: str, filter_key: str) -> bool:
    known = con.execute("SELECT definition_version, platforms FROM dsa_days "
                        "WHERE day = ? AND dump = ?", [day.day, day.slug]).fetchone()
    if known != (version, filter_key):
        return False
    files = set(con.execute("SELECT name, sha1 FROM dsa_files WHERE day = ? AND dump = ?",
                            [day.day, day.slug]).fetchall())
    return files == {(f.path.name, f.sha1) for f in day.files}


def _check_overlap(con: duckdb.DuckDBPyConnection, day: Day) -> None:
    """The global dump holds every platform's statements: never count a day twice."""
    other = con.execute(
        "SELECT dump FROM dsa_days WHERE day = ? AND dump <> ? "
        "AND (dump = 'global' OR ? = 'global') LIMIT 1", [day.day, day.slug, day.slug]).fetchone()
    if other:
        raise DumpError(t("dsa.overlap", None, day=day.day, dump=day.slug, other=other[0]),
                        day.files[0].path)


def _result(con: duckdb.DuckDBPyConnection, day: Day, outcome: str) -> DayResult:
    row = con.execute(
        "SELECT coalesce(sum(rows_read), 0), coalesce(sum(statements), 0), "
        "coalesce(sum(ncii_specific), 0), coalesce(sum(ncii_broad), 0) FROM dsa_platform_days "
        "WHERE day = ? AND dump = ?", [day.day, day.slug]).fetchone()
    return DayResult(day.day, day.slug, outcome, *(int(v) for v in row))


def record_day(con: duckdb.DuckDBPyConnection, day: Day, schema: str, definition_id: str,
               definition_version: str, filter_key: str) -> None:
    """The day's dsa_days row (totals from its dsa_platform_days rows) and dsa_files rows."""
    con.execute(
        "INSERT INTO dsa_days SELECT ?, ?, ?, ?, ?, ?, ?, coalesce(sum(rows_read), 0), "
        "coalesce(sum(statements), 0), ? FROM dsa_platform_days WHERE day = ? AND dump = ?",
        [day.day, day.slug, day.version, schema, definition_id, definition_version,
         filter_key, dt.datetime.now(dt.UTC).replace(tzinfo=None), day.day, day.slug])
    con.executemany("INSERT INTO dsa_files VALUES (?, ?, ?, ?, ?)",
                    [(day.day, day.slug, f.path.name, f.sha1, f.size) for f in day.files])


def _import_day(con: duckdb.DuckDBPyConnection, day: Day, definition, names: list[str] | None,
                filter_key: str, registry: dict[str, Platform]) -> str:
    schema = definition.schema_for(day.day)
    engine = DuckDBDay(con, definition, day.day.isoformat(), day.slug, day.version, schema, names)
    try:
        for part in iter_parts(day):
            engine.add(part)
        if not engine.parts:
            raise DumpError(t("dsa.no_parts"), day.files[0].path)
        replaced = con.execute("SELECT count(*) FROM dsa_days WHERE day = ? AND dump = ?",
                               [day.day, day.slug]).fetchone()[0] > 0
        con.execute("BEGIN TRANSACTION")
        try:
            for table in DAY_TABLES:
                con.execute(f"DELETE FROM {table} WHERE day = ? AND dump = ?",
                            [day.day, day.slug])
            con.execute(f"INSERT INTO dsa_platform_days {engine.totals()}")
            con.execute(f"INSERT INTO dsa_statements {engine.statements()}")
            record_day(con, day, schema, definition.id, definition.version, filter_key)
            refresh_names(con, registry)
            con.execute(f"CREATE OR REPLACE TABLE dsa_figures AS {sql('figures')}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        engine.close()
    return "replaced" if replaced else "imported"


def import_dumps(paths: Iterable[Path], data_dir: DataDir, platforms: Iterable[str] = (),
                 since: dt.date | None = None, until: dt.date | None = None,
                 definition_path: Path = ncii_definition.DEFAULT_PATH,
                 progress: Callable[[Day], None] | None = None) -> list[DayResult]:
    """Import every day found in ``paths``; returns what happened to each day."""
    memory = memory_limit(DEFAULT_MEMORY_LIMIT)  # a bad setting stops the import before any work
    definition = ncii_definition.load(definition_path)
    registry = load_registry(PLATFORMS_DIR)
    names = platform_names(registry, platforms)
    filter_key = ",".join(names or [])
    days = discover(paths, since, until)
    results: list[DayResult] = []
    con = open_warehouse(data_dir, memory)
    try:
        for day in days:
            if progress:
                progress(day)
            verify(day)
            if _unchanged(con, day, definition.version, filter_key):
                results.append(_result(con, day, "unchanged"))
                continue
            _check_overlap(con, day)
            outcome = _import_day(con, day, definition, names, filter_key, registry)
            results.append(_result(con, day, outcome))
    finally:
        con.close()
    return results
