"""Which cells of a published table were suppressed (``suppressed_cells``).

A NULL that is listed there is shown as "suppressed"; any other NULL is "not available" (or
"insufficient data" where the grade says so). Never a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.public_schema import row_key
from dashboard.db import Session


class Hidden:
    """Membership test for the suppressed cells of one table."""

    def __init__(self, table: str, entries: list[dict[str, Any]]) -> None:
        self.table = table
        self._cells = {(e["row_key"], e["column_name"]) for e in entries}
        self._rows = {e["row_key"] for e in entries}

    def __call__(self, row: Mapping[str, Any], column: str) -> bool:
        return (row_key(self.table, row), column) in self._cells

    def any_in(self, row: Mapping[str, Any]) -> bool:
        return row_key(self.table, row) in self._rows


def hidden(session: Session, table: str) -> Hidden:
    if not session.has("suppressed_cells"):
        return Hidden(table, [])
    return Hidden(table, session.rows("suppressed", table_name=table))
