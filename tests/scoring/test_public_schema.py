"""The SQL that builds and reads ``public.duckdb`` agrees with the one declaration of its schema
(``core.public_schema``): element lists, published tables and suppressed-cell row keys."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from core.public_schema import ELEMENTS, ROW_KEYS, TABLES, row_key, row_key_parts
from core.vocabulary import POLICY_FEATURES

ROOT = Path(__file__).resolve().parents[2]


def _sql(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def test_scorecard_columns_are_the_declared_elements():
    sql = _sql("scoring/sql/public/20_scorecards.sql")
    assert re.findall(r"e\.element = '(\w+)'", sql) == list(ELEMENTS)


def test_researchers_scorecard_pivots_the_declared_elements():
    sql = _sql("core/export/sql/scorecard_platform.sql")
    listed = re.search(r"ON element IN \(([^)]*)\)", sql).group(1)
    assert re.findall(r"'(\w+)'", listed) == list(ELEMENTS)


def test_policy_rules_name_declared_elements_and_features():
    sql = _sql("scoring/sql/models/30_policy_candidates.sql")
    rules = re.findall(r"\('(\w+)',\s*'(\w+)',\s*'(good|bad)'\)", sql)
    assert rules, "the element_flag_rules table was not found"
    assert {element for element, _, _ in rules} <= set(ELEMENTS)
    assert {feature for _, feature, _ in rules} <= set(POLICY_FEATURES)


def test_every_suppressed_cell_names_a_published_row(scored_sample):
    con = duckdb.connect(str(scored_sample.public_db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert set(TABLES) <= tables
        cells = con.execute("SELECT DISTINCT table_name, row_key FROM suppressed_cells")
        listed = cells.fetchall()
        assert listed, "the sample should have suppressed cells"
        for table, key in listed:
            assert table in ROW_KEYS, table
            columns = ROW_KEYS[table]
            assert len(row_key_parts(key)) == len(columns), (table, key)
            rows = con.execute(f"SELECT DISTINCT {', '.join(columns)} FROM {table}")
            names = [d[0] for d in rows.description]
            published = {row_key(table, dict(zip(names, r, strict=True)))
                         for r in rows.fetchall()}
            if table == "cif_curve":  # a hidden curve is left out whole
                assert key not in published, (table, key)
            else:
                assert key in published, (table, key)
    finally:
        con.close()
