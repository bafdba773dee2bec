"""Ingest a case log into the warehouse: validate everything, then one transaction."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from core.paths import PLATFORMS_DIR, DataDir
from core.registry import Resolver, load_registry
from scoring.caselog.pseudonym import Pseudonymiser
from scoring.caselog.read import read_case_log
from scoring.caselog.validate import Item, check_as_of, validate
from scoring.warehouse import connect, load_platforms, run_sql_file

STAGING_COLUMNS = (
    "item_key", "case_key", "platform_slug", "unregistered_platform", "host", "content_digest",
    "reported_at", "first_response_at", "removed_at", "outcome", "channel", "follow_ups",
    "as_of", "import_id", "victim_gender", "perpetrator_relation",
)


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


def default_as_of(items: list[Item]) -> dt.datetime:
    """The end of the latest day on which anything in the log happened."""
    latest = max(
        moment for item in items
        for moment in (item.reported_at, item.first_response_at, item.removed_at) if moment
    )
    return dt.datetime.combine(latest.date(), dt.time()) + dt.timedelta(days=1)


def as_of_moment(value: dt.date | dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A user's --as-of as a naive UTC datetime; a bare date means the end of that day."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time()) + dt.timedelta(days=1)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def ingest(
    path: Path,
    data_dir: DataDir,
    as_of: dt.date | dt.datetime | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    timezone: str = "Asia/Hong_Kong",
) -> IngestSummary:
    tz = ZoneInfo(timezone)
    registry = load_registry(PLATFORMS_DIR)
    log = read_case_log(path, encoding, sheet)
    items = validate(log, Resolver(registry), tz)
    cutoff = as_of_moment(as_of, tz) if as_of is not None else default_as_of(items)
    check_as_of(log, items, cutoff, tz)
    source_sha = hashlib.sha256(path.read_bytes()).hexdigest()

    # Only now, with the whole file valid, is anything written.
    pseudo = Pseudonymiser(data_dir.ensure().secret_key())
    con = connect(data_dir.warehouse)
    try:
        con.execute("BEGIN TRANSACTION")
        known = con.execute(
            "SELECT import_id FROM case_log_imports WHERE source_sha256 = ?", [source_sha]
        ).fetchone()
        import_id = known[0] if known else con.execute(
            "SELECT coalesce(max(import_id), 0) + 1 FROM case_log_imports").fetchone()[0]
        load_platforms(con, registry)
        with tempfile.TemporaryDirectory() as tmp:
            staging = Path(tmp) / "staging.csv"
            _write_staging(staging, items, pseudo, cutoff, import_id)
            con.execute(
                "CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM read_csv(?, header=true, "
                "all_varchar=false, columns=?)",
                [str(staging), _staging_types()],
            )
        run_sql_file(con, "warehouse/10_merge_items.sql")
        changes = Counter(dict(con.execute(
            "SELECT change, count(*) FROM merge_plan GROUP BY change").fetchall()))
        if not known:
            con.execute(
                "INSERT INTO case_log_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, path.name, source_sha, cutoff,
                 dt.datetime.now(dt.UTC).replace(tzinfo=None), len(log.rows),
                 changes["new"], changes["updated"]],
            )
        con.execute("DROP TABLE staging; DROP TABLE merge_plan")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()

    known_columns = set(STAGING_COLUMNS) | {"case_ref", "item_ref", "platform", "content_url"}
    return IngestSummary(
        file=path, rows=len(log.rows), cases=len({i.case_ref for i in items}), items=len(items),
        as_of=cutoff, inserted=changes["new"], updated=changes["updated"],
        unchanged=changes["unchanged"], stale=changes["stale"],
        platforms=Counter(i.platform_slug for i in items if i.platform_slug),
        unregistered=Counter(i.host or i.platform_label or "?" for i in items
                             if not i.platform_slug),
        ignored_columns=[h for h in log.header if h and h not in known_columns],
    )


def _staging_types() -> dict[str, str]:
    times = {"reported_at", "first_response_at", "removed_at", "as_of"}
    ints = {"follow_ups", "import_id"}
    return {c: "TIMESTAMP" if c in times else "INTEGER" if c in ints else "VARCHAR"
            for c in STAGING_COLUMNS}


def _write_staging(path: Path, items: list[Item], pseudo: Pseudonymiser, as_of: dt.datetime,
                   import_id: int) -> None:
    """Pseudonymised rows only: the clear references never leave this process."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(STAGING_COLUMNS)
        for i in items:
            out.writerow((
                pseudo.item(i.case_ref, i.item_ref), pseudo.case(i.case_ref), i.platform_slug,
                i.platform_label, i.host, pseudo.content(i.content_url) if i.content_url else None,
                i.reported_at, i.first_response_at, i.removed_at, i.outcome, i.channel,
                i.follow_ups, as_of, import_id, i.victim_gender, i.perpetrator_relation,
            ))
