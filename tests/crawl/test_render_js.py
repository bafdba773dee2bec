"""``--render-js``: a JavaScript-only page is read through headless Chromium."""

from __future__ import annotations

import json
import shutil

import pytest

from core.paths import DataDir
from crawlers.run import run_crawl

pytest.importorskip("scrapy_playwright")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="needs a system Chromium")]


def test_render_js_reads_an_application_shell(fault_server, kit, tmp_path):
    docs = {"js_app": {"terms_of_service": [
        {"url": fault_server + "/app-rendered", "lang": "en", "needs_js": True}]}}
    platforms = kit.write_platforms(tmp_path / "platforms", docs)
    data_dir = DataDir(tmp_path / "var")
    plain = run_crawl(data_dir, live=True, platforms_dir=platforms, settings=kit.settings)
    assert plain.records[0]["outcome"] == "needs_js"
    settings = {**kit.settings, "DOWNLOAD_TIMEOUT": 20, "TADA_CHROMIUM": CHROMIUM}
    rendered = run_crawl(data_dir, live=True, render_js=True, platforms_dir=platforms,
                         settings=settings)
    record = rendered.records[0]
    assert record["outcome"] == "ok", record["detail"]
    version = next((data_dir.archive / "versions" / "js_app").rglob("*.md")).read_text()
    assert "intimate images shared without consent" in version


def test_render_js_offline_renders_mirror_pages(tmp_path):
    data_dir = DataDir(tmp_path / "var")
    summary = run_crawl(data_dir, platforms=["x_twitter"], render_js=True,
                        settings={"TADA_CHROMIUM": CHROMIUM})
    form = next(r for r in summary.records if r["document_type"] == "reporting_form")
    assert form["outcome"] == "ok", form["detail"]
    folder = data_dir.archive / "versions" / "x_twitter" / "reporting_form.en"
    audit = json.loads(next(folder.glob("*.features.json")).read_text())
    assert audit["form_present"] and audit["ncii_option"] and audit["fields"]["url"]
