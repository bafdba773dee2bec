"""Exact counts for a RESTRICTED pack, aggregated per platform from the private warehouse.

Only ``--restricted`` reaches this module; a public pack never opens the warehouse at all.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.i18n import t
from evidence.errors import BadInput, MissingInput
from evidence.public import SQL_DIR, Row

ZERO = {"cases": 0, "items": 0, "removed": 0, "refused": 0, "no_response": 0, "pending": 0}


def exact_counts(warehouse: Path, slugs: list[str]) -> dict[str, Row]:
    """Per-platform counts (cases, items, outcomes) with no suppression; zeros when none."""
    if not warehouse.is_file():
        raise MissingInput(t("evidence.error.no_warehouse", None, path=warehouse))
    sql = (SQL_DIR / "exact_counts.sql").read_text(encoding="utf-8")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            cursor = con.execute(sql, {"slugs": slugs})
            names = [d[0] for d in cursor.description]
            found = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        finally:
            con.close()
    except duckdb.Error as exc:
        raise BadInput(t("evidence.error.bad_warehouse", None, path=warehouse,
                         reason=str(exc).splitlines()[0])) from exc
    return {slug: found.get(slug, {"slug": slug, **ZERO}) for slug in slugs}
