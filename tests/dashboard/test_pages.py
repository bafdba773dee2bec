"""Every page drawn in-process from the fixture and from a database the toolkit built."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pytest
from dash import html
from plotly.io import to_json

from core import methodology
from dashboard import router
from dashboard.db import PublicDB, Status

VERSION = "20240301T090000Z-bbbbbbbbbbbb"
PATHS = ["/", "/categories", "/trends", "/methodology", "/downloads", "/platform/facebook",
         "/platform/discord", "/platform/lihkg", f"/platform/facebook/version/{VERSION}",
         f"/platform/facebook/version/{VERSION}/diff"]


def text_of(component) -> str:
    """All visible text of a component tree (figures included, as JSON)."""
    return json.dumps(component, default=lambda c: c.to_plotly_json()
                      if hasattr(c, "to_plotly_json") else str(c), ensure_ascii=False)


def find(component, predicate) -> list:
    found = []
    if isinstance(component, list | tuple):
        for c in component:
            found += find(c, predicate)
        return found
    if component is None or isinstance(component, str | int | float):
        return found
    if predicate(component):
        found.append(component)
    return found + find(getattr(component, "children", None), predicate)


def ranking_rows(tree) -> list:
    table = find(tree, lambda c: "ranking" in str(getattr(c, "className", "")))[0]
    return find(table, lambda c: isinstance(c, html.Tr))


def ids(tree) -> set[str]:
    return {c.id for c in find(tree, lambda c: isinstance(getattr(c, "id", None), str))}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("search", ["", "?lang=zh-Hant"])
def test_every_page_draws(public_db, path, search):
    tree = router.render_page(PublicDB(public_db), path, search)
    found = ids(tree)
    assert "page-title" in found and "not-found" not in found, path
    assert "banner-synthetic" in found and "banner-mirror" in found


def test_chinese_page_has_no_english_labels(public_db):
    text = text_of(router.render_page(PublicDB(public_db), "/", "?lang=zh-Hant"))
    for english in ("Overall score", "Removal rate", "insufficient data", "suppressed",
                    "Sort by", "Share removed"):
        assert english not in text
    assert "數據不足" in text and "已隱藏" in text and "臉書" in text


def test_insufficient_and_suppressed_are_shown_as_such(public_db):
    tree = router.render_page(PublicDB(public_db), "/", "?category=social_media")
    rows = ranking_rows(tree)
    discord = next(text_of(r) for r in rows if "Discord" in text_of(r))
    assert "insufficient data" in discord and "suppressed" in discord
    lihkg = next(text_of(r) for r in rows if "LIHKG" in text_of(r))
    assert "suppressed" in lihkg  # its 48 h figure is a secondary suppression
    chart = find(tree, lambda c: getattr(c, "id", None) == "removal-chart")[0]
    graph = find(chart, lambda c: getattr(c, "figure", None) is not None)[0]
    assert "Discord" not in graph.figure["data"][0]["y"]
    assert "Not drawn (no published figure): Discord" in text_of(chart)


def test_period_filter_uses_quarter_figures(public_db):
    tree = router.render_page(PublicDB(public_db), "/", "?period=2021-Q2&category=social_media")
    text = text_of(tree)
    assert "Removal figures are for Q2 2021" in text
    telegram = next(text_of(r) for r in ranking_rows(tree) if "Telegram" in text_of(r))
    assert "suppressed" in telegram  # fewer than 5 items that quarter


@pytest.mark.parametrize("search, fragment", [
    ("?period=2099-Q1", "no published figures for the period 2099-Q1"),
    ("?period=DROP TABLE meta", "DROP TABLE meta"),
    ("?category=nope", "category=nope"),
    ("?sort=slug;--", "sort=slug;--"),
    ("?lang=klingon", "Unknown language klingon"),
])
def test_bad_parameters_are_ignored_with_a_message(public_db, search, fragment):
    tree = router.render_page(PublicDB(public_db), "/", search)
    assert fragment in text_of(tree)
    assert len(find(tree, lambda c: getattr(c, "className", None) == "platform-link")) == 11


@pytest.mark.parametrize("path", [
    "/platform/nope", "/platform/Facebook", "/platform/x'%20OR%201=1", "/platform/facebook/x",
    f"/platform/nope/version/{VERSION}", "/platform/facebook/version/20990101T000000Z-abcdef",
    "/platform/facebook/version/20240115T080000Z-aaaaaaaaaaaa/diff", "/admin", "/platform/",
])
def test_unknown_addresses_get_the_not_found_page(public_db, path):
    tree = router.render_page(PublicDB(public_db), path, "?lang=zh-Hant")
    assert "not-found" in ids(tree)
    assert "找不到" in text_of(tree)


def test_sort_links_toggle_and_keep_filters(public_db):
    tree = router.render_page(PublicDB(public_db), "/", "?lang=zh-Hant&category=social_media")
    links = [c.href for c in find(tree, lambda c: getattr(c, "className", None) == "sort-link")]
    assert "/?lang=zh-Hant&category=social_media&sort=rank&dir=desc" in links
    assert "/?lang=zh-Hant&category=social_media&sort=removal_rate&dir=desc" in links


def test_cif_chart_has_platform_and_category_curves(public_db):
    tree = router.render_page(PublicDB(public_db), "/platform/facebook", "")
    graph = find(tree, lambda c: getattr(c, "figure", None) is not None)[0]
    names = {t.get("name") for t in graph.figure["data"] if t.get("showlegend", True)}
    assert names == {"Facebook", "Social media"}
    to_json(graph.figure)  # a valid plotly figure


def test_methodology_page_reads_the_file(public_db):
    text = text_of(router.render_page(PublicDB(public_db), "/methodology", ""))
    for expected in ("Policy counts for 40%", "Explicit NCII prohibition", "Grade A",
                     "at least 20 reported items", "below 10", "below 5",
                     "Every interval is a 95% confidence interval", "future_setting",
                     "Synthetic images element added"):
        assert expected in text, expected


def test_missing_and_empty_databases_say_how_to_build(tmp_path):
    db = PublicDB(tmp_path / "public.duckdb")
    assert db.status() is Status.MISSING
    assert "tada demo" in text_of(router.render_page(db, "/platform/facebook", ""))
    db.path.write_bytes(b"")
    assert db.status() is Status.EMPTY
    duckdb.connect(str(db.path.with_name("other.duckdb"))).close()
    empty = PublicDB(db.path.with_name("other.duckdb"))
    assert empty.status() is Status.EMPTY
    assert "holds no scorecard" in text_of(router.render_page(empty, "/", ""))
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database" * 100)
    assert PublicDB(garbage).status() is Status.UNREADABLE
    assert "could not be drawn" in text_of(router.render_page(PublicDB(garbage), "/", ""))


def test_pages_never_write_to_the_database(public_db):
    before = hashlib.sha256(public_db.read_bytes()).hexdigest()
    for path in PATHS:
        router.render_page(PublicDB(public_db), path, "?lang=zh-Hant")
    assert hashlib.sha256(public_db.read_bytes()).hexdigest() == before


def test_filter_callback_merges_into_the_query_string():
    assert router.merged_search("?lang=zh-Hant&sort=items", {"category": "social_media"}) == \
        "?lang=zh-Hant&sort=items&category=social_media"
    assert router.merged_search("?category=social_media", {"category": "all"}) == ""


def test_body_redraw_only_for_filter_pages(public_db):
    db = PublicDB(public_db)
    assert router.render_body(db, "/methodology", "") == []
    body = router.render_body(db, "/", "?category=search_engine")
    assert "Google Search" in text_of(body) and "Facebook" not in text_of(body)


def test_real_database_draws_every_platform(real_public_db):
    db = PublicDB(real_public_db)
    con = duckdb.connect(str(real_public_db), read_only=True)
    slugs = [r[0] for r in con.execute("SELECT slug FROM platforms").fetchall()]
    con.close()
    for path in ["/", "/categories", "/trends", "/methodology", "/downloads"] + \
            [f"/platform/{s}" for s in slugs]:
        for search in ("", "?lang=zh-Hant"):
            found = ids(router.render_page(db, path, search))
            assert "page-title" in found and "not-found" not in found, (path, search)
    text = text_of(router.render_page(db, "/", ""))
    version = methodology.load(methodology.DEFAULT_PATH).version
    assert "insufficient data" in text and version in text
