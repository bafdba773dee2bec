"""What earlier crawls left in ``archive/``: current versions and conditional-request validators.

Read once when a crawl opens. Every writer appends whole lines, so only the last line of a
JSON-lines file can be a fragment (a crash while appending): it is skipped. Any other line that
is not a JSON object is damage, reported with file and line. Scoring and the evidence packs read
the archive through the same ``iter_jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawlers.vocabulary import SUCCESS
from tada.errors import TadaError
from tada.i18n import t

DocKey = tuple[str, str, str]  # platform slug, document type, lang


class ArchiveLineError(TadaError):
    """A line of an archive's JSON-lines file, other than the last, that is not a JSON object."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(t("crawl.archive.bad_line", None, path=path, line=line, reason=reason))


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of a JSON-lines file with their line numbers; nothing if it is absent."""
    if not path.exists():
        return
    damaged: tuple[int, str] | None = None  # an error unless it turns out to be the last line
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            if damaged:
                raise ArchiveLineError(path, *damaged)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                damaged = (number, exc.msg)
                continue
            if not isinstance(record, dict):
                raise ArchiveLineError(path, number, t("crawl.archive.not_object", None))
            yield number, record


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    for _number, record in iter_jsonl(path):
        yield record


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
