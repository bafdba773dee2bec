"""The EU DSA Transparency Database's figures on the dashboard, drawn in-process in both
languages from a public.duckdb the toolkit built from synthetic TDB days; and the pages of a
database from before the DSA tables."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from dash import html

from core.public_schema import DSA_TABLES
from dashboard import router
from dashboard.db import PublicDB

_spec = importlib.util.spec_from_file_location(
    "dsa_public_fixture", Path(__file__).resolve().parents[1] / "dsa_public_fixture.py")
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)

pytestmark = pytest.mark.slow  # builds a data directory with the real pipeline


def text_of(component) -> str:
    return json.dumps(component, default=lambda c: c.to_plotly_json()
                      if hasattr(c, "to_plotly_json") else str(c), ensure_ascii=False)


def find(component, predicate) -> list:
    if isinstance(component, list | tuple):
        return [f for c in component for f in find(c, predicate)]
    if component is None or isinstance(component, str | int | float):
        return []
    return ([component] if predicate(component) else []) + \
        find(getattr(component, "children", None), predicate)


def by_id(tree, wanted: str):
    found = find(tree, lambda c: getattr(c, "id", None) == wanted)
    return found[0] if found else None


@pytest.fixture(scope="module")
def dsa_db(tmp_path_factory) -> Path:
    return fixture.build_data_dir(tmp_path_factory.mktemp("dsa-dash")).public_db


def _public(path: Path, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(("search", "title", "populations", "set_name"), [
    ("", "What the platform reports to the EU", "Different populations", "NCII (specific)"),
    ("?lang=zh-Hant", "平台向歐盟申報的資料", "不同群體", "NCII（特定）"),
])
def test_platform_section_in_both_languages(dsa_db, search, title, populations, set_name):
    tree = router.render_page(PublicDB(dsa_db), "/platform/facebook", search)
    section = by_id(tree, "dsa-section")
    assert section is not None
    text = text_of(section)
    assert title in text and populations in text and set_name in text
    # the quarter both sources have (2023-Q1) is shown side by side with the NGO's figures
    assert by_id(section, "dsa-side-by-side") is not None
    # attribution with licence and DOI; the synthetic days said to be synthetic
    attribution = text_of(by_id(section, "dsa-attribution"))
    assert "CC BY 4.0" in attribution and "doi:10.2906/134353607485211" in attribution
    assert by_id(section, "dsa-synthetic") is not None
    assert by_id(tree, "banner-dsa-synthetic") is not None
    # the notices that apply, one marked beside the delay figures it is about
    assert by_id(section, "dsa-notice-content_date_claimed") is not None
    assert by_id(section, "dsa-notice-self_reported") is not None
    assert by_id(section, "dsa-notice-schema_v2") is None  # 2023-Q1 is before schema v2
    figures = find(section, lambda c: "dsa-figures" in str(getattr(c, "className", "")))
    assert figures and "#dsa-notice-content_date_claimed" in text_of(figures[0])
    # the chart comes with its table
    chart = by_id(section, "dsa-chart")
    assert find(chart, lambda c: isinstance(c, html.Table))


def test_figures_are_those_published(dsa_db):
    (ncii, removed), = _public(dsa_db, "SELECT ncii, removed FROM dsa_figures WHERE slug = "
                                       "'facebook' AND period = '2023-Q1' AND ncii_set = 'broad'")
    tree = router.render_page(PublicDB(dsa_db), "/platform/facebook", "")
    side = by_id(tree, "dsa-side-by-side")
    rows = find(side, lambda c: isinstance(c, html.Tr))
    cells = [text_of(c) for c in rows[1].children]  # how many: specific, broad, NGO
    assert f'"{ncii:,}"' in cells[2]
    share = f"{removed / ncii:.1%}"
    assert share in text_of(rows[2])


def test_platform_without_dsa_data_says_so(dsa_db):
    for lang, words in (("", "No DSA data for this platform"), ("?lang=zh-Hant", "此平台沒有")):
        tree = router.render_page(PublicDB(dsa_db), "/platform/lihkg", lang)
        assert by_id(tree, "dsa-section") is None
        assert words in text_of(by_id(tree, "dsa-none"))


def test_unmapped_names_are_not_platforms(dsa_db):
    unmapped = [r[0] for r in _public(
        dsa_db, "SELECT DISTINCT platform FROM dsa_figures WHERE slug IS NULL")]
    assert "AliExpress" in unmapped
    tree = router.render_page(PublicDB(dsa_db), "/", "")
    assert "AliExpress" not in text_of(find(tree, lambda c: "ranking" in
                                            str(getattr(c, "className", ""))))
    missing = router.render_page(PublicDB(dsa_db), "/platform/AliExpress", "")
    assert by_id(missing, "dsa-section") is None


def _ranking(tree) -> list[list[str]]:
    table = find(tree, lambda c: "ranking" in str(getattr(c, "className", "")))[0]
    rows = find(table, lambda c: isinstance(c, html.Tr))[1:]
    return [[cell.children if isinstance(cell.children, str) else text_of(cell.children)
             for cell in row.children] for row in rows]


@pytest.mark.parametrize("search", ["", "?lang=zh-Hant"])
def test_overview_column_sorts_and_explains(dsa_db, search):
    (per_day,), = _public(dsa_db, "SELECT sum(ncii) / sum(days) FROM dsa_figures WHERE "
                                  "slug = 'facebook' AND period_type = 'month' AND "
                                  "ncii_set = 'specific'")
    sep = "&" if search else "?"
    tree = router.render_page(PublicDB(dsa_db), "/", f"{search}{sep}sort=dsa_ncii_per_day"
                                                      "&dir=desc")
    rows = _ranking(tree)
    column = 9  # after items reported
    values = [r[column] for r in rows]
    shown = [float(v.replace(",", "")) for v in values if v[:1].isdigit()]
    assert shown == sorted(shown, reverse=True) and len(shown) >= 4
    assert any("/platform/facebook" in r[1] and r[column] == f"{per_day:.1f}" for r in rows)
    # platforms without DSA data come last, shown as not available
    assert not any(v[:1].isdigit() for v in values[len(shown):])
    note = text_of(by_id(tree, "dsa-column-note"))
    assert ("NCII keyword" in note) if not search else ("NCII 關鍵字" in note)
    header = find(tree, lambda c: getattr(c, "className", None) == "sort-link"
                  and "sort=dsa_ncii_per_day" in str(getattr(c, "href", "")))[0]
    assert header.title.count(".") >= 1 and len(header.title) > 60


def test_overview_quarter_filter_uses_that_quarter(dsa_db):
    tree = router.render_page(PublicDB(dsa_db), "/", "?period=2023-Q1")
    (value,), = _public(dsa_db, "SELECT ncii / days FROM dsa_figures WHERE slug = 'facebook' "
                                "AND period = '2023-Q1' AND ncii_set = 'specific'")
    facebook = [r for r in _ranking(tree) if "/platform/facebook" in r[1]][0]
    assert facebook[9] == f"{value:.1f}"


def test_a_database_from_before_the_dsa_tables(dsa_db, tmp_path):
    older = tmp_path / "public.duckdb"
    shutil.copyfile(dsa_db, older)
    con = duckdb.connect(str(older))
    for table in DSA_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.close()
    db = PublicDB(older)
    for search in ("", "?lang=zh-Hant"):
        platform = router.render_page(db, "/platform/facebook", search)
        assert by_id(platform, "page-title") is not None
        assert by_id(platform, "dsa-none") is not None and by_id(platform, "dsa-section") is None
        overview = router.render_page(db, "/", search + ("&" if search else "?") +
                                      "sort=dsa_ncii_per_day")
        assert by_id(overview, "page-title") is not None
        assert by_id(overview, "banner-dsa-synthetic") is None
        downloads = router.render_page(db, "/downloads", search)
        assert "dsa_figures" not in text_of(downloads)
