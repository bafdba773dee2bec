"""After every crawl: add the missing change records, then rewrite the feeds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from core.changes import read_changes
from core.paths import PLATFORMS_DIR, DataDir
from crawlers.changes.feeds import DEFAULT_BASE_URL, platform_names, write_feeds
from crawlers.changes.record import record_changes


def dashboard_url() -> str:
    """Where the dashboard is published (feed links point there): ``TADA_DASHBOARD_URL``."""
    return os.environ.get("TADA_DASHBOARD_URL") or DEFAULT_BASE_URL


def update_after_crawl(data_dir: DataDir, crawl_id: str,
                       platforms_dir: Path = PLATFORMS_DIR) -> list[dict[str, Any]]:
    """Record what the crawl ``crawl_id`` changed (access changes and anything missing),
    regenerate the feeds, and return every change that crawl recorded."""
    record_changes(data_dir.archive)
    write_feeds(data_dir, dashboard_url(), platform_names(platforms_dir))
    return [c for c in read_changes(data_dir.archive) if c["crawl_id"] == crawl_id]
