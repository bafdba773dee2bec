"""After every crawl: add the missing change records, then rewrite the feeds."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from core.changes import is_significant, read_changes
from core.paths import DataDir
from crawlers.changes.feeds import DEFAULT_BASE_URL, write_feeds
from crawlers.changes.record import record_changes


def dashboard_url() -> str:
    """Where the dashboard is published (feed links point there): ``TADA_DASHBOARD_URL``."""
    return os.environ.get("TADA_DASHBOARD_URL") or DEFAULT_BASE_URL


@dataclass
class ChangeSummary:
    changes: list[dict[str, Any]] = field(default_factory=list)  # recorded by this crawl

    @property
    def significant(self) -> list[dict[str, Any]]:
        return [c for c in self.changes if is_significant(c)]


def update_after_crawl(data_dir: DataDir, crawl_id: str,
                       base_url: str | None = None) -> ChangeSummary:
    """Record what the crawl ``crawl_id`` changed, regenerate the feeds, return its changes."""
    record_changes(data_dir.archive)
    write_feeds(data_dir, base_url or dashboard_url())
    return ChangeSummary([c for c in read_changes(data_dir.archive) if c["crawl_id"] == crawl_id])
