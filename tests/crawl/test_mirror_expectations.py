"""The offline mirror's designed situations come out of the whole crawl as intended.

Each synthetic mirror page was written to show one situation (datasets/mirror/README.md): an
explicit NCII prohibition, only a general nudity or privacy rule, no policy at all, a
dedicated NCII reporting form, a login-walled form, a JavaScript-only page, a Big5 page, a
policy that changes between two recorded dates. This test crawls the mirror as a user would
(``run_crawl``) and reads what the archive says about each page: the ``features.json`` of the
document's current version, or the fetch outcome in ``items.jsonl`` when nothing could be read.
The pages also say, or do not say, what happens after a report (notice of outcome, appeal).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from core.jsonl import read_jsonl
from core.paths import DataDir
from crawlers.run import run_crawl
from scoring.score import build

pytestmark = pytest.mark.slow  # crawls the whole mirror in a child process

OUTCOME = "outcome"  # a pseudo-feature: the fetch outcome recorded in items.jsonl

# (platform, document_type, feature, expected); "fields.url" reads a nested value.
EXPECTED: list[tuple[str, str, str, Any]] = [
    # Explicit NCII prohibition, with channel, hash matching, response time, third parties.
    ("facebook", "ncii_policy", "prohibits_ncii", "yes"),
    ("facebook", "ncii_policy", "ncii_reporting_channel", "yes"),
    ("facebook", "ncii_policy", "hash_matching", "yes"),
    ("facebook", "ncii_policy", "covers_synthetic_media", "yes"),
    ("discord", "ncii_policy", "third_party_reporting", "yes"),
    ("discord", "ncii_policy", "account_required_to_report", "no"),
    ("pornhub", "ncii_policy", "stated_response_time_hours", 72.0),
    ("youtube", "ncii_policy", "ncii_reporting_channel", "yes"),  # "... removal form"
    ("youtube", "ncii_policy", "stated_response_time_hours", 48.0),
    # The same rule written as a list of bans ("No sharing of intimate images ...") or as
    # what the media shows ("real people in private nude ... situations without consent").
    ("facebook", "community_guidelines", "prohibits_ncii", "yes"),
    ("reddit", "community_guidelines", "prohibits_ncii", "yes"),
    ("tumblr", "community_guidelines", "prohibits_ncii", "yes"),
    # What happens after a report: the reporter is told the outcome and how to appeal (the
    # NCII pages in English; a forum's terms in Traditional Chinese, on the Big5 page), and
    # terms that say neither.
    ("facebook", "ncii_policy", "notice_of_outcome", "yes"),
    ("facebook", "ncii_policy", "appeal", "yes"),
    ("youtube", "ncii_policy", "appeal", "yes"),
    ("lihkg", "terms_of_service", "notice_of_outcome", "yes"),
    ("lihkg", "terms_of_service", "appeal", "yes"),
    ("telegram", "terms_of_service", "notice_of_outcome", "unknown"),
    ("telegram", "terms_of_service", "appeal", "unknown"),
    # Only a general nudity or privacy rule.
    ("telegram", "terms_of_service", "prohibits_ncii", "partial"),
    ("xvideos", "terms_of_service", "prohibits_ncii", "partial"),
    ("yahoo_search", "terms_of_service", "prohibits_ncii", "partial"),
    ("tiktok", "terms_of_service", "prohibits_ncii", "partial"),
    ("tiktok", "community_guidelines", "prohibits_ncii", "partial"),
    ("telegram", "terms_of_service", "ncii_reporting_channel", "no"),
    # No policy on NCII or nudity at all, on a Big5 page with no declared charset.
    ("lihkg", "terms_of_service", "prohibits_ncii", "no"),
    ("lihkg", "terms_of_service", "hash_matching", "no"),
    ("lihkg", "terms_of_service", "languages", ["zh-Hant"]),
    # Policies offered in Traditional Chinese through a language switcher.
    ("facebook", "ncii_policy", "languages", ["en", "zh-Hant"]),
    ("telegram", "terms_of_service", "languages", ["en"]),
    # Dedicated NCII reporting forms, and generic ones without an NCII option.
    ("facebook", "reporting_form", "form_present", True),
    ("facebook", "reporting_form", "ncii_option", True),
    ("facebook", "reporting_form", "account_required", False),
    ("facebook", "reporting_form", "languages", ["en", "zh-Hant"]),
    ("youtube", "reporting_form", "ncii_option", True),
    ("bing", "reporting_form", "ncii_option", True),
    ("google_search", "reporting_form", "fields.file_upload", True),
    ("discord", "reporting_form", "captcha", True),
    ("telegram", "reporting_form", "ncii_option", False),
    ("telegram", "reporting_form", "captcha", True),
    ("onlyfans", "reporting_form", "ncii_option", False),  # a copyright (DMCA) form only
    # A login-walled form and JavaScript-only pages: fetched, kept as evidence, not read.
    ("stripchat", "reporting_form", OUTCOME, "login_wall"),
    ("x_twitter", "reporting_form", OUTCOME, "needs_js"),
    ("onlyfans", "community_guidelines", OUTCOME, "needs_js"),
]

# The policy recorded on two dates: (platform, document_type, feature, before, after).
CHANGED: list[tuple[str, str, str, Any, Any]] = [
    ("x_twitter", "ncii_policy", "covers_synthetic_media", "no", "yes"),
    ("x_twitter", "ncii_policy", "stated_response_time_hours", None, 48.0),
    ("x_twitter", "ncii_policy", "prohibits_ncii", "yes", "yes"),
]
FIRST_DATE = "2024-12-31"  # before the second recording of the changed policy


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The archive after crawling the mirror as of the first date, then as of today."""
    data_dir = DataDir(tmp_path_factory.mktemp("mirror") / "var")
    run_crawl(data_dir, mirror_date=FIRST_DATE)
    run_crawl(data_dir)
    return data_dir.archive


def _versions(archive: Path) -> dict[tuple[str, str], list[dict]]:
    """Every version of each (platform, document_type), oldest first."""
    found: dict[tuple[str, str], list[dict]] = {}
    for v in read_jsonl(archive / "versions" / "index.jsonl"):
        found.setdefault((v["platform"], v["document_type"]), []).append(v)
    return found


def _features(archive: Path, version: dict) -> dict:
    return json.loads((archive / version["features_path"]).read_text(encoding="utf-8"))


def _value(features: dict, feature: str) -> Any:
    value: Any = features
    for key in feature.split("."):
        value = value[key]
    return value


def _last_outcome(archive: Path, platform: str, document_type: str) -> str:
    records = [r for r in read_jsonl(archive / "items.jsonl")
               if r["platform"] == platform and r["document_type"] == document_type]
    assert records, (platform, document_type)
    return records[-1]["outcome"]


@pytest.mark.parametrize("platform, document_type, feature, expected", EXPECTED,
                         ids=[f"{p}-{d}-{f}" for p, d, f, _ in EXPECTED])
def test_designed_situation(archive, platform, document_type, feature, expected):
    if feature == OUTCOME:
        assert _last_outcome(archive, platform, document_type) == expected
        assert (platform, document_type) not in _versions(archive)  # nothing half-read
        return
    versions = _versions(archive)[(platform, document_type)]
    features = _features(archive, versions[-1])
    assert _value(features, feature) == expected, features["evidence"]


def test_every_finding_is_quoted(archive):
    """A "yes" or "partial" finding in the table carries the sentence it rests on."""
    versions = _versions(archive)
    for platform, document_type, feature, expected in EXPECTED:
        if feature == OUTCOME or expected not in ("yes", "partial"):
            continue
        features = _features(archive, versions[(platform, document_type)][-1])
        quotes = [e["quote"] for e in features["evidence"] if e["feature"] == feature]
        assert quotes and all(q.strip() for q in quotes), (platform, document_type, feature)


@pytest.mark.parametrize("platform, document_type, feature, before, after", CHANGED,
                         ids=[f"{p}-{d}-{f}" for p, d, f, *_ in CHANGED])
def test_changed_policy(archive, platform, document_type, feature, before, after):
    first, second = _versions(archive)[(platform, document_type)]
    assert second["previous_version_id"] == first["version_id"]
    assert _value(_features(archive, first), feature) == before
    assert _value(_features(archive, second), feature) == after


def test_notice_and_appeal_reach_the_scorecard(archive, tmp_path):
    """The analyser's answers score "notice of outcome and appeal" once the crawl is scored:
    quoted where a page says so, "no" (nothing disclosed) where the analysed pages say
    neither, instead of being left out for every platform."""
    data_dir = DataDir(tmp_path / "var")
    shutil.copytree(archive, data_dir.archive)
    build(data_dir)
    con = duckdb.connect(str(data_dir.public_db), read_only=True)
    rows = con.execute("SELECT slug, value, score, quote FROM policy_elements "
                       "WHERE element = 'outcome_notice_and_appeal'").fetchall()
    con.close()
    found = {slug: (value, score, quote) for slug, value, score, quote in rows}
    # one sentence states both, and is quoted once
    assert found["facebook"] == ("yes", 100, "We tell the person who reported the outcome and "
                                             "how to appeal.")
    assert found["lihkg"][:2] == ("yes", 100) and found["lihkg"][2].endswith("要求覆核。")
    assert " / " not in found["lihkg"][2]
    assert found["telegram"] == ("no", 0, None)
