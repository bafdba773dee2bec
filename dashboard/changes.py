"""The archive's change records, as the dashboard reads them (``archive/changes/index.jsonl``).

Policy changes are public facts about platforms, kept beside ``public.duckdb`` in the data
directory; the dashboard only reads the file (``core.changes`` declares how a change reads).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.archive import capture_time
from core.changes import is_significant, read_changes


def load(archive: Path | None) -> list[dict[str, Any]]:
    """Every change, newest first (none when the archive has none yet)."""
    if archive is None:
        return []
    found = read_changes(archive)
    return sorted(found, key=lambda c: (capture_time(c), c["change_id"]), reverse=True)


def significant(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in changes if is_significant(c)]


def by_version(changes: list[dict[str, Any]], slug: str) -> dict[str, list[dict[str, Any]]]:
    """A platform's changes grouped by the version they lead to."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        if change["platform"] == slug:
            grouped.setdefault(change["version_id"], []).append(change)
    return grouped
