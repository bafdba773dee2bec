"""A small archive written by hand: two versions of one policy, their features, and the
change records the dashboard and the packs read (shared by several test folders)."""

from __future__ import annotations

import json
from pathlib import Path

FIRST, SECOND = "20240115T080000Z-aaaaaaaaaaaa", "20240301T090000Z-bbbbbbbbbbbb"


def change(element: str | None, before, after, kind: str = "element", **extra) -> dict:
    record = {
        "change_id": f"{SECOND}:{element or kind}", "crawl_id": "20240301T085959Z-abcdef",
        "platform": "facebook", "document_type": "terms_of_service", "lang": "en",
        "url": "https://facebook.example/terms", "kind": kind,
        "significant": kind in ("element", "access"), "element": element, "before": before,
        "after": after, "before_quote": None, "after_quote": None, "detail": None,
        "version_id": SECOND, "previous_version_id": FIRST,
        "fetched_at": "2024-03-01T09:00:00Z", "previous_fetched_at": "2024-01-15T08:00:00Z",
        "diff_path": f"versions/facebook/terms_of_service.en/{SECOND}.diff",
        "recorded_at": "2024-03-01T09:00:01Z",
    }
    record.update(extra)
    return record


CHANGES = [
    change("covers_synthetic_media", "no", "yes",
           after_quote="This includes images made with artificial intelligence (deepfakes)."),
    change("stated_response_time_hours", 48.0, None,
           before_quote="We reply within 48 hours."),
    change("languages", ["en", "zh-Hant"], ["en"], change_id=f"{SECOND}:languages",
           platform="lihkg", document_type="reporting_form", version_id=SECOND),
]


def write(archive: Path, changes: list[dict] = CHANGES) -> Path:
    (archive / "changes").mkdir(parents=True, exist_ok=True)
    (archive / "changes" / "index.jsonl").write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in changes), encoding="utf-8")
    return archive
