"""Browser tests: the dashboard in headless Chromium (``pytest tests/dashboard --webdriver
Chrome --headless``). Screenshots of every page in both languages go to
``test-artifacts/screenshots/``."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "/",
    "platform": "/platform/facebook",
    "platform-insufficient": "/platform/discord",
    "platform-zh-policy": "/platform/lihkg",
    "version": "/platform/facebook/version/20240301T090000Z-bbbbbbbbbbbb",
    "diff": "/platform/facebook/version/20240301T090000Z-bbbbbbbbbbbb/diff",
    "categories": "/categories",
    "trends": "/trends",
    "methodology": "/methodology",
    "downloads": "/downloads",
    "changes": "/changes",
}
TITLES = {"en": "Which platforms take down NCII, and how fast?",
          "zh": "哪些平台會下架未經同意發布的私密影像？速度如何？"}


@pytest.fixture
def served(dash_duo, public_db):
    dash_duo.start_server(create_app(public_db))
    return dash_duo


def _open(duo, path: str) -> None:
    duo.driver.get(duo.server_url + path)
    duo.wait_for_element("#page-title", timeout=15)


def _wait(duo, condition, timeout: float = 10):
    return WebDriverWait(duo.driver, timeout).until(lambda _d: condition())


def _screenshot(duo, directory, name: str, width: int = 1280) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    height = duo.driver.execute_script("return document.body.scrollHeight")
    duo.driver.set_window_size(width, min(max(int(height) + 120, 800), 6000))
    duo.wait_for_element("#page-title")
    duo.driver.save_screenshot(str(directory / f"{name}.png"))
    duo.driver.set_window_size(1280, 1000)


def _ranking_names(duo) -> list[str]:
    # read in one script call: the table may be redrawn between separate element reads
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('table.ranking tbody tr .platform-link'))"
        ".map(e => e.textContent)")


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_every_page_loads_without_console_errors(served, lang, screenshots_dir):
    for name, path in PAGES.items():
        _open(served, f"{path}?lang={lang}")
        if name in {"overview", "platform", "categories", "trends"}:
            served.wait_for_element(".chart .main-svg", timeout=15)  # charts drawn
        assert served.find_element("#page-title").text
        assert served.find_elements("#banner-synthetic"), name
        assert served.get_logs() == [], f"{name} ({lang}) logged browser errors"
        _screenshot(served, screenshots_dir, f"{name}-{lang}")


def test_language_switch_changes_page_and_url(served):
    _open(served, "/")
    assert served.find_element("#page-title").text == TITLES["en"]
    assert served.find_element("#lang-en").get_attribute("aria-current") == "true"
    served.find_element("#lang-zh-Hant-HK").click()
    served.wait_for_text_to_equal("#page-title", TITLES["zh"])
    assert "lang=zh-Hant" in served.driver.current_url
    assert served.driver.execute_script("return document.documentElement.lang") == "zh-Hant-HK"
    assert served.find_element("#nav-categories").text.startswith("平台類別")
    assert "數據不足" in served.find_element("table.ranking").text  # insufficient data
    # the link keeps the language: following a platform opens it in Chinese
    served.find_element("table.ranking .platform-link").click()
    served.wait_for_contains_text("#main", "政策的承諾")
    assert "lang=zh-Hant" in served.driver.current_url
    served.find_element("#lang-en").click()
    served.wait_for_contains_text("#main", "What the policies promise")
    assert "lang=" not in served.driver.current_url
    assert served.get_logs() == []


def test_category_filter_changes_ranking(served):
    _open(served, "/")
    before = _ranking_names(served)
    assert "Google Search" in before and "Pornhub" in before
    served.select_dcc_dropdown("#filter-category .dash-dropdown", value="Social media")
    _wait(served, lambda: _ranking_names(served) != before)
    after = _ranking_names(served)
    assert set(after) == {"Facebook", "Instagram", "Telegram", "LIHKG", "Discord"}
    assert after[-1] == "Discord"  # insufficient data ranks last, never as a zero
    assert "category=social_media" in served.driver.current_url
    assert served.get_logs() == []


def test_sorting_by_a_column_reorders(served):
    _open(served, "/?category=social_media")
    served.find_element("table.ranking thead th:nth-child(8) a").click()  # median response
    _wait(served, lambda: "sort=median_first_response_hours" in served.driver.current_url)
    _wait(served, lambda: _ranking_names(served)[:1] == ["Facebook"])
    assert _ranking_names(served)[-1] == "Discord"  # suppressed stays last either way


def test_platform_page_shows_quoted_evidence(served, fixture_module):
    _open(served, "/platform/facebook")
    served.wait_for_element("blockquote.quote")
    quotes = [q.text for q in served.driver.find_elements(By.CSS_SELECTOR, "blockquote.quote")]
    assert fixture_module.QUOTES["ncii_prohibition"] in quotes
    assert served.find_element("#timeline").text.count("Terms of service") == 2
    served.find_element("#timeline .diff-link").click()
    served.wait_for_element("#diff .diff-add")
    assert "without their consent" in served.find_element("#diff").text
    assert served.get_logs() == []


def test_unknown_slug_shows_not_found(served):
    _open(served, "/platform/no_such_platform")
    assert "no_such_platform" in served.find_element("#not-found").text
    _open(served, "/platform/%3Cscript%3E?lang=zh-Hant")
    assert served.find_element("#page-title").text == "找不到"
    assert served.get_logs() == []


def test_bad_parameters_are_ignored_with_a_message(served):
    _open(served, "/?lang=xx&period=2099-Q9&category=nope&sort=evil")
    assert served.find_element("#page-title").text == TITLES["en"]
    text = served.find_element("#main").text + served.find_element("#notices").text
    assert "2099-Q9" in text and "category=nope" in text
    assert len(_ranking_names(served)) == 11


def test_keyboard_reaches_navigation_and_skip_link(served):
    _open(served, "/")
    body = served.find_element("body")
    body.send_keys(Keys.TAB)
    active = served.driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    labels = []
    for _ in range(8):
        active.send_keys(Keys.TAB)
        active = served.driver.switch_to.active_element
        labels.append(active.text)
    assert "Overview" in " ".join(labels) and "繁體中文" in " ".join(labels)


def test_missing_database_page_says_how_to_build_it(dash_duo, tmp_path):
    dash_duo.start_server(create_app(tmp_path / "public.duckdb"))
    dash_duo.wait_for_element("#page-title", timeout=15)
    assert "tada demo" in dash_duo.find_element("#main").text
    assert "tada score" in dash_duo.find_element("#main").text
    assert dash_duo.get_logs() == []


def test_phone_width_renders(served, screenshots_dir):
    served.driver.set_window_size(390, 844)
    _open(served, "/platform/facebook?lang=zh-Hant")
    served.wait_for_element(".chart .main-svg")
    served.driver.save_screenshot(str(screenshots_dir / "platform-phone-zh-Hant.png"))
    width = served.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400  # nothing forces sideways scrolling of the page


def test_database_built_by_the_toolkit(dash_duo, real_public_db, screenshots_dir):
    dash_duo.start_server(create_app(real_public_db))
    for name, path in (("real-overview-en", "/"), ("real-platform-zh-Hant",
                                                    "/platform/telegram?lang=zh-Hant"),
                       ("real-categories-en", "/categories"), ("real-trends-zh-Hant",
                                                                 "/trends?lang=zh-Hant")):
        _open(dash_duo, path)
        dash_duo.wait_for_element(".chart .main-svg", timeout=15)
        assert dash_duo.get_logs() == [], name
        _screenshot(dash_duo, screenshots_dir, name)
    _open(dash_duo, "/")
    assert "insufficient data" in dash_duo.find_element("table.ranking").text
