"""The XLSX workbook of a scorecard export: a readable sheet per table and the methodology."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.cells import xlsx_value
from core.i18n import t
from core.public_schema import ROW_KEYS, row_key

_PERCENT = ("rate", "_ci_low", "_ci_high", "share", "cif")
_MAX_WIDTH = 60


def _number_format(column: str) -> str | None:
    if column.startswith("median_") or column.endswith("_hours") or column == "t_hours":
        return "0.0"
    if column.endswith("_score"):
        return "0.0"
    if any(part in column for part in _PERCENT):
        return "0.0%"
    return None


def _hidden_cells(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str]]:
    rows = con.execute("SELECT table_name, row_key, column_name FROM suppressed_cells").fetchall()
    return set(rows)


def _add_sheet(wb: Workbook, con: duckdb.DuckDBPyConnection, table: str, query: str,
               hidden: set[tuple[str, str, str]], label: str) -> None:
    ws = wb.create_sheet(title=table[:31])
    cursor = con.execute(query)
    columns = [d[0] for d in cursor.description]
    ws.append([xlsx_value(ws, c) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    keys = ROW_KEYS.get(table)
    widths = [len(c) for c in columns]
    for row in cursor.fetchall():
        values = list(row)
        if keys:
            key = row_key(table, dict(zip(columns, values, strict=True)))
            values = [label if (table, key, col) in hidden else v
                      for col, v in zip(columns, values, strict=True)]
        ws.append([xlsx_value(ws, v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v)
                   for v in values])
        for i, v in enumerate(values):
            widths[i] = max(widths[i], min(len(str(v)) if v is not None else 0, _MAX_WIDTH))
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = widths[i - 1] + 2
        fmt = _number_format(column)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                if isinstance(cell.value, float):
                    cell.number_format = fmt
        if column.endswith("quote") or column in ("markdown", "diff"):
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(con: duckdb.DuckDBPyConnection, path: Path, queries: dict[str, str],
                   methodology_text: str, lang: str | None = None) -> None:
    wb = Workbook()
    about = wb.active
    about.title = "methodology"
    about.append([xlsx_value(about, t("core.export.methodology_sheet", lang))])
    about["A1"].font = Font(bold=True, size=14)
    about.append([xlsx_value(about, t("core.export.suppressed_note", lang))])
    about.append([xlsx_value(about, t("core.export.text_cells_note", lang))])
    about.append([])
    for line in methodology_text.splitlines():
        about.append([xlsx_value(about, line)])
    about.column_dimensions["A"].width = 100
    hidden = _hidden_cells(con)
    label = t("core.export.suppressed", lang)
    for table, query in queries.items():
        _add_sheet(wb, con, table, query, hidden, label)
    wb.save(path)
