"""Issue 16 item 7: the dashboard works under its Content-Security-Policy in Chromium, and
the policy is enforced (an injected inline script does not run)."""

from __future__ import annotations

import urllib.request

import pytest

from dashboard.app import create_app

pytestmark = pytest.mark.browser

PAGES = ["/", "/platform/facebook?lang=zh-Hant", "/trends", "/categories", "/downloads",
         "/methodology"]


@pytest.fixture
def served(dash_duo, benign_public):
    dash_duo.start_server(create_app(benign_public))
    return dash_duo


def test_pages_work_under_the_policy_and_inline_scripts_are_blocked(served):
    with urllib.request.urlopen(served.server_url + "/") as response:  # noqa: S310 - 127.0.0.1
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    for path in PAGES:
        served.driver.get(served.server_url + path)
        served.wait_for_element("#page-title", timeout=15)
        if path in ("/", "/trends"):
            served.wait_for_element(".chart .main-svg", timeout=15)  # Plotly drew its chart
        assert served.get_logs() == [], f"{path}: the browser reported errors"
    served.find_element("#lang-zh-Hant-HK").click()  # a client-side navigation still works
    served.wait_for_element("a#lang-en", timeout=10)
    assert served.get_logs() == []
    ran = served.driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__injected = 1';"
        "document.head.appendChild(s); return window.__injected === 1;")
    assert ran is False  # the policy is enforced, not merely sent
    logs = served.get_logs()
    assert any("Content Security Policy" in entry["message"] for entry in logs), logs
