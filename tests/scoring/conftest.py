"""Fixtures for the scoring tests (helpers in helpers.py, importable as
``scoring_test_helpers``)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import scoring_test_helpers as h  # registered by tests/conftest.py

from core import methodology
from core.paths import SAMPLE_CASE_LOG, DataDir
from scoring.caselog.ingest import ingest
from scoring.score import build, compute

Doc, Item, form, policy = h.Doc, h.Item, h.form, h.policy


@pytest.fixture
def computed() -> Callable[..., duckdb.DuckDBPyConnection]:
    """Run the models on ``items``; the connection keeps every intermediate table."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def run(items: list[Item], path: Path | None = None) -> duckdb.DuckDBPyConnection:
        con = h.warehouse_connection(items)
        opened.append(con)
        compute(con, methodology.load(path or methodology.DEFAULT_PATH))
        return con

    yield run
    for con in opened:
        con.close()


@pytest.fixture(scope="session")
def sample_crawl_docs() -> list[Doc]:
    """A small crawl of three platforms: enough to grade, and to test the element rules."""
    return [
        Doc("facebook", "terms_of_service", "en", "2023-01-10T08:00:00Z",
            policy(prohibits_ncii="partial", quotes={"prohibits_ncii": "No nudity."})),
        Doc("facebook", "terms_of_service", "en", "2023-03-02T08:00:00Z",
            policy(prohibits_ncii="yes", hash_matching="yes", stated_response_time_hours=48,
                   quotes={"prohibits_ncii": "Do not share intimate images without consent.",
                           "hash_matching": "We use StopNCII hashes.",
                           "stated_response_time_hours": "We review reports within 48 hours."
                           })),
        Doc("facebook", "ncii_policy", "zh-Hant", "2023-01-10T08:00:00Z",
            policy(third_party_reporting="yes", covers_synthetic_media="yes",
                   languages=["zh-Hant"], notice_of_outcome="yes", appeal="no",
                   quotes={"third_party_reporting": "受信任的非政府組織可代為舉報。"})),
        Doc("facebook", "reporting_form", "en", "2023-01-10T08:00:00Z", form()),
        Doc("pornhub", "ncii_policy", "en", "2023-01-10T08:00:00Z",
            policy(prohibits_ncii="yes", ncii_reporting_channel="yes",
                   account_required_to_report="no", stated_response_time_hours=120,
                   quotes={"account_required_to_report": "No account is needed."})),
        Doc("pornhub", "reporting_form", "en", "2023-01-10T08:00:00Z",
            form(ncii_option=False, account_required=True)),
        Doc("telegram", "terms_of_service", "en", "2023-01-10T08:00:00Z",
            policy(prohibits_ncii="no"), source="mirror"),
        Doc("reddit", "terms_of_service", "en", "2023-01-10T08:00:00Z", None),
    ]


@pytest.fixture(scope="session")
def scored_sample(tmp_path_factory: pytest.TempPathFactory, sample_crawl_docs: list[Doc]
                  ) -> DataDir:
    """The bundled sample log and the small crawl, scored once for the whole session."""
    data_dir = DataDir(tmp_path_factory.mktemp("scored") / "var")
    ingest(SAMPLE_CASE_LOG, data_dir, as_of=dt.date(2023, 4, 30))
    h.write_archive(data_dir.root, sample_crawl_docs)
    build(data_dir)
    return data_dir


@pytest.fixture
def sample_copy(scored_sample: DataDir, tmp_path: Path) -> DataDir:
    """A private copy of the scored sample that a test may change."""
    target = DataDir(tmp_path / "var")
    shutil.copytree(scored_sample.root, target.root)
    return target
