"""The records of ``archive/`` (docs/contracts.md section 1), declared once: the keys of an
``items.jsonl`` record (one fetch attempt), of a ``versions/index.jsonl`` record (one
readable version) and of a ``changes/index.jsonl`` record (one change of a document between
two versions), each with the kind of value it holds.

The crawl writes exactly these keys, in this order; scoring checks them when it loads the
archive. A kind is a tuple of allowed values, or one of the names below.

Two times per fetch: ``fetched_at`` is when this toolkit obtained the response (for captures
made elsewhere, ``--from-warc``, their WARC-Date), ``captured_at`` when the page was captured
as shown: the recording date of the offline mirror's page when replayed, the WARC-Date, or the
fetch time of a live crawl. Dates shown to people are capture dates. ``captured_at`` is
optional only so archives written before it existed still load (read as ``fetched_at``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.vocabulary import CHANGE_KINDS, DOCUMENT_TYPES, OUTCOMES, SOURCES

TEXT, OPTIONAL_TEXT, TIME, OPTIONAL_INTEGER = "text", "optional text", "time", "optional integer"
OPTIONAL_TIME, BOOLEAN = "optional time", "boolean"
# A finding as features.json holds it: yes/partial/no/unknown, a number, a boolean, a list of
# language codes, or null.
FINDING = "finding"
Kind = str | tuple[str, ...]

ITEM_FIELDS: dict[str, Kind] = {
    "crawl_id": TEXT, "platform": TEXT, "document_type": DOCUMENT_TYPES, "lang": TEXT,
    "url": TEXT, "final_url": OPTIONAL_TEXT, "status": OPTIONAL_INTEGER, "outcome": OUTCOMES,
    "detail": OPTIONAL_TEXT, "fetched_at": TIME, "captured_at": OPTIONAL_TIME,
    "content_sha256": OPTIONAL_TEXT,
    "text_sha256": OPTIONAL_TEXT, "version_id": OPTIONAL_TEXT, "warc_file": OPTIONAL_TEXT,
    "warc_record_id": OPTIONAL_TEXT, "source": SOURCES, "etag": OPTIONAL_TEXT,
    "last_modified": OPTIONAL_TEXT,
}
VERSION_FIELDS: dict[str, Kind] = {
    "version_id": TEXT, "platform": TEXT, "document_type": DOCUMENT_TYPES, "lang": TEXT,
    "url": TEXT, "fetched_at": TIME, "captured_at": OPTIONAL_TIME,
    "snapshot_sha256": OPTIONAL_TEXT,
    "text_sha256": OPTIONAL_TEXT, "path": TEXT, "diff_path": OPTIONAL_TEXT,
    "previous_version_id": OPTIONAL_TEXT, "features_path": OPTIONAL_TEXT,
    "warc_file": OPTIONAL_TEXT, "warc_record_id": OPTIONAL_TEXT, "source": SOURCES,
}
CHANGE_FIELDS: dict[str, Kind] = {
    "change_id": TEXT, "crawl_id": TEXT, "platform": TEXT, "document_type": DOCUMENT_TYPES,
    "lang": TEXT, "url": TEXT, "kind": CHANGE_KINDS, "significant": BOOLEAN,
    "element": OPTIONAL_TEXT, "before": FINDING, "after": FINDING,
    "before_quote": OPTIONAL_TEXT, "after_quote": OPTIONAL_TEXT, "detail": OPTIONAL_TEXT,
    "version_id": TEXT, "previous_version_id": OPTIONAL_TEXT, "fetched_at": TIME,
    "previous_fetched_at": OPTIONAL_TIME, "captured_at": OPTIONAL_TIME,
    "previous_captured_at": OPTIONAL_TIME, "diff_path": OPTIONAL_TEXT, "recorded_at": TIME,
}


def capture_time(record: Mapping[str, Any]) -> Any:
    """When the page was captured as shown: ``captured_at``, or ``fetched_at`` for a record
    (or a public table) written before capture times were kept."""
    return record.get("captured_at") or record.get("fetched_at")


def previous_capture_time(change: Mapping[str, Any]) -> Any:
    """When the version a change record compares with was captured (as ``capture_time``)."""
    return change.get("previous_captured_at") or change.get("previous_fetched_at")


# Where the records live, relative to ``archive/``.
CHANGES_INDEX = "changes/index.jsonl"
