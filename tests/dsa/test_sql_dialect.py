"""The import's transform and aggregate SQL is written once, for DuckDB and Spark alike: only
functions both engines have (or that duckdb_functions.sql defines for DuckDB) are called."""

from __future__ import annotations

import re

import pytest

from scoring.dsa.engine_duckdb import SQL_DIR

sqlglot = pytest.importorskip("sqlglot")
exp = sqlglot.exp

PORTABLE = ("checks", "flagged", "rows", "ncii", "day_totals", "day_statements", "figures")
# Functions both engines run natively (as sqlglot names them).
COMMON = {"AND", "OR", "CASE", "IF", "CAST", "TRY_CAST", "COALESCE", "NULLIF", "CONCAT", "LEFT",
          "RIGHT", "LENGTH", "SUBSTRING", "TRIM", "PAD", "STR_POSITION", "YEAR", "MONTH",
          "QUARTER", "COUNT", "COUNT_IF", "SUM", "AVG", "MIN", "MAX", "ROW_NUMBER",
          "PERCENTILE_CONT",
          "TS_OR_DS_TO_DATE"}  # sqlglot's name for the date YEAR() and MONTH() read in Spark
# Spark's own functions that DuckDB lacks, defined for DuckDB by duckdb_functions.sql.
POLYFILLED = {"REGEXP_LIKE", "UNIX_SECONDS"}


def _functions(name: str) -> set[str]:
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    trees = [sqlglot.parse_one(text, read=dialect) for dialect in ("duckdb", "spark")]
    return {node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name()
            for node in trees[1].find_all(exp.Func)}


@pytest.mark.parametrize("name", PORTABLE)
def test_only_functions_both_engines_have(name):
    assert _functions(name) <= COMMON | POLYFILLED


def test_duckdb_defines_what_it_lacks():
    text = (SQL_DIR / "duckdb_functions.sql").read_text(encoding="utf-8")
    defined = {m.upper() for m in re.findall(r"MACRO (\w+)\(", text)}
    assert defined == POLYFILLED


def test_percentiles_are_exact():
    text = (SQL_DIR / "figures.sql").read_text(encoding="utf-8").lower()
    assert "percentile_cont(" in text and "approx" not in text and "3600.0" not in text
