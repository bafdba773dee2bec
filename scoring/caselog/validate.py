"""Validate a case log inside DuckDB, collecting every problem in the file in one pass.

The rules are SQL (``scoring/sql/caselog/``); this module hands them the schema's lists and
the plausible window, and turns their one-row-per-problem output into messages: the first
``LISTED`` problems with file, row, column and the value as typed, and a count of each kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.errors import TadaError
from core.i18n import fmt_number, t
from core.registry import Platform
from scoring.caselog.read import MAX_CELL, RawLog
from scoring.caselog.schema import columns
from scoring.warehouse import run_sql_file

LISTED = 200
SHOWN_CHARS = 120
MAX_COUNT = 1_000_000
EARLIEST = dt.datetime(2000, 1, 1)
# Python's non-breaking and other Unicode spaces, as str.strip() removes them.
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
          "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    value: str
    message: str

    def render(self, path: Path) -> str:
        where = path.name + (", " + t("caselog.where.row", None, row=self.row) if self.row else "")
        where += f", {self.column}" if self.column else ""
        value = self.value if len(self.value) <= SHOWN_CHARS else self.value[:SHOWN_CHARS] + "…"
        shown = f" = {value!r}" if value else ""
        return f"{where}{shown}: {self.message}"


@dataclass(frozen=True)
class Kind:
    """How many problems of one kind (one rule on one column) the file has."""

    column: str | None
    message: str
    count: int


class CaseLogInvalid(TadaError):
    def __init__(self, path: Path, problems: list[Problem], total: int | None = None,
                 kinds: list[Kind] | None = None) -> None:
        self.path, self.problems = path, problems
        self.total = len(problems) if total is None else total
        self.kinds = kinds or []
        super().__init__(t("caselog.invalid", None, file=path, count=fmt_number(self.total)))

    def details(self) -> list[str]:
        lines = [p.render(self.path) for p in self.problems]
        if self.total > len(self.problems):
            lines.append(t("caselog.more_problems", None,
                           count=fmt_number(self.total - len(self.problems))))
        if len(self.kinds) > 1 or self.total > len(self.problems):
            lines += [t("caselog.kind", None, count=fmt_number(k.count), column=k.column or "-",
                        message=k.message) for k in self.kinds]
        return lines


@dataclass
class Validated:
    rows: int
    latest: dt.datetime | None
    ignored_columns: list[str] = field(default_factory=list)


def set_parameters(con: duckdb.DuckDBPyConnection, tz: str, now: dt.datetime,
                   as_of: dt.datetime | None = None) -> None:
    """The schema's lists, the plausible window and a given as-of, as variables of the rules."""
    cols = columns()
    con.execute("SET VARIABLE as_of_given = ?::TIMESTAMP", [as_of])
    values: dict[str, object] = {
        "required": [c.name for c in cols.values() if c.required], "tz": tz,
        "earliest_plausible": EARLIEST, "latest_plausible": now + dt.timedelta(days=1),
        "max_cell": MAX_CELL, "max_count": MAX_COUNT, "spaces": SPACES,
    }
    values |= {f"enum_{c.name}": list(c.enum) for c in cols.values() if c.enum}
    for name, value in values.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])


def load_registry_tables(con: duckdb.DuckDBPyConnection, registry: dict[str, Platform]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE reg_labels (label VARCHAR, slug VARCHAR)")
    con.execute("CREATE OR REPLACE TEMP TABLE reg_domains (domain VARCHAR, slug VARCHAR)")
    con.executemany("INSERT INTO reg_labels VALUES (?, ?)", [
        (label, p.slug) for p in registry.values()
        for label in (p.slug, p.name_en, p.name_zh, *p.aliases) if label])
    con.executemany("INSERT INTO reg_domains VALUES (?, ?)",
                    [(d, p.slug) for p in registry.values() for d in p.domains])


def validate(con: duckdb.DuckDBPyConnection, log: RawLog) -> Validated:
    """Build ``checked`` (typed, resolved rows) or raise CaseLogInvalid listing every problem."""
    header = log.header
    missing = [c.name for c in columns().values() if c.required and c.name not in header]
    if missing:
        allowed = ", ".join(columns())
        raise CaseLogInvalid(log.path, [
            Problem(1, name, "", t("caselog.problem.missing_column", None, allowed=allowed))
            for name in missing])
    position = {name: i for i, name in enumerate(header)}  # a repeated name: the last wins
    run_sql_file(con, "caselog/05_text.sql")
    stripped = ", ".join(f"stripped(c{i}) AS s{i}" for i in range(len(header)))
    select = ", ".join(f"s{position[c]} AS {c}" if c in position else f"NULL::VARCHAR AS {c}"
                       for c in columns())
    any_cell = ", ".join(f"s{i}" for i in range(len(header)))
    # Views: the text is stripped and typed once, while `checked` is built. log_cells keeps
    # blank rows, so one column's distinct values are found without stripping the others.
    cells = f"SELECT line, {stripped} FROM raw_log"
    con.execute(f"CREATE OR REPLACE TEMP VIEW log_cells AS SELECT line, {select} FROM ({cells})")
    con.execute(f"CREATE OR REPLACE TEMP VIEW log_text AS SELECT line, {select} "
                f"FROM ({cells}) WHERE coalesce({any_cell}) IS NOT NULL")
    for step in ("10_typed", "20_platform", "30_checks"):
        run_sql_file(con, f"caselog/{step}.sql")
    con.execute("DROP VIEW resolved; DROP VIEW typed; DROP VIEW log_text; DROP VIEW log_cells; "
                "DROP VIEW raw_log; DROP TABLE raw_read")
    rows = con.execute("SELECT count(*) FROM checked").fetchone()[0]
    if not rows:
        raise CaseLogInvalid(log.path, [Problem(None, None, "",
                                                t("caselog.problem.no_rows", None))])
    raise_problems(con, log.path)
    latest = con.execute("SELECT max(greatest(reported_utc, first_response_utc, removed_utc)) "
                         "FROM checked").fetchone()[0]
    known = set(columns())
    return Validated(rows, latest, [h for h in header if h and h not in known])


def check_as_of(con: duckdb.DuckDBPyConnection, log: RawLog, as_of: dt.datetime,
                tz: str) -> None:
    """Reject a log whose events happen after the date it claims to be extracted."""
    con.execute("SET VARIABLE as_of = ?", [as_of])
    run_sql_file(con, "caselog/35_after_as_of.sql")
    local = as_of.replace(tzinfo=dt.UTC).astimezone(_zone(tz))
    raise_problems(con, log.path, as_of=f"{local:%Y-%m-%d %H:%M} {tz}")


def _zone(tz: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)


def raise_problems(con: duckdb.DuckDBPyConnection, path: Path, **extra: str) -> None:
    """Raise CaseLogInvalid if ``log_problems`` has any row; list the first LISTED."""
    total = con.execute("SELECT count(*) FROM log_problems").fetchone()[0]
    if not total:
        return
    enums = {c.name: ", ".join(c.enum) for c in columns().values() if c.enum}
    rows = con.execute(
        "SELECT line, col, coalesce(value, ''), rule, first_line, outcome_v FROM log_problems "
        "ORDER BY line, position LIMIT ?", [LISTED]).fetchall()

    def message(col: str, rule: str, first: object, outcome: object) -> str:
        params = {"allowed": enums.get(col, ""), "first": first, "outcome": outcome,
                  "max": fmt_number(MAX_COUNT), "max_chars": fmt_number(MAX_CELL),
                  "earliest": EARLIEST.date().isoformat(), **extra}
        return t(f"caselog.problem.{rule}", None, **params)

    problems = [Problem(line, col, value, message(col, rule, first, outcome))
                for line, col, value, rule, first, outcome in rows]
    kinds = [Kind(col, message(col, rule, "…", "…"), count)
             for col, rule, count in con.execute(
                 "SELECT col, rule, count(*) FROM log_problems GROUP BY ALL "
                 "ORDER BY count(*) DESC, col, rule").fetchall()]
    raise CaseLogInvalid(path, problems, total, kinds)
