"""Read-only access to ``public.duckdb``, the only database the dashboard reads.

Each page render opens its own short-lived read-only connection, so ``tada score`` can rebuild
the file while the dashboard runs and no request ever holds a lock for long. SQL lives in
``dashboard/sql/*.sql`` and receives user input only as bound parameters.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).parent / "sql"
# Tables without which no page can be drawn; the rest are checked where they are read.
REQUIRED_TABLES = ("meta", "platforms", "scorecard_platform")


class Status(enum.Enum):
    OK = "ok"
    MISSING = "missing"
    EMPTY = "empty"
    UNREADABLE = "unreadable"


@cache
def sql(name: str) -> str:
    """The text of ``dashboard/sql/<name>.sql`` (names are fixed in code, never user input)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


class Session:
    """One read-only connection for the duration of a page render."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._tables: frozenset[str] | None = None

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql(name), params or None)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def one(self, name: str, **params: Any) -> dict[str, Any] | None:
        found = self.rows(name, **params)
        return found[0] if found else None

    def tables(self) -> frozenset[str]:
        if self._tables is None:
            self._tables = frozenset(r["table_name"] for r in self.rows("tables"))
        return self._tables

    def has(self, table: str) -> bool:
        return table in self.tables()

    def ready(self) -> bool:
        """Whether the database holds a published scorecard (and is not an empty file)."""
        return all(self.has(t) for t in REQUIRED_TABLES) and self.one("platform_count")["n"] > 0


class PublicDB:
    """The published database at ``path``; opened read-only, never written."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def status(self) -> Status:
        if not self.path.exists():
            return Status.MISSING
        if self.path.stat().st_size == 0:
            return Status.EMPTY
        try:
            with self.session() as s:
                if not s.ready():
                    return Status.EMPTY
        except duckdb.Error:
            return Status.UNREADABLE
        return Status.OK

    @contextmanager
    def session(self) -> Iterator[Session]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            yield Session(con)
        finally:
            con.close()
