"""The dashboard shows when a page was captured (a mirror page's recording date), not when it
was replayed; a public database built before capture dates were kept still draws."""

from __future__ import annotations

import json
import shutil

import duckdb

from dashboard import router
from dashboard.db import PublicDB

VERSION = "20240301T090000Z-bbbbbbbbbbbb"


def _text(tree) -> str:
    return json.dumps(tree, default=lambda c: c.to_plotly_json()
                      if hasattr(c, "to_plotly_json") else str(c), ensure_ascii=False)


def _with_capture_dates(public_db, tmp_path):
    copy = tmp_path / "public.duckdb"
    shutil.copyfile(public_db, copy)
    with duckdb.connect(str(copy)) as con:
        for table in ("policy_elements", "form_audits", "policy_versions"):
            con.execute(f"ALTER TABLE {table} ADD COLUMN captured_at TIMESTAMP")
            con.execute(f"UPDATE {table} SET captured_at = TIMESTAMP '2019-07-15 00:00:00'")
    return copy


def test_platform_and_version_pages_show_the_capture_date(public_db, tmp_path):
    db = PublicDB(_with_capture_dates(public_db, tmp_path))
    platform = _text(router.render_page(db, "/platform/facebook", ""))
    assert "Jul 15, 2019" in platform
    assert "Mar 1, 2024" not in platform and "Jan 15, 2024" not in platform  # fetch dates
    version = _text(router.render_page(db, f"/platform/facebook/version/{VERSION}", ""))
    assert "Captured on" in version and "Jul 15, 2019" in version
    assert "Archived on" in version and "Mar 1, 2024" in version  # both, each named
    chinese = _text(router.render_page(db, f"/platform/facebook/version/{VERSION}",
                                       "?lang=zh-Hant"))
    assert "擷取日期" in chinese


def test_a_database_without_capture_dates_shows_the_fetch_date(public_db):
    text = _text(router.render_page(PublicDB(public_db), "/platform/facebook", ""))
    assert "Jul 15, 2019" not in text and "Mar 1, 2024" in text
