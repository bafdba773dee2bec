"""``tada dsa status``: the days imported and, per TDB platform name, its slug and counts."""

from __future__ import annotations

from typing import Any

import duckdb

from core.paths import PLATFORMS_DIR, DataDir
from core.registry import load_registry
from scoring.dsa.engine_duckdb import sql


def status(data_dir: DataDir) -> dict[str, Any]:
    """``{"days": [{date, schema, files: [{name, sha1}]}], "platforms": [{platform_name, slug,
    statements, ncii_specific, ncii_broad}]}``; empty lists before any import."""
    slugs = {name: p.slug for p in load_registry(PLATFORMS_DIR).values() for name in p.dsa_names}
    result: dict[str, Any] = {"days": [], "platforms": []}
    if not data_dir.warehouse.exists():
        return result
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "dsa_days" not in tables:
            return result
        files: dict[tuple, list[dict[str, str]]] = {}
        for day, dump, name, sha1 in con.execute(
                "SELECT day, dump, name, sha1 FROM dsa_files ORDER BY day, dump, name").fetchall():
            files.setdefault((day, dump), []).append({"name": name, "sha1": sha1})
        for day, dump, schema in con.execute(
                "SELECT day, dump, schema FROM dsa_days ORDER BY day, dump").fetchall():
            result["days"].append({"date": day.isoformat(), "schema": schema,
                                   "files": files.get((day, dump), [])})
        for name, statements, specific, broad in con.execute(sql("status_platforms")).fetchall():
            result["platforms"].append({
                "platform_name": name, "slug": slugs.get(name), "statements": int(statements),
                "ncii_specific": int(specific), "ncii_broad": int(broad)})
    finally:
        con.close()
    return result
