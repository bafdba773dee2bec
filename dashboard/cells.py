"""Which cells of a published table were suppressed (``suppressed_cells``).

A NULL that is listed there is shown as "suppressed"; any other NULL is "not available" (or
"insufficient data" where the grade says so). Never a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dashboard.db import Session

# The natural key of each published table, in the order ``row_key`` joins them.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "scorecard_platform": ("slug",),
    "scorecard_category": ("category",),
    "metrics_by_period": ("group_type", "group_key", "period"),
    "metrics_by_channel": ("group_type", "group_key", "channel"),
    "report_figures": ("figure", "group_key"),
    "cif_curve": ("group_type", "group_key"),  # a whole curve is listed once
}
SEPARATOR = "|"


def row_key(table: str, row: Mapping[str, Any]) -> str:
    return SEPARATOR.join(str(row[c]) for c in ROW_KEYS[table])


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
