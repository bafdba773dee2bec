"""The policy-element changes a pack lists: read from ``archive/changes/index.jsonl`` for the
pack's platforms, within the pack's period (from the first reported month to the latest
crawl the published data reflects)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.archive import capture_time
from core.changes import is_significant, read_changes
from evidence.public import PublicData


def period(public: PublicData) -> tuple[str, str]:
    """(start, end) as comparable ISO texts; an empty bound is open."""
    start = public.meta.get("reporting_period_start") or ""
    end = public.meta.get("crawled_at") or ""
    if not end and public.meta.get("reporting_period_end"):
        end = public.meta["reporting_period_end"] + "-99"  # the whole last month
    return (f"{start}-01" if start else ""), end


def pack_changes(archive: Path, public: PublicData) -> dict[str, list[dict[str, Any]]]:
    """Significant changes by platform, oldest first."""
    start, end = period(public)
    chosen: dict[str, list[dict[str, Any]]] = {}
    for change in read_changes(archive):
        when = capture_time(change)
        if (change["platform"] in public.slugs and is_significant(change)
                and when[:len(start)] >= start and (not end or when[:len(end)] <= end)):
            chosen.setdefault(change["platform"], []).append(change)
    for found in chosen.values():
        found.sort(key=lambda c: (capture_time(c), c["change_id"]))
    return chosen
