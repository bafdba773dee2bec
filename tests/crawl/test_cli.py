"""``tada crawl``: progress, the summary table, and plain errors, in both languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.paths import REPO_ROOT
from crawlers.context import UnknownPlatform


@pytest.mark.slow  # a crawl in a child process
def test_crawl_prints_summary_table(run_tada, data_dir):
    result = run_tada("crawl", "--platform", "lihkg", "--platform", "stripchat",
                      "--mirror-date", "2025-01-01")
    assert result.exit_code == 0, result.output
    assert "Crawl " in result.output and "Unchanged" in result.output
    assert "behind a login" in result.output  # stripchat's form: failed, by reason
    records = [json.loads(x) for x in (data_dir.archive / "items.jsonl").read_text().splitlines()]
    assert {r["platform"] for r in records} == {"lihkg", "stripchat"}


@pytest.mark.slow
def test_crawl_in_chinese(run_tada):
    result = run_tada("crawl", "--platform", "lihkg", lang="zh-Hant")
    assert result.exit_code == 0, result.output
    assert "未有變更" in result.output and "新版本" in result.output


def test_unknown_platform_is_a_plain_error(tmp_path):
    tada = Path(sys.executable).with_name("tada")
    done = subprocess.run([str(tada), "--data-dir", str(tmp_path), "crawl", "--platform",
                           "nowhere"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == UnknownPlatform.exit_code
    assert "nowhere" in done.stderr and "Traceback" not in done.stderr


def test_bad_mirror_date_is_rejected(run_tada):
    result = run_tada("crawl", "--mirror-date", "last week")
    assert result.exit_code == 2 and "ISO date" in result.output


@pytest.mark.slow
def test_scrapy_crawl_policies_from_the_repo_root(tmp_path):
    """The same crawl through Scrapy's own command line."""
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "policies", "-s", f"TADA_DATA_DIR={tmp_path}",
         "-s", "TADA_PLATFORMS=lihkg", "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    records = (tmp_path / "archive" / "items.jsonl").read_text().splitlines()
    assert [json.loads(x)["outcome"] for x in records] == ["ok"]
