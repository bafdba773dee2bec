"""Ingest a case log into the warehouse: validate everything, then one transaction.

All the work is set operations in DuckDB: the log is read into a scratch in-memory database
(spilling to a temporary directory, never to the data directory), validated and
pseudonymised there by the SQL in ``scoring/sql/caselog/``, and only then is the warehouse
attached and merged into, in one transaction. A rejected log writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.paths import PLATFORMS_DIR, DataDir
from core.registry import load_registry
from scoring.caselog.keys import checked_key, record_fingerprint
from scoring.caselog.pseudonym import hmac_pads
from scoring.caselog.read import load_raw
from scoring.caselog.time import as_of_moment, check_timezone, default_as_of
from scoring.caselog.validate import check_as_of, load_registry_tables, set_parameters, validate
from scoring.warehouse import connect, load_platforms, memory_limit, run_sql_file

__all__ = ["IngestSummary", "as_of_moment", "ingest"]

# DuckDB's memory for a log's scratch database, in MB: it spills to disk beyond. A larger log
# gets more (up to the log's own size, at most 1.4 GB), so a 10 M-item log spills less and its
# ingest stays under 2 GB; $TADA_MEMORY_LIMIT overrides it, e.g. on a smaller machine.
SCRATCH_MEMORY_MB = (768, 1400)


@dataclass
class IngestSummary:
    file: Path
    rows: int
    cases: int
    items: int
    as_of: dt.datetime
    inserted: int
    updated: int
    unchanged: int
    stale: int
    platforms: Counter[str] = field(default_factory=Counter)
    unregistered: Counter[str] = field(default_factory=Counter)
    ignored_columns: list[str] = field(default_factory=list)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def scratch_memory(path: Path) -> str:
    """The scratch database's memory limit for the log at ``path``."""
    low, high = SCRATCH_MEMORY_MB
    size = path.stat().st_size if path.is_file() else 0
    return memory_limit(f"{max(low, min(high, size // 1_000_000))}MB")


def _scratch(tmp: Path, memory: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"temp_directory": str(tmp / "spill"), "memory_limit": memory})
    con.execute("SET enable_progress_bar = false")
    return con


def ingest(
    path: Path,
    data_dir: DataDir,
    as_of: dt.date | dt.datetime | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    timezone: str = "Asia/Hong_Kong",
) -> IngestSummary:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    tz = check_timezone(timezone)
    cutoff = as_of_moment(as_of, tz, now) if as_of is not None else None
    registry = load_registry(PLATFORMS_DIR)
    # The file's digest (which import it is) is computed in a second thread meanwhile:
    # hashlib releases the interpreter on large buffers, DuckDB while it works.
    with tempfile.TemporaryDirectory(prefix="tada-ingest-") as tmp, \
            ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(_file_sha256, path)
        con = _scratch(Path(tmp), scratch_memory(path))
        try:
            log = load_raw(con, path, Path(tmp), encoding, sheet)
            set_parameters(con, timezone, now, cutoff)
            load_registry_tables(con, registry)
            checked = validate(con, log)
            cutoff = cutoff or default_as_of(checked.latest)
            check_as_of(con, log, cutoff, timezone)
            source_sha = digest.result()
            # Only now, with the whole file valid, is anything written.
            key = checked_key(data_dir)
            inner, outer = hmac_pads(key)
            con.execute("SET VARIABLE hmac_inner = ?::BLOB", [inner])
            con.execute("SET VARIABLE hmac_outer = ?::BLOB", [outer])
            changes = _merge(con, data_dir, registry, key, path, source_sha, cutoff,
                             checked.rows)
            cases, items = con.execute(
                "SELECT count(DISTINCT case_ref), count(*) FROM checked").fetchone()
            platforms = Counter(dict(con.execute(
                "SELECT platform_slug, count(*) FROM checked WHERE platform_slug IS NOT NULL "
                "GROUP BY ALL").fetchall()))
            unregistered = Counter(dict(con.execute(
                "SELECT coalesce(host, unregistered_platform, '?'), count(*) FROM checked "
                "WHERE platform_slug IS NULL GROUP BY ALL").fetchall()))
        finally:
            con.close()
    return IngestSummary(
        file=path, rows=checked.rows, cases=cases, items=items, as_of=cutoff,
        inserted=changes["new"], updated=changes["updated"], unchanged=changes["unchanged"],
        stale=changes["stale"], platforms=platforms, unregistered=unregistered,
        ignored_columns=checked.ignored_columns,
    )


def _merge(con: duckdb.DuckDBPyConnection, data_dir: DataDir, registry: dict, key: bytes,
           path: Path, source_sha: str, cutoff: dt.datetime, rows: int) -> Counter[str]:
    """Merge the pseudonymised log into the warehouse in one transaction."""
    connect(data_dir.warehouse).close()  # creates the schema of a new warehouse
    con.execute("ATTACH ? AS wh", [str(data_dir.warehouse)])
    con.execute("USE wh")
    try:
        con.execute("BEGIN TRANSACTION")
        known = con.execute(
            "SELECT import_id FROM case_log_imports WHERE source_sha256 = ?", [source_sha]
        ).fetchone()
        import_id = known[0] if known else con.execute(
            "SELECT coalesce(max(import_id), 0) + 1 FROM case_log_imports").fetchone()[0]
        con.execute("SET VARIABLE import_id = ?", [import_id])
        con.execute("SET VARIABLE as_of = ?", [cutoff])
        record_fingerprint(con, key)
        load_platforms(con, registry)
        run_sql_file(con, "caselog/40_staging.sql")
        if con.execute("SELECT count(*) FROM (SELECT 1 FROM items LIMIT 1)").fetchone()[0]:
            run_sql_file(con, "warehouse/10_merge_plan.sql")
            con.execute("CREATE TEMP VIEW incoming AS SELECT * FROM merge_plan")
            changes = Counter(dict(con.execute(
                "SELECT change, count(*) FROM merge_plan GROUP BY change").fetchall()))
        else:
            con.execute("CREATE TEMP VIEW incoming AS SELECT *, 'new' AS change FROM staging")
            changes = Counter(new=rows)
        run_sql_file(con, "warehouse/20_insert_items.sql")
        if not known:
            con.execute(
                "INSERT INTO case_log_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, path.name, source_sha, cutoff,
                 dt.datetime.now(dt.UTC).replace(tzinfo=None), rows,
                 changes["new"], changes["updated"]],
            )
        con.execute("DROP VIEW incoming; DROP VIEW staging; DROP TABLE case_keys; "
                    "DROP TABLE url_keys; DROP TABLE IF EXISTS merge_plan")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("USE memory")
        con.execute("DETACH wh")
    return changes
