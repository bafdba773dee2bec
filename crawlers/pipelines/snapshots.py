"""Raw response bodies, content-addressed: ``snapshots/<sha[:2]>/<sha256>``, written once."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from crawlers.atomic import write_bytes
from crawlers.context import CrawlContext
from crawlers.records import EXCHANGE

# Responses whose body is evidence of the document (or of why it could not be read).
ARCHIVED = frozenset({"ok", "needs_js", "login_wall"})


def snapshot_path(archive: Path, sha256: str) -> Path:
    return archive / "snapshots" / sha256[:2] / sha256


class SnapshotPipeline:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler) -> SnapshotPipeline:
        return cls(CrawlContext.of(crawler))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        exchange = item.get(EXCHANGE)
        if item["outcome"] not in ARCHIVED or exchange is None or not exchange.body:
            return item
        sha = hashlib.sha256(exchange.body).hexdigest()
        item["content_sha256"] = sha
        path = snapshot_path(self.ctx.archive, sha)
        if not path.exists():
            write_bytes(path, exchange.body)
        return item
