"""Change records from two versions' files: element changes with quotes, wording, and
boilerplate-only changes recognised (no significant change)."""

from __future__ import annotations

import json
from pathlib import Path

from core.archive import CHANGE_FIELDS
from core.changes import read_changes
from crawlers.changes.boilerplate import boilerplate_only
from crawlers.changes.compare import compare
from crawlers.changes.record import record_changes

POLICY = """# Intimate images policy

Last updated: {date}

We use cookies to remember your choices. {cookie}

Skip to content

We do not allow anyone to share intimate images of another person without consent.
{extra}
© {year} Example Ltd. All rights reserved.
"""
FEATURES = {"prohibits_ncii": "yes", "ncii_reporting_channel": "yes",
            "third_party_reporting": "no", "hash_matching": "no",
            "stated_response_time_hours": None, "covers_synthetic_media": "no",
            "account_required_to_report": "unknown", "notice_of_outcome": "unknown",
            "appeal": "unknown", "languages": ["en"],
            "evidence": [{"feature": "prohibits_ncii", "quote": "We do not allow anyone..."}]}


def _archive(tmp_path: Path, texts: list[str], features: list[dict]) -> Path:
    archive = tmp_path / "archive"
    folder = "versions/example/ncii_policy.en"
    (archive / folder).mkdir(parents=True)
    previous = None
    lines = []
    for n, (text, found) in enumerate(zip(texts, features, strict=True)):
        version_id = f"2024010{n + 1}T000000Z-{n:012x}"
        (archive / folder / f"{version_id}.md").write_text(text, encoding="utf-8")
        (archive / folder / f"{version_id}.features.json").write_text(json.dumps(found))
        lines.append({"version_id": version_id, "platform": "example",
                      "document_type": "ncii_policy", "lang": "en",
                      "url": "https://example.org/ncii",
                      "fetched_at": f"2024-01-0{n + 1}T00:00:00Z",
                      "snapshot_sha256": None, "text_sha256": None,
                      "path": f"{folder}/{version_id}.md",
                      "diff_path": f"{folder}/{version_id}.diff" if previous else None,
                      "previous_version_id": previous, "features_path":
                      f"{folder}/{version_id}.features.json", "warc_file": None,
                      "warc_record_id": None, "source": "mirror"})
        previous = version_id
    (archive / "versions" / "index.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in lines))
    return archive


def test_boilerplate_only_versions_record_no_significant_change(tmp_path):
    old = POLICY.format(date="1 February 2024", cookie="", extra="", year=2024)
    new = POLICY.format(date="3 March 2025", cookie="Accept all cookies?", extra="",
                        year=2025).replace("\n\n", "\n\n\n", 1)
    archive = _archive(tmp_path, [old, new], [FEATURES, FEATURES])
    added = record_changes(archive)
    assert [(c["kind"], c["significant"]) for c in added] == [("boilerplate", False)]
    assert list(added[0]) == list(CHANGE_FIELDS)
    assert record_changes(archive) == []  # nothing twice
    assert len(read_changes(archive)) == 1


def test_a_wording_change_that_changes_no_element_is_wording(tmp_path):
    old = POLICY.format(date="1 February 2024", cookie="", extra="", year=2024)
    new = old.replace("another person", "someone else")
    archive = _archive(tmp_path, [old, new], [FEATURES, FEATURES])
    assert [(c["kind"], c["significant"]) for c in record_changes(archive)] == [
        ("wording", False)]


def test_element_changes_carry_both_findings_quotes_and_dates(tmp_path):
    old = POLICY.format(date="1 February 2024", cookie="", extra="", year=2024)
    new = POLICY.format(date="3 March 2025", cookie="", year=2025,
                        extra="This includes deepfakes. We reply within 48 hours.")
    after = {**FEATURES, "covers_synthetic_media": "yes", "stated_response_time_hours": 48,
             "languages": ["en", "zh-Hant"], "evidence": [
                 {"feature": "covers_synthetic_media", "quote": "This includes deepfakes."},
                 {"feature": "stated_response_time_hours", "quote": "We reply within 48 hours."}]}
    archive = _archive(tmp_path, [old, new], [FEATURES, after])
    found = {c["element"]: c for c in record_changes(archive)}
    assert set(found) == {"covers_synthetic_media", "stated_response_time_hours", "languages"}
    synthetic = found["covers_synthetic_media"]
    assert (synthetic["before"], synthetic["after"]) == ("no", "yes")
    assert synthetic["after_quote"] == "This includes deepfakes."
    assert synthetic["before_quote"] is None  # the old version had no passage for it
    assert synthetic["previous_fetched_at"] == "2024-01-01T00:00:00Z"
    assert synthetic["fetched_at"] == "2024-01-02T00:00:00Z"
    assert all(c["significant"] and c["kind"] == "element" for c in found.values())


def test_compare_ignores_findings_only_one_version_has_and_list_order():
    old = {"languages": ["en", "zh-Hant"], "fields": {"url": True}, "captcha": False}
    new = {"languages": ["zh-Hant", "en"], "fields": {"url": False}, "captcha": False,
           "ncii_option": True}
    assert [(c.element, c.before, c.after) for c in compare(old, new, "reporting_form")] == [
        ("fields.url", True, False)]


def test_boilerplate_sees_dates_in_both_languages_but_not_other_numbers():
    assert boilerplate_only("最後更新：2024年2月1日\n政策內容", "最後更新：2025年3月3日\n政策內容")
    assert boilerplate_only("Effective: March 1, 2024\nText", "Effective: 2025-03-03\nText")
    assert not boilerplate_only("We reply within 48 hours.", "We reply within 72 hours.")


def test_a_reporting_form_behind_a_login_wall_is_an_access_change(tmp_path):
    archive = tmp_path / "archive"
    folder = "versions/example/reporting_form.en"
    (archive / folder).mkdir(parents=True)
    version = {"version_id": "20240101T000000Z-000000000000", "platform": "example",
               "document_type": "reporting_form", "lang": "en", "url": "https://example.org/r",
               "fetched_at": "2024-01-01T00:00:00Z", "path": f"{folder}/v.md",
               "previous_version_id": None, "diff_path": None,
               "features_path": f"{folder}/v.features.json"}
    (archive / folder / "v.features.json").write_text(json.dumps({"account_required": False}))
    (archive / "versions" / "index.jsonl").write_text(json.dumps(version) + "\n")
    fetches = [("c1", "ok", version["version_id"], None), ("c2", "login_wall", None,
                                                          "https://example.org/login"),
               ("c3", "timeout", None, None), ("c4", "unchanged", version["version_id"], None)]
    (archive / "items.jsonl").write_text("".join(json.dumps({
        "crawl_id": c, "platform": "example", "document_type": "reporting_form", "lang": "en",
        "url": "https://example.org/r", "outcome": o, "version_id": v, "detail": d,
        "fetched_at": f"2024-0{n + 1}-01T00:00:00Z"}) + "\n"
        for n, (c, o, v, d) in enumerate(fetches)))
    found = record_changes(archive)
    assert [(c["crawl_id"], c["kind"], c["before"], c["after"], c["detail"]) for c in found] == [
        ("c2", "access", False, True, "login_wall"),
        ("c4", "access", True, False, "login_wall_lifted")]
    assert found[0]["after_quote"] == "https://example.org/login"
    assert found[1]["previous_fetched_at"] == "2024-02-01T00:00:00Z"  # the timeout is no news
    assert record_changes(archive) == []
