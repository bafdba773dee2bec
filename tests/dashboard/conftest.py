"""Fixtures for the dashboard tests: a published database, an app, browser options."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("dashboard_public_fixture",
                                               Path(__file__).with_name("public_fixture.py"))
public_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(public_fixture)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def public_db(tmp_path_factory) -> Path:
    return public_fixture.build(tmp_path_factory.mktemp("public") / "public.duckdb")


@pytest.fixture(scope="session")
def fixture_module():
    return public_fixture


def pytest_setup_options():
    """Chromium options for dash_duo: headless as root in a container, no network chatter."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1000", "--lang=en-GB"):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def real_public_db(tmp_path_factory) -> Path:
    """A ``public.duckdb`` built by the toolkit itself from the sample case log."""
    score = pytest.importorskip("scoring.score")
    from core.paths import SAMPLE_CASE_LOG, DataDir
    from scoring.caselog.ingest import ingest

    data = DataDir(tmp_path_factory.mktemp("real-data"))
    ingest(SAMPLE_CASE_LOG, data, dt.date(2023, 4, 30))
    score.build(data)
    return data.public_db
