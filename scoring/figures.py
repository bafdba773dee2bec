"""The service report's figures, regenerated from the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from core.errors import TadaError
from core.i18n import t
from scoring.warehouse import sql_text


class NoCaseData(TadaError):
    pass


def _rows(con: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql_text(f"figures/{name}.sql"))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def report_figures(warehouse: Path) -> dict[str, Any]:
    """Cases, items, removal share and the report's breakdowns, shares as fractions."""
    if not warehouse.exists():
        raise NoCaseData(t("figures.no_warehouse", None, path=warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        totals = _rows(con, "totals")[0]
        if not totals["items"]:
            raise NoCaseData(t("figures.no_items", None, path=warehouse))
        categories = _rows(con, "categories")
        genders = _rows(con, "genders")
        relations = _rows(con, "relations")
        social = _rows(con, "social_media")
    finally:
        con.close()
    return {
        "cases": totals["cases"],
        "items": totals["items"],
        "removed": totals["removed"],
        "removed_share": totals["removed_share"],
        "first_reported": totals["first_reported"].date().isoformat(),
        "last_reported": totals["last_reported"].date().isoformat(),
        "category_items": {r["category"]: r["items"] for r in categories},
        "category_shares": {r["category"]: r["share"] for r in categories},
        "category_removed_shares": {r["category"]: r["removed_share"] for r in categories},
        "gender_shares": {r["gender"]: r["share"] for r in genders},
        "relation_shares": {r["relation"]: r["share"] for r in relations},
        "most_reported_social_media": [
            {"slug": r["slug"], "name": r["name_en"], "name_zh": r["name_zh"],
             "items": r["items"], "removed_share": r["removed_share"]}
            for r in social
        ],
    }
