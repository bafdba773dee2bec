"""``data/metrics/*.csv``: every figure the report shows, as the public database holds them.

The public database is already suppressed; a hidden cell is written as ``suppressed`` (never
blank, never zero) so a reader can tell "hidden" from "not defined". Exact counts are written
only into a RESTRICTED pack. Text that a spreadsheet could run as a formula gets a leading
apostrophe (``core.cells``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from core.cells import csv_row, csv_text
from evidence.archive import iso_utc
from evidence.dsa import CSV_FILE as DSA_CSV
from evidence.dsa import csv_table
from evidence.public import PublicData, Row

SUPPRESSED = "suppressed"
EXACT_FILE = "exact_counts_RESTRICTED.csv"
EXACT_COLUMNS = ("slug", "cases", "items", "removed", "refused", "no_response", "pending")


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return iso_utc(value)
    if isinstance(value, list | tuple):
        return ";".join(_plain(v) for v in value)
    return str(value)


def _text(value: Any) -> str:
    # Text is never written as a live formula; numbers and dates cannot start like one.
    return csv_text(_plain(value)) if isinstance(value, str | list | tuple) else _plain(value)


def _write(path: Path, columns: list[str], rows: Iterable[Row],
           hidden: Callable[[Row, str], bool] = lambda _r, _c: False) -> None:
    # utf-8-sig so spreadsheet programs read the Chinese platform names correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write(csv_row(columns))
        for row in rows:
            fh.write(csv_row([SUPPRESSED if row.get(c) is None and hidden(row, c)
                              else _text(row.get(c)) for c in columns]))


def _hidden(public: PublicData, table: str, *key_columns: str) -> Callable[[Row, str], bool]:
    return lambda row, column: public.is_suppressed(
        table, tuple(str(row[k]) for k in key_columns), column)


def write_metrics(public: PublicData, out_dir: Path,
                  exact_counts: dict[str, Row] | None = None) -> list[Path]:
    """Write the metrics CSVs for the chosen platforms; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cols = public.columns
    tables: list[tuple[str, str, list[Row], Callable[[Row, str], bool]]] = [
        ("scorecard_platform.csv", "scorecard_platform", list(public.scorecard.values()),
         _hidden(public, "scorecard_platform", "slug")),
        ("scorecard_category.csv", "scorecard_category",
         list(public.category_scorecard.values()),
         _hidden(public, "scorecard_category", "category")),
        ("policy_elements.csv", "policy_elements",
         [r for rows in public.elements.values() for r in rows],
         _hidden(public, "policy_elements", "slug", "element")),
        ("form_audits.csv", "form_audits", [r for rows in public.forms.values() for r in rows],
         _hidden(public, "form_audits", "slug", "url")),
        ("cif_curve.csv", "cif_curve", [r for rows in public.cif.values() for r in rows],
         _hidden(public, "cif_curve", "group_key")),
        ("metrics_by_period.csv", "metrics_by_period",
         [r for rows in public.by_period.values() for r in rows],
         _hidden(public, "metrics_by_period", "group_key", "period")),
        ("metrics_by_channel.csv", "metrics_by_channel",
         [r for rows in public.by_channel.values() for r in rows],
         _hidden(public, "metrics_by_channel", "group_key", "channel")),
        ("suppressed_cells.csv", "suppressed_cells", public.relevant_suppressions(),
         lambda _r, _c: False),
    ]
    written = []
    for name, table, rows, hidden in tables:
        _write(out_dir / name, cols[table], rows, hidden)
        written.append(out_dir / name)
    if public.dsa is not None:  # public data about platforms, with provenance and attribution
        columns, rows = csv_table(public.dsa)
        _write(out_dir / DSA_CSV, columns, rows)
        written.append(out_dir / DSA_CSV)
    if exact_counts is not None:
        _write(out_dir / EXACT_FILE, list(EXACT_COLUMNS),
               [exact_counts[s] for s in public.slugs if s in exact_counts])
        written.append(out_dir / EXACT_FILE)
    return written
