"""The records of ``archive/`` (docs/contracts.md section 1), declared once: the keys of an
``items.jsonl`` record (one fetch attempt) and of a ``versions/index.jsonl`` record (one
readable version), each with the kind of value it holds.

The crawl writes exactly these keys, in this order; scoring checks them when it loads the
archive. A kind is a tuple of allowed values, or one of the names below.
"""

from __future__ import annotations

from core.vocabulary import DOCUMENT_TYPES, OUTCOMES, SOURCES

TEXT, OPTIONAL_TEXT, TIME, OPTIONAL_INTEGER = "text", "optional text", "time", "optional integer"
Kind = str | tuple[str, ...]

ITEM_FIELDS: dict[str, Kind] = {
    "crawl_id": TEXT, "platform": TEXT, "document_type": DOCUMENT_TYPES, "lang": TEXT,
    "url": TEXT, "final_url": OPTIONAL_TEXT, "status": OPTIONAL_INTEGER, "outcome": OUTCOMES,
    "detail": OPTIONAL_TEXT, "fetched_at": TIME, "content_sha256": OPTIONAL_TEXT,
    "text_sha256": OPTIONAL_TEXT, "version_id": OPTIONAL_TEXT, "warc_file": OPTIONAL_TEXT,
    "warc_record_id": OPTIONAL_TEXT, "source": SOURCES, "etag": OPTIONAL_TEXT,
    "last_modified": OPTIONAL_TEXT,
}
VERSION_FIELDS: dict[str, Kind] = {
    "version_id": TEXT, "platform": TEXT, "document_type": DOCUMENT_TYPES, "lang": TEXT,
    "url": TEXT, "fetched_at": TIME, "snapshot_sha256": OPTIONAL_TEXT,
    "text_sha256": OPTIONAL_TEXT, "path": TEXT, "diff_path": OPTIONAL_TEXT,
    "previous_version_id": OPTIONAL_TEXT, "features_path": OPTIONAL_TEXT,
    "warc_file": OPTIONAL_TEXT, "warc_record_id": OPTIONAL_TEXT, "source": SOURCES,
}
