"""Key safety: a warehouse is only ever written with the key its pseudonyms were made with.

The warehouse records the key's fingerprint (a keyed hash of a constant, never the key). A
lost ``secret.key`` must not silently become a new key: every item would be imported again
under new pseudonyms and every published figure would double.
"""

from __future__ import annotations

import duckdb

from core.errors import TadaError
from core.i18n import t
from core.paths import DataDir
from scoring.caselog.pseudonym import fingerprint


class KeyMismatch(TadaError):
    pass


def _warehouse_state(data_dir: DataDir) -> tuple[int, str | None]:
    """(items, recorded fingerprint) of the warehouse, (0, None) when there is none."""
    if not data_dir.warehouse.exists():
        return 0, None
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()}
        items = con.execute("SELECT count(*) FROM items").fetchone()[0] \
            if "items" in tables else 0
        recorded = con.execute("SELECT max(fingerprint) FROM key_fingerprint").fetchone()[0] \
            if "key_fingerprint" in tables else None
    finally:
        con.close()
    return items, recorded


def checked_key(data_dir: DataDir) -> bytes:
    """The data directory's key, refused if it is not the key of the warehouse's items."""
    items, recorded = _warehouse_state(data_dir)
    if items and not data_dir.has_secret_key():
        raise KeyMismatch(t("caselog.key.missing", None, path=data_dir.secret_key_path,
                            items=items, warehouse=data_dir.warehouse))
    key = data_dir.secret_key()
    if recorded is not None and recorded != fingerprint(key):
        raise KeyMismatch(t("caselog.key.mismatch", None, path=data_dir.secret_key_path,
                            warehouse=data_dir.warehouse))
    return key


def record_fingerprint(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Record the key's fingerprint (inside the caller's transaction), once."""
    con.execute("INSERT INTO key_fingerprint SELECT ?, now()::TIMESTAMP "
                "WHERE NOT EXISTS (SELECT 1 FROM key_fingerprint)", [fingerprint(key)])
