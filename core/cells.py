"""The one writer of text cells for files a spreadsheet opens (CSV and XLSX).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be
run as a formula by Excel, LibreOffice or Google Sheets (OWASP, "CSV Injection"); a policy
sentence quoted from a hostile page could be one. Such text is written:

- in CSV with a leading apostrophe (``'=HYPERLINK(...)``), which spreadsheets show as text;
- in XLSX as an explicit string cell with Excel's "quote prefix" set, its text unchanged.

Only text is touched: numbers stay numbers, and text that is just a number (``-1.5``) is left
as it is, since no spreadsheet runs it. JSON and Parquet are not spreadsheet formats and keep
every value exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
APOSTROPHE = "'"
# Written so that Python's re and DuckDB's RE2 read them alike.
_RISKY = "^[=+\\-@\\t\\r]"
_NUMBER = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"
_NUMBER_RE = re.compile(_NUMBER)
_MACRO = (Path(__file__).parent / "sql" / "text_cell.sql").read_text(encoding="utf-8")
_TEXT_TYPES = ("VARCHAR",)
_QUOTE_WHEN = (",", '"', "\n", "\r")


def needs_guard(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula."""
    return text.startswith(FORMULA_PREFIXES) and _NUMBER_RE.fullmatch(text) is None


def csv_text(text: str) -> str:
    """``text`` as a CSV cell: with a leading apostrophe when it could run as a formula."""
    return APOSTROPHE + text if needs_guard(text) else text


def csv_row(cells: Iterable[str]) -> str:
    """One CSV line (comma, double quotes, "\\n" line end) of cells already made text.

    A cell is quoted when it holds a comma, a quote or any line break: a bare carriage return
    left unquoted (as Python's csv module does with a "\\n" line end) starts a new row in a
    spreadsheet, and the text after it would be read as a cell of its own."""
    return ",".join(_quoted(cell) for cell in cells) + "\n"


def _quoted(cell: str) -> str:
    if any(c in cell for c in _QUOTE_WHEN):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def xlsx_value(ws: Worksheet, value: Any) -> Any:
    """A value for ``ws.append``: text becomes an explicit string cell (never a formula),
    marked with Excel's quote prefix when it starts like one; anything else is unchanged."""
    if not isinstance(value, str):
        return value
    # XML cannot hold most control characters; openpyxl would refuse the whole workbook.
    cell = Cell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    cell.data_type = "s"
    if needs_guard(value):
        cell.quotePrefix = True
    return cell


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def guarded_query(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """``query`` with every text column passed through ``tada_text_cell`` (defined on
    ``con``), for DuckDB's own CSV writer; other columns, their order and names unchanged."""
    con.execute(_MACRO.format(risky=_sql_literal(_RISKY), number=_sql_literal(_NUMBER)))
    described = con.execute(f"DESCRIBE ({query})").fetchall()
    text = [row[0] for row in described if row[1] in _TEXT_TYPES]
    if not text:
        return query
    replaced = ", ".join(f"tada_text_cell({_ident(c)}) AS {_ident(c)}" for c in text)
    return f"SELECT * REPLACE ({replaced}) FROM ({query}) AS guarded"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
