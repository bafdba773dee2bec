"""Which archived snapshots a pack cites, found in ``archive/`` (docs/contracts.md §1).

A cited version is one the report quotes (policy elements, form audits) or lists in a
platform's history of changes. Each is traced through ``versions/index.jsonl`` to the WARC
record that first captured it, and, when the report's date is a later re-fetch of the same
text, through ``items.jsonl`` to that fetch's record too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from core.archive import capture_time
from core.i18n import t
from core.jsonl import ArchiveLineError, iter_jsonl
from evidence.errors import BadInput, MissingInput
from evidence.public import PublicData

INDEX_KEYS = ("version_id", "platform", "document_type", "lang", "url", "fetched_at",
              "snapshot_sha256", "path", "diff_path", "features_path", "warc_file",
              "warc_record_id")
ITEM_KEYS = ("platform", "url", "fetched_at", "version_id", "warc_file", "warc_record_id")
# Read when present: archives written before capture times were kept lack them.


@dataclass(frozen=True)
class Fetch:
    """One capture of a cited version: the WARC record that proves what the page said."""

    slug: str
    document_type: str
    lang: str
    url: str
    fetched_at: str
    version_id: str
    warc_file: str
    warc_record_id: str
    captured_at: str = ""   # when the page was captured as shown (a mirror's recording date)


@dataclass(frozen=True)
class CitedVersion:
    slug: str
    document_type: str
    lang: str
    url: str
    version_id: str
    snapshot_sha256: str
    files: tuple[str, ...]  # readable version, diff and features, relative to archive/
    fetches: tuple[Fetch, ...]


def iso_utc(value: Any) -> str:
    """A timestamp as ``YYYY-MM-DDTHH:MM:SSZ`` (naive values are UTC, as in the contracts)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat() + "T00:00:00Z"
    raise TypeError(f"not a timestamp: {value!r}")


def read_jsonl(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Records of a JSON-lines file with their line numbers; a bad line names file and line."""
    try:
        for number, record in iter_jsonl(path):
            for key in required:
                if key not in record:
                    raise BadInput(t("evidence.error.missing_key", None, path=path,
                                     line=number, key=key))
            yield number, record
    except ArchiveLineError as exc:
        raise BadInput(t("evidence.error.bad_json", None, path=path, line=exc.line,
                         reason=exc.reason)) from exc


def safe_relative(archive: Path, value: Any, source: Path, line: int, key: str) -> str:
    """A path from an index record, refused if it could point outside ``archive/``."""
    rel = PurePosixPath(str(value))
    if not value or rel.is_absolute() or ".." in rel.parts:
        raise BadInput(t("evidence.error.unsafe_path", None, path=source, line=line, key=key,
                         value=value))
    if not (archive / rel).is_file():
        raise MissingInput(t("evidence.error.missing_archived", None, path=archive / rel,
                             source=source, line=line, key=key))
    return rel.as_posix()


def _cited(public: PublicData) -> dict[str, set[str]]:
    """version_id -> the fetch times the report shows for it."""
    cited: dict[str, set[str]] = {}
    for table in (public.elements, public.forms, public.versions):
        for rows in table.values():
            for row in rows:
                if row.get("version_id"):
                    cited.setdefault(row["version_id"], set()).add(iso_utc(row["fetched_at"]))
    return cited


def _later_fetches(items_path: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    if not wanted:
        return found
    if not items_path.is_file():
        raise MissingInput(t("evidence.error.no_items", None, path=items_path))
    for number, rec in read_jsonl(items_path, ITEM_KEYS):
        key = (rec["version_id"], iso_utc(rec["fetched_at"])) if rec["version_id"] else None
        if key in wanted and rec.get("warc_record_id"):
            found[key] = (number, rec)
    return found


def cited_versions(archive: Path, public: PublicData) -> list[CitedVersion]:
    """Every version the report cites, with the files and WARC records that prove it."""
    cited = _cited(public)
    if not cited:
        return []
    index_path = archive / "versions" / "index.jsonl"
    if not index_path.is_file():
        raise MissingInput(t("evidence.error.no_index", None, path=index_path,
                             count=len(cited)))
    index: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, rec in read_jsonl(index_path, INDEX_KEYS):
        if rec["version_id"] in cited:
            index[rec["version_id"]] = (number, rec)
    for version_id in sorted(cited):
        if version_id not in index:
            raise MissingInput(t("evidence.error.version_not_indexed", None,
                                 version=version_id, path=index_path))
    later = {(v, when) for v, times in cited.items() for when in times
             if when != iso_utc(index[v][1]["fetched_at"])}
    refetches = _later_fetches(archive / "items.jsonl", later)
    for key in sorted(later - set(refetches)):
        raise MissingInput(t("evidence.error.fetch_not_found", None, version=key[0],
                             when=key[1], path=archive / "items.jsonl"))
    result = []
    for version_id in sorted(cited):
        number, rec = index[version_id]
        files = tuple(
            safe_relative(archive, rec[key], index_path, number, key)
            for key in ("path", "diff_path", "features_path") if rec.get(key)
        )
        captures = [(number, index_path, rec)]
        captures += [(n, archive / "items.jsonl", r) for (v, _w), (n, r) in
                     sorted(refetches.items()) if v == version_id]
        fetches = tuple(
            Fetch(rec["platform"], rec["document_type"], rec["lang"], cap["url"],
                  iso_utc(cap["fetched_at"]), version_id,
                  safe_relative(archive, cap["warc_file"], src, n, "warc_file"),
                  str(cap["warc_record_id"]), iso_utc(capture_time(cap)))
            for n, src, cap in captures
        )
        result.append(CitedVersion(rec["platform"], rec["document_type"], rec["lang"],
                                   rec["url"], version_id, rec["snapshot_sha256"], files,
                                   fetches))
    return result
