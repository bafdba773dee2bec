"""Change records: one line of ``archive/changes/index.jsonl`` per change (contracts.md §1).

Each new version with a previous one gets either one record per policy element that changed
(both findings, both quotes, both capture dates) or, when no element changed, one record
saying "wording" or "boilerplate". A reporting form that starts or stops answering with a
login wall is an ``access`` change even though no new version is written. Records are derived
from the archive's files alone, so ``record_changes`` can run after any crawl (or on an old
archive) and adds only what is missing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from core.archive import CHANGE_FIELDS, CHANGES_INDEX, capture_time
from core.changes import read_changes
from core.jsonl import read_jsonl
from core.vocabulary import SIGNIFICANT_CHANGES, SUCCESS
from crawlers.atomic import append_line
from crawlers.changes.boilerplate import boilerplate_only
from crawlers.changes.compare import compare

LOGIN_WALL = "login_wall"
FORM_ACCOUNT = "account_required"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_json(archive: Path, relative: str | None) -> dict[str, Any]:
    if not relative:
        return {}
    path = archive / relative
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _record(crawl_id: str, version: dict[str, Any], previous: dict[str, Any] | None,
            kind: str, **fields: Any) -> dict[str, Any]:
    values = {
        "change_id": f"{version['version_id']}:{fields.get('element') or kind}",
        "crawl_id": crawl_id, "platform": version["platform"],
        "document_type": version["document_type"], "lang": version["lang"],
        "url": version["url"], "kind": kind, "significant": kind in SIGNIFICANT_CHANGES,
        "element": None, "before": None, "after": None, "before_quote": None,
        "after_quote": None, "detail": None, "version_id": version["version_id"],
        "previous_version_id": previous["version_id"] if previous else None,
        "fetched_at": version["fetched_at"],
        "previous_fetched_at": previous["fetched_at"] if previous else None,
        "captured_at": capture_time(version),
        "previous_captured_at": capture_time(previous) if previous else None,
        "diff_path": version.get("diff_path"), "recorded_at": _now(),
    }
    values.update(fields)
    return {key: values[key] for key in CHANGE_FIELDS}  # the contract's keys, in its order


def version_changes(archive: Path, version: dict[str, Any], previous: dict[str, Any],
                    crawl_id: str) -> list[dict[str, Any]]:
    """The change records of ``version`` against ``previous`` (same document)."""
    old = _read_json(archive, previous.get("features_path"))
    new = _read_json(archive, version.get("features_path"))
    elements = compare(old, new, version["document_type"]) if old and new else []
    if elements:
        return [_record(crawl_id, version, previous, "element", element=c.element,
                        before=c.before, after=c.after, before_quote=c.before_quote,
                        after_quote=c.after_quote) for c in elements]
    old_text = (archive / previous["path"]).read_text(encoding="utf-8")
    new_text = (archive / version["path"]).read_text(encoding="utf-8")
    kind = "boilerplate" if boilerplate_only(old_text, new_text) else "wording"
    return [_record(crawl_id, version, previous, kind)]


def append_version_changes(archive: Path, version: dict[str, Any],
                           previous: dict[str, Any] | None, crawl_id: str) -> list[dict[str, Any]]:
    """Record the changes of a version just written (the version pipeline calls this)."""
    found = version_changes(archive, version, previous, crawl_id) if previous else []
    for change in found:
        append_line(archive / CHANGES_INDEX, json.dumps(change, ensure_ascii=False))
    return found


def _access_changes(items: list[dict[str, Any]], versions: dict[str, dict[str, Any]],
                    archive: Path) -> Iterable[dict[str, Any]]:
    """A reporting form behind a login wall, or out from behind one, between two fetches."""
    last: dict[tuple[str, str, str], dict[str, Any]] = {}
    for item in items:
        if item.get("document_type") != "reporting_form":
            continue
        outcome = item.get("outcome")
        if outcome not in SUCCESS and outcome != LOGIN_WALL:
            continue  # a failed fetch says nothing about the form
        key = (item["platform"], item["document_type"], item["lang"])
        before = last.get(key)
        if outcome != LOGIN_WALL:
            last[key] = item
        else:
            last[key] = {**item, "version_id": before.get("version_id") if before else None}
        if before is None or (before["outcome"] == LOGIN_WALL) == (outcome == LOGIN_WALL):
            continue
        version = versions.get(last[key].get("version_id") or "")
        if version is None:
            continue
        found = _read_json(archive, version.get("features_path")).get(FORM_ACCOUNT)
        walled = outcome == LOGIN_WALL
        record = _record(item["crawl_id"],
                         {**version, "fetched_at": item["fetched_at"],
                          "captured_at": capture_time(item)},
                         {**version, "fetched_at": before["fetched_at"],
                          "captured_at": capture_time(before)}, "access",
                         element=FORM_ACCOUNT, before=found if walled else True,
                         after=True if walled else found,
                         after_quote=item.get("detail") if walled else None,
                         before_quote=None if walled else before.get("detail"),
                         detail=LOGIN_WALL if walled else "login_wall_lifted")
        record["change_id"] = f"{item['crawl_id']}:{':'.join(key)}:access"
        record["previous_version_id"] = version["version_id"]
        yield record


def record_changes(archive: Path) -> list[dict[str, Any]]:
    """Append the change records the archive lacks; return them (oldest first)."""
    versions = {v["version_id"]: v for v in read_jsonl(archive / "versions" / "index.jsonl")}
    items = list(read_jsonl(archive / "items.jsonl"))
    crawl_of = {i["version_id"]: i["crawl_id"] for i in items
                if i.get("outcome") == "ok" and i.get("version_id")}
    known = read_changes(archive)
    done_versions = {c["version_id"] for c in known if c["kind"] != "access"}
    done_ids = {c["change_id"] for c in known}
    added: list[dict[str, Any]] = []
    for version in versions.values():
        previous = versions.get(version.get("previous_version_id") or "")
        if previous is None or version["version_id"] in done_versions:
            continue
        crawl_id = crawl_of.get(version["version_id"], "")
        added += version_changes(archive, version, previous, crawl_id)
    added += [c for c in _access_changes(items, versions, archive)
              if c["change_id"] not in done_ids]
    for change in added:
        append_line(archive / CHANGES_INDEX, json.dumps(change, ensure_ascii=False))
    return added
