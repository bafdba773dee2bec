"""What earlier crawls left in ``archive/``: current versions and conditional-request validators.

Read once when a crawl opens, through the archive's one JSON-lines reader (``core.jsonl``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.jsonl import read_jsonl
from core.vocabulary import SUCCESS

DocKey = tuple[str, str, str]  # platform slug, document type, lang


@dataclass(frozen=True)
class LastFetch:
    """The last successful fetch of one declared URL, for conditional requests and 304s."""

    content_sha256: str | None
    text_sha256: str | None
    version_id: str | None
    etag: str | None
    last_modified: str | None


class ArchiveState:
    """Current version of each document and last successful fetch of each URL."""

    def __init__(self, archive: Path) -> None:
        self.archive = archive
        self.versions: dict[DocKey, dict[str, Any]] = {}
        for record in read_jsonl(archive / "versions" / "index.jsonl"):
            key = (record["platform"], record["document_type"], record["lang"])
            self.versions[key] = record  # index lines are appended in time order
        self.fetches: dict[tuple[DocKey, str], LastFetch] = {}
        for record in read_jsonl(archive / "items.jsonl"):
            if record.get("outcome") not in SUCCESS or not record.get("content_sha256"):
                continue
            key = ((record["platform"], record["document_type"], record["lang"]), record["url"])
            self.fetches[key] = LastFetch(
                record.get("content_sha256"), record.get("text_sha256"),
                record.get("version_id"), record.get("etag"), record.get("last_modified"),
            )

    def current_version(self, key: DocKey) -> dict[str, Any] | None:
        return self.versions.get(key)

    def last_fetch(self, key: DocKey, url: str) -> LastFetch | None:
        return self.fetches.get((key, url))

    def version_markdown(self, record: dict[str, Any]) -> str:
        return (self.archive / record["path"]).read_text(encoding="utf-8")
