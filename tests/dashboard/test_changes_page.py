"""The Changes page, element changes in a platform's history and on the diff page, and the
Atom feeds served with a discovery link on every page."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import feedparser
import pytest

from core.paths import DataDir
from crawlers.changes.feeds import write_feeds
from dashboard import router
from dashboard.app import create_app
from dashboard.db import PublicDB

_spec = importlib.util.spec_from_file_location(
    "changes_archive_fixture", Path(__file__).parents[1] / "changes" / "archive_fixture.py")
archive_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(archive_fixture)
SECOND = archive_fixture.SECOND
NAMES = {"facebook": ("Facebook", "Facebook（臉書）"), "lihkg": ("LIHKG", "連登")}


@pytest.fixture(scope="module")
def data_dir(public_db, tmp_path_factory) -> DataDir:
    """The published fixture with an archive of change records and their feeds beside it."""
    data = DataDir(tmp_path_factory.mktemp("changes-data"))
    shutil.copy(public_db, data.public_db)
    archive_fixture.write(data.archive)
    (data.archive / "versions").mkdir(exist_ok=True)
    write_feeds(data, "http://127.0.0.1:8050/", NAMES)
    return data


def _text(component) -> str:
    return json.dumps(component, default=lambda c: c.to_plotly_json()
                      if hasattr(c, "to_plotly_json") else str(c), ensure_ascii=False)


@pytest.mark.parametrize("lang,expected", [
    ("en", ["Policy changes", "Covers synthetic (deepfake) images: no → yes",
            "Stated response time: 48 hours → none", "Languages: Traditional Chinese removed",
            "deepfakes", "We reply within 48 hours."]),
    ("zh-Hant", ["政策改動", "涵蓋合成（深偽）影像：否 → 是", "承諾回應時間：48 小時 → 沒有",
                 "語言：移除繁體中文"]),
])
def test_changes_page_lists_element_changes_with_quotes(data_dir, lang, expected):
    page = _text(router.render_page(PublicDB(data_dir.public_db), "/changes", f"?lang={lang}"))
    for text in expected:
        assert text in page
    assert f"/platform/facebook/version/{SECOND}/diff" in page


def test_changes_page_filters_by_platform_and_element(data_dir):
    db = PublicDB(data_dir.public_db)
    only_lihkg = _text(router.render_body(db, "/changes", "?platform=lihkg"))
    assert "Traditional Chinese removed" in only_lihkg and "deepfake" not in only_lihkg
    one_element = _text(router.render_body(db, "/changes", "?element=covers_synthetic_media"))
    assert "deepfake" in one_element and "48 hours" not in one_element
    unknown = _text(router.render_page(db, "/changes", "?platform=nowhere"))
    assert "nowhere" in unknown  # ignored, and the page says so
    assert "1 change(s)" not in unknown


def test_changes_page_without_records_says_so(public_db):
    page = _text(router.render_page(PublicDB(public_db), "/changes", ""))
    assert "No change to a policy element has been recorded yet." in page


def test_history_and_diff_show_element_changes_above_the_raw_diff(data_dir):
    db = PublicDB(data_dir.public_db)
    platform = _text(router.render_page(db, "/platform/facebook", ""))
    assert platform.index("Covers synthetic (deepfake) images") < platform.index("diff-link")
    diff = _text(router.render_page(db, f"/platform/facebook/version/{SECOND}/diff", ""))
    assert diff.index("What changed for victims") < diff.index("diff-legend")


def test_feeds_are_served_and_every_page_links_to_them(data_dir):
    client = create_app(data_dir.public_db).server.test_client()
    for name, count in (("all", 3), ("facebook", 2), ("lihkg", 1)):
        response = client.get(f"/feeds/{name}.atom")
        assert response.status_code == 200
        assert response.mimetype == "application/atom+xml"
        parsed = feedparser.parse(response.data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == count
    (data_dir.root / "secret.atom").write_text("not a feed")
    for bad in ("/feeds/Nope!.atom", "/feeds/discord.atom"):
        assert client.get(bad).status_code == 404, bad  # invalid name, or no feed yet
    escape = client.get("/feeds/..%2Fsecret.atom")  # never a file outside feeds/
    assert escape.mimetype != "application/atom+xml"
    assert "not a feed" not in escape.get_data(as_text=True)
    for path in ("/", "/changes", "/platform/facebook?lang=zh-Hant"):
        page = client.get(path).get_data(as_text=True)
        assert 'rel="alternate" type="application/atom+xml"' in page
        assert 'href="/feeds/all.atom"' in page
    platform = client.get("/platform/facebook").get_data(as_text=True)
    assert 'href="/feeds/facebook.atom"' in platform


@pytest.mark.browser
@pytest.mark.parametrize("lang,title,entry", [
    ("en", "Policy changes", "Covers synthetic (deepfake) images: no → yes"),
    ("zh-Hant", "政策改動", "涵蓋合成（深偽）影像：否 → 是"),
])
def test_changes_page_in_the_browser(dash_duo, data_dir, lang, title, entry, screenshots_dir):
    dash_duo.start_server(create_app(data_dir.public_db))
    dash_duo.driver.get(f"{dash_duo.server_url}/changes?lang={lang}")
    dash_duo.wait_for_text_to_equal("#page-title", title, timeout=15)
    dash_duo.wait_for_contains_text("#changes", entry, timeout=10)
    assert len(dash_duo.find_elements("#changes > li")) == 3
    assert dash_duo.get_logs() == []
    dash_duo.driver.save_screenshot(str(screenshots_dir / f"changes-{lang}.png"))
    # filter by platform: the address and the list follow, the control keeps its place
    dash_duo.select_dcc_dropdown("#filter-platform .dash-dropdown",
                                 value="LIHKG" if lang == "en" else "連登")
    dash_duo.wait_for_contains_text("#changes", "繁體中文" if lang != "en" else
                                    "Traditional Chinese", timeout=10)
    assert "platform=lihkg" in dash_duo.driver.current_url
    assert len(dash_duo.find_elements("#changes > li")) == 1
    dash_duo.find_element("#changes .links a").click()
    dash_duo.wait_for_element("#page-title", timeout=10)
    assert f"/version/{SECOND}" in dash_duo.driver.current_url
