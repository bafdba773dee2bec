"""Capture dates: a page replayed from the mirror carries the date it was recorded there, kept
apart from when it was replayed, from the archive into the public tables."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
import scoring_test_helpers as h

from core.paths import SAMPLE_CASE_LOG, DataDir
from scoring.caselog.ingest import ingest
from scoring.crawl_archive import ArchiveInvalid, load_archive
from scoring.score import build

REPLAYED = "2026-01-05T10:00:00Z"
RECORDED = "2024-12-31T00:00:00Z"
pytestmark = pytest.mark.slow  # the sample log ingested and scored


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    data = DataDir(tmp_path_factory.mktemp("capture") / "var")
    ingest(SAMPLE_CASE_LOG, data, as_of=dt.date(2023, 4, 30))
    h.write_archive(data.root, [
        h.Doc("facebook", "terms_of_service", "en", REPLAYED,
              h.policy(prohibits_ncii="yes",
                       quotes={"prohibits_ncii": "Do not share intimate images."}),
              captured_at=RECORDED),
        h.Doc("facebook", "reporting_form", "en", REPLAYED, h.form(), captured_at=RECORDED),
        # written before capture dates were kept: captured when fetched
        h.Doc("telegram", "terms_of_service", "en", "2023-01-10T08:00:00Z", h.policy()),
    ])
    build(data)
    return data


def _rows(data: DataDir, sql: str) -> list[tuple]:
    with duckdb.connect(str(data.public_db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_public_tables_carry_the_capture_date(scored):
    replayed, recorded = dt.datetime(2026, 1, 5, 10), dt.datetime(2024, 12, 31)
    assert set(_rows(scored, "SELECT fetched_at, captured_at FROM policy_elements "
                             "WHERE slug = 'facebook' AND version_id IS NOT NULL")) == {
        (replayed, recorded)}
    assert _rows(scored, "SELECT fetched_at, captured_at FROM form_audits "
                         "WHERE slug = 'facebook'") == [(replayed, recorded)]
    assert set(_rows(scored, "SELECT slug, captured_at FROM policy_versions")) == {
        ("facebook", recorded), ("telegram", dt.datetime(2023, 1, 10, 8))}


def test_a_bad_capture_date_is_named(tmp_path):
    archive = h.write_archive(tmp_path, [h.Doc("facebook", "terms_of_service", "en", REPLAYED,
                                               h.policy(), captured_at="31/12/2024")])
    with duckdb.connect() as con, pytest.raises(ArchiveInvalid, match="captured_at"):
        load_archive(con, archive)
