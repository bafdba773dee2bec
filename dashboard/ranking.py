"""The overview's ranking: which rows, which figures, in which order.

Filters arrive already validated; sorting happens here because the sort keys include the
display name in the page's language and must put missing values last in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.cells import Hidden, hidden
from dashboard.db import Session
from dashboard.text import GRADES, INSUFFICIENT, platform_name

# column id → (kind used for display, direction of the first click)
SORTS: dict[str, tuple[str, str]] = {
    "rank": ("count", "asc"),
    "platform": ("text", "asc"),
    "category": ("text", "asc"),
    "grade": ("grade", "asc"),
    "overall_score": ("score", "desc"),
    "policy_score": ("score", "desc"),
    "responsiveness_score": ("score", "desc"),
    "removal_rate": ("percent", "desc"),
    "cif_removed_48h": ("percent", "desc"),
    "median_first_response_hours": ("hours", "asc"),
    "items": ("count", "desc"),
    "dsa_ncii_per_day": ("number", "desc"),  # EU DSA self-reports, not the NGO's log
}
DIRECTIONS = ("asc", "desc")


@dataclass
class Ranking:
    rows: list[dict[str, Any]]
    hidden: Hidden        # suppressed cells of the table the figures came from
    period: str | None
    badges: dict[str, dict[str, str]]  # slug → element → value


def _sort_key(row: dict[str, Any], column: str, lang: str) -> Any:
    if column == "platform":
        return platform_name(row, lang).casefold()
    if column == "grade":
        grade = row.get("grade")
        return GRADES.index(grade) if grade in GRADES else None
    value = row.get(column)
    return value.casefold() if isinstance(value, str) else value


def sort_rows(rows: list[dict[str, Any]], column: str, direction: str,
              lang: str) -> list[dict[str, Any]]:
    """Rows ordered by ``column``; missing values (suppressed, insufficient) always last."""
    present = [r for r in rows if _sort_key(r, column, lang) is not None]
    missing = [r for r in rows if _sort_key(r, column, lang) is None]
    present.sort(key=lambda r: (_sort_key(r, column, lang), r.get("slug")),
                 reverse=direction == "desc")
    return present + missing


def load(session: Session, category: str | None, period: str | None) -> Ranking:
    if period:
        rows = session.rows("ranking_period", category=category, period=period)
        cells = hidden(session, "metrics_by_period")
        # The period table is keyed by group; give each row the key it is listed under.
        for row in rows:
            row.update(group_type="platform", group_key=row["slug"], period=period)
    else:
        rows = session.rows("ranking", category=category)
        cells = hidden(session, "scorecard_platform")
    if session.has("dsa_figures"):
        per_day = {r["slug"]: r["dsa_ncii_per_day"]
                   for r in session.rows("dsa_per_day", period=period)}
        for row in rows:
            row["dsa_ncii_per_day"] = per_day.get(row["slug"])
    badges: dict[str, dict[str, str]] = {}
    if session.has("policy_elements"):
        for r in session.rows("element_values"):
            badges.setdefault(r["slug"], {})[r["element"]] = r["value"]
    return Ranking(rows, cells, period, badges)


def is_insufficient(row: dict[str, Any]) -> bool:
    return row.get("grade") == INSUFFICIENT
