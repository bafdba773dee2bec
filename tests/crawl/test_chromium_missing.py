"""``--render-js`` without Chromium: a clear error naming what to install, never a traceback."""

from __future__ import annotations

import os

import pytest

from crawlers.browser import find_chromium

pytest.importorskip("scrapy_playwright")


@pytest.fixture
def no_chromium(tmp_path, monkeypatch):
    """No Chromium on PATH, none of Playwright's own, no TADA_CHROMIUM."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "no-browsers"))
    monkeypatch.delenv("TADA_CHROMIUM", raising=False)
    assert find_chromium() is None


@pytest.mark.parametrize(("lang", "words"), [("en", "needs Chromium"),
                                              ("zh-Hant", "需要 Chromium")])
def test_render_js_without_chromium_names_the_package(no_chromium, run_tada, data_dir, lang,
                                                      words):
    result = run_tada("crawl", "--render-js", "--platform", "x_twitter", lang=lang)
    assert result.exit_code == 2, result.output
    sudo = "" if os.geteuid() == 0 else "sudo "
    assert words in result.output and f"{sudo}apt-get install -y chromium" in result.output
    assert "Traceback" not in result.output
    assert not (data_dir.archive / "items.jsonl").exists()  # stopped before crawling


def test_a_configured_chromium_that_is_not_there_is_named(tmp_path, monkeypatch, run_tada):
    monkeypatch.setenv("TADA_CHROMIUM", str(tmp_path / "chrome"))
    result = run_tada("crawl", "--render-js", "--platform", "x_twitter")
    assert result.exit_code == 2
    assert f"({tmp_path / 'chrome'})" in result.output and "TADA_CHROMIUM" in result.output


def test_playwrights_own_chromium_is_found(tmp_path, monkeypatch):
    chrome = tmp_path / "browsers" / "chromium-1187" / "chrome-linux" / "chrome"
    chrome.parent.mkdir(parents=True)
    chrome.write_text("#!/bin/sh\n")
    chrome.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "browsers"))
    monkeypatch.delenv("TADA_CHROMIUM", raising=False)
    assert find_chromium() == str(chrome)
