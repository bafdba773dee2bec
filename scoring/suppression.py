"""Small-cell suppression of everything ``public.duckdb`` publishes.

Primary suppression hides counts of people below ``min_people``, counts of items below
``min_items`` and, by the contributor rule, items from fewer than ``min_cases_per_cell``
distinct cases; secondary suppression then hides further cells until no additive group (members
adding up to a published total) has exactly one hidden cell, so subtraction recovers nothing.
The rules are SQL (``scoring/sql/suppression/``); this module runs them to a fixed point.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from scoring.warehouse import run_sql_file, sql_text


@dataclass(frozen=True)
class SuppressionSummary:
    cells: int
    primary: int
    secondary: int
    rounds: int
    contributors: int = 0


def _hidden(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM sup_state WHERE reason IS NOT NULL").fetchone()[0]


def apply(con: duckdb.DuckDBPyConnection) -> SuppressionSummary:
    """Decide the hidden cells of the metrics in ``con`` (tables cell_hidden, people_hidden)."""
    run_sql_file(con, "suppression/10_cells.sql")
    run_sql_file(con, "suppression/20_primary.sql")
    step = sql_text("suppression/30_secondary_step.sql")
    cells = con.execute("SELECT count(*) FROM sup_state").fetchone()[0]
    rounds, hidden = 0, _hidden(con)
    # Each round hides at least one more cell or stops, so this ends within `cells` rounds.
    while rounds <= cells:
        rounds += 1
        con.execute(step)
        now = _hidden(con)
        if now == hidden:
            break
        hidden = now
    run_sql_file(con, "suppression/40_hidden.sql")
    primary, secondary, contributors = con.execute(
        "SELECT count(*) FILTER (WHERE reason = 'primary'), "
        "count(*) FILTER (WHERE reason = 'secondary'), "
        "count(*) FILTER (WHERE reason = 'contributors') FROM sup_state").fetchone()
    return SuppressionSummary(cells=cells, primary=primary, secondary=secondary, rounds=rounds,
                              contributors=contributors)
