"""The DuckDB engine: stages each CSV part (read by ``part_reader``, or by DuckDB's strict
reader), then runs the shared SQL.

Only this module and ``part_reader`` know how files reach DuckDB; the transform and aggregate
steps are the SQL files in ``scoring/sql/dsa/``, written in SQL that Spark runs too.
"""

from __future__ import annotations

import contextlib
import csv
import re
from pathlib import Path

import duckdb

from core.i18n import t
from scoring.dsa.definition import NciiDefinition
from scoring.dsa.dumpformat import STAGED, header_problem
from scoring.dsa.errors import DumpError
from scoring.dsa.part_reader import read_part
from scoring.dsa.parts import Part

SQL_DIR = Path(__file__).resolve().parents[1] / "sql" / "dsa"
# Every statement of the day, as narrow as it can be (uuids as 16 bytes; the day and dump are
# the same on every row, so they are added back by a view): the one table that grows with the
# day's size, and DuckDB spills it to disk beyond its memory limit.
_DAY_ROWS = ("CREATE OR REPLACE TEMP TABLE dsa_day_uuids (uuid UUID, platform_name VARCHAR, "
             "ncii_specific BOOLEAN, ncii_broad BOOLEAN)")


def sql(name: str) -> str:
    """The text of ``scoring/sql/dsa/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def read_header(part: Part) -> list[str]:
    with part.path.open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline(1 << 16)
    if not first.strip():
        raise DumpError(t("dsa.no_header"), part.file, part.name, header=True)
    return next(csv.reader([first]))


def _csv_problem(message: str) -> str:
    """DuckDB's CSV error in the user's language where it says what is wrong with a line."""
    line = re.search(r"CSV Error on Line: (\d+)", message)
    cells = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)
    if line and cells:
        return t("dsa.bad.cells", None, line=line[1], expected=cells[1], found=cells[2])
    detail = " ".join(message.strip().splitlines()[:2])
    return t("dsa.unreadable_csv", None, detail=detail)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DuckDBDay:
    """One day's import on a DuckDB connection: stage and flag each part, then aggregate.

    Everything before :meth:`write` happens in temporary tables, outside any transaction on
    the warehouse, so a bad part leaves the warehouse untouched.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, definition: NciiDefinition,
                 day: str, dump: str, version: str, schema: str,
                 platform_names: list[str] | None) -> None:
        self.con, self.day, self.dump, self.version, self.schema = con, day, dump, version, schema
        self.platform_names = platform_names
        con.execute(sql("duckdb_functions"))
        con.execute("CREATE OR REPLACE TEMP TABLE dsa_ncii_terms (ncii_set VARCHAR, term VARCHAR)")
        con.executemany("INSERT INTO dsa_ncii_terms VALUES (?, ?)", definition.terms())
        con.execute(_DAY_ROWS)
        con.execute(f"CREATE OR REPLACE TEMP VIEW dsa_day_rows AS SELECT {_literal(day)} AS "
                    f"dump_day, {_literal(dump)} AS dump, * FROM dsa_day_uuids")
        con.execute("DROP TABLE IF EXISTS dsa_day_ncii")
        con.execute("CREATE OR REPLACE TEMP TABLE dsa_platform_filter (platform_name VARCHAR)")
        if platform_names is not None:
            con.executemany("INSERT INTO dsa_platform_filter VALUES (?)",
                            [(name,) for name in platform_names])
        self.parts = 0

    def add(self, part: Part) -> None:
        header = read_header(part)
        problem = header_problem(header, self.version, self.schema)
        if problem:
            raise DumpError(problem[1], part.file, part.name, column=problem[0], header=True)
        self._stage(part, header)
        bad = self.con.execute(sql("checks")).fetchone()
        if bad:
            name, row, column, value, kind = bad
            raise DumpError(t(f"dsa.bad.{kind}", None, value=value), part.file, name, row, column)
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW dsa_flagged AS {sql('flagged')}")
        self.con.execute("INSERT INTO dsa_day_uuids SELECT uuid, platform_name, ncii_specific, "
                         f"ncii_broad FROM ({sql('rows')}) AS r")
        verb = "INSERT INTO" if self.parts else "CREATE TEMP TABLE"
        self.con.execute(f"{verb} dsa_day_ncii {'' if self.parts else 'AS '}{sql('ncii')}")
        self.parts += 1

    def _stage(self, part: Part, header: list[str]) -> None:
        """The part's needed columns as raw text, with row_no counting records after the
        header: read by Polars (an Arrow table DuckDB reads in place) when it can vouch for
        the part, else by DuckDB's strict reader, whose table keeps the file's order."""
        present = [c for c in STAGED if c in header]
        self._release_part()  # the previous part's table, before this one is read
        table = read_part(part.path, header, present)
        if table is not None:
            self.con.register("dsa_part_arrow", table)
            source = "dsa_part_arrow"
        else:
            self._strict_read(part, header, present)
            source = "(SELECT rowid + 1 AS row_no, * FROM dsa_staging_raw)"
        select = ", ".join(_quote(c) if c in present else f"CAST(NULL AS VARCHAR) AS {c}"
                           for c in STAGED)
        where = ""
        if self.platform_names is not None:
            where = "WHERE platform_name IN (SELECT platform_name FROM dsa_platform_filter)"
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW dsa_staging AS SELECT {_literal(self.day)} AS dump_day, "
            f"{_literal(self.dump)} AS dump, {_literal(part.name)} AS part, row_no, {select} "
            f"FROM {source} AS s {where}")

    def _strict_read(self, part: Part, header: list[str], present: list[str]) -> None:
        """DuckDB's strict reader: slower, but it names the line and what is wrong with it.
        One scanning thread, as the next part is being decompressed meanwhile."""
        columns = {name: "VARCHAR" for name in header}
        try:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE dsa_staging_raw AS SELECT "
                f"{', '.join(_quote(c) for c in present)} "
                "FROM read_csv(?, header=true, auto_detect=false, columns=?, delim=',', "
                "quote='\"', escape='\"', strict_mode=true, max_line_size=33554432, "
                "parallel=false)",
                [str(part.path), columns])
        except duckdb.Error as exc:
            raise DumpError(_csv_problem(str(exc)), part.file, part.name) from exc

    def totals(self) -> str:
        return sql("day_totals")

    def statements(self) -> str:
        return sql("day_statements")

    def close(self) -> None:
        for view in ("dsa_flagged", "dsa_day_rows"):
            self.con.execute(f"DROP VIEW IF EXISTS {view}")
        for table in ("dsa_staging_raw", "dsa_day_uuids", "dsa_day_ncii", "dsa_platform_filter"):
            self.con.execute(f"DROP TABLE IF EXISTS {table}")
        self._release_part()

    def _release_part(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.con.execute("DROP VIEW IF EXISTS dsa_staging")
            self.con.unregister("dsa_part_arrow")
