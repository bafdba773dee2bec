"""The private DuckDB warehouse: opening it and running the project's SQL files."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from core.errors import TadaError
from core.i18n import t
from core.registry import Platform

SQL_DIR = Path(__file__).parent / "sql"


def sql_text(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def run_sql_file(con: duckdb.DuckDBPyConnection, relative: str) -> None:
    con.execute(sql_text(relative))


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection creates the schema if needed."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    run_sql_file(con, "warehouse/00_schema.sql")
    return con


def load_platforms(con: duckdb.DuckDBPyConnection, platforms: dict[str, Platform]) -> None:
    """Replace the warehouse's copy of the registry (inside the caller's transaction)."""
    con.execute("DELETE FROM platforms")
    con.executemany(
        "INSERT INTO platforms VALUES (?, ?, ?, ?)",
        [(p.slug, p.name_en, p.name_zh, p.category) for p in platforms.values()],
    )


def memory_limit(default: str) -> str:
    """DuckDB's memory limit: $TADA_MEMORY_LIMIT when set (a size DuckDB accepts, or a clear
    error), else ``default``. DuckDB spills to disk beyond it."""
    chosen = os.environ.get("TADA_MEMORY_LIMIT")
    if not chosen:
        return default
    probe = duckdb.connect()
    try:
        probe.execute("SET memory_limit = ?", [chosen])
    except duckdb.Error as exc:
        raise TadaError(t("scoring.cli.bad_memory_limit_env", None, value=chosen)) from exc
    finally:
        probe.close()
    return chosen
