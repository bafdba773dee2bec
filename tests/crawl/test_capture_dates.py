"""A mirror replay records when the page was recorded in the mirror as its capture date, and
keeps when it was replayed as the fetch time."""

from __future__ import annotations

import datetime as dt

import pytest

from core.jsonl import read_jsonl
from core.paths import MIRROR_DIR, DataDir
from crawlers.mirror_index import load_index, pick
from crawlers.run import run_crawl


def _recorded(url: str, as_of: str | None) -> str:
    chosen = pick(load_index(MIRROR_DIR)[url], as_of)
    return f"{chosen.recorded}T00:00:00Z"


@pytest.mark.slow  # two crawls in child processes
def test_replay_keeps_the_recording_date(tmp_path):
    data = DataDir(tmp_path / "var")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    run_crawl(data, platforms=["x_twitter"], mirror_date="2024-12-31")
    run_crawl(data, platforms=["x_twitter"])
    items = list(read_jsonl(data.archive / "items.jsonl"))
    versions = list(read_jsonl(data.archive / "versions" / "index.jsonl"))
    assert items and versions
    for record in items + versions:
        assert record["fetched_at"] >= started            # replayed now
    as_of = {crawl: date for crawl, date in zip(
        sorted({i["crawl_id"] for i in items}), ("2024-12-31", None), strict=True)}
    for item in items:
        if item["status"] and item["status"] < 400:
            assert item["captured_at"] == _recorded(item["url"], as_of[item["crawl_id"]])
    # the policy that changed between recordings: one version per recording date
    changed = sorted(v["captured_at"] for v in versions
                     if v["document_type"] == "ncii_policy")
    assert changed == ["2024-06-03T00:00:00Z", "2025-03-10T00:00:00Z"]
