"""Browser test: the platform page's DSA section renders in headless Chromium, in both
languages, with its chart, the chart's table behind its toggle, and the attribution."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from dashboard.app import create_app

_spec = importlib.util.spec_from_file_location(
    "dsa_public_fixture", Path(__file__).resolve().parents[1] / "dsa_public_fixture.py")
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def dsa_db(tmp_path_factory) -> Path:
    return fixture.build_data_dir(tmp_path_factory.mktemp("dsa-browser")).public_db


@pytest.mark.parametrize(("search", "title"), [
    ("", "What the platform reports to the EU"),
    ("?lang=zh-Hant", "平台向歐盟申報的資料"),
])
def test_dsa_section_renders(dash_duo, dsa_db, search, title):
    dash_duo.start_server(create_app(dsa_db))
    dash_duo.driver.get(dash_duo.server_url + "/platform/facebook" + search)
    section = dash_duo.wait_for_element("#dsa-section", timeout=20)
    assert title in dash_duo.find_element("#dsa").text
    assert "doi:10.2906/134353607485211" in dash_duo.find_element("#dsa-attribution").text
    assert dash_duo.find_element("#banner-dsa-synthetic").is_displayed()
    dash_duo.wait_for_element("#dsa-chart .js-plotly-plot", timeout=20)
    table = section.find_element(By.CSS_SELECTOR, "#dsa-chart details table")
    assert not table.is_displayed()
    section.find_element(By.CSS_SELECTOR, "#dsa-chart details summary").click()
    assert table.is_displayed() and "2023-03" in table.text
    assert section.find_element(By.CSS_SELECTOR, "table.dsa-figures").is_displayed()
    assert dash_duo.get_logs() in ([], None)
