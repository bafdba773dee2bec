"""The one reader of the archive's JSON-lines files (``items.jsonl``, ``versions/index.jsonl``).

Every writer appends whole lines, so only the last line can be a fragment (a crash while
appending): it is skipped. Any other line that is not a JSON object is damage, reported with
file and line. The crawl, scoring and the evidence packs all read the archive through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.errors import TadaError
from core.i18n import t


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
