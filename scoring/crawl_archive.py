"""Load the crawl's archive (docs/contracts.md section 1) into the warehouse.

The archive is validated record by record; an error names the file, the line and the key.
No archive at all is not an error: the policy pillar then simply has no data.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from core.archive import (
    ITEM_FIELDS,
    OPTIONAL_INTEGER,
    OPTIONAL_TEXT,
    OPTIONAL_TIME,
    TIME,
    VERSION_FIELDS,
)
from core.errors import TadaError
from core.i18n import t
from core.jsonl import iter_jsonl
from core.vocabulary import FORM_FIELDS, FORM_FLAGS, POLICY_FLAGS
from scoring.warehouse import run_sql_file


class ArchiveInvalid(TadaError):
    def __init__(self, path: Path, where: str, key: str, problem: str) -> None:
        super().__init__(t("scoring.archive.invalid", None, file=path, where=where, key=key,
                           problem=problem))


@dataclass
class CrawlSummary:
    present: bool = False
    fetches: int = 0
    versions: int = 0
    features: int = 0
    form_audits: int = 0
    sources: set[str] = field(default_factory=set)


def _check(path: Path, where: str, record: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """The record's values in ``spec`` order, converted; raises naming file, line and key."""
    if not isinstance(record, dict):
        raise ArchiveInvalid(path, where, "(record)", t("scoring.archive.not_object", None))
    out: dict[str, Any] = {}
    for key, kind in spec.items():
        value = record.get(key)
        def bad(problem: str, key: str = key, **fields: object) -> ArchiveInvalid:
            return ArchiveInvalid(path, where, key, t(f"scoring.archive.{problem}", None,
                                                      **fields))
        if value is None or value == "":
            if kind in (OPTIONAL_TEXT, OPTIONAL_INTEGER, OPTIONAL_TIME):
                out[key] = None
                continue
            raise bad("missing")
        if isinstance(kind, tuple):
            if value not in kind:
                raise bad("not_one_of", value=value, allowed=", ".join(kind))
        elif kind in (TIME, OPTIONAL_TIME):
            value = _utc(value)
            if value is None:
                raise bad("not_time", value=record.get(key))
        elif kind == OPTIONAL_INTEGER:
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad("not_integer", value=value)
        elif not isinstance(value, str):
            raise bad("not_text", value=value)
        out[key] = value
    return out


def _captured(row: dict[str, Any]) -> dict[str, Any]:
    """A record written before captured_at existed was captured when it was fetched."""
    row["captured_at"] = row["captured_at"] or row["fetched_at"]
    return row


def _utc(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _jsonl(path: Path) -> list[tuple[str, Any]]:
    """The records of a JSON-lines file, each with where it stands (for error messages)."""
    return [(t("scoring.archive.line", None, line=number), record)
            for number, record in iter_jsonl(path)]


def _read_text(archive: Path, relative: str | None, index: Path, where: str, key: str
               ) -> str | None:
    if relative is None:
        return None
    target = (archive / relative).resolve()
    if archive.resolve() not in target.parents:
        raise ArchiveInvalid(index, where, key, t("scoring.archive.outside", None,
                                                  value=relative))
    if not target.is_file():
        raise ArchiveInvalid(index, where, key, t("scoring.archive.no_file", None, value=target))
    return target.read_text(encoding="utf-8")


def load_archive(con: duckdb.DuckDBPyConnection, archive: Path) -> CrawlSummary:
    """Replace the warehouse's crawl tables with the contents of ``archive`` (may be absent)."""
    run_sql_file(con, "crawl/00_tables.sql")
    summary = CrawlSummary()
    items_path = archive / "items.jsonl"
    index_path = archive / "versions" / "index.jsonl"
    if items_path.is_file():
        summary.present = True
        rows = [_captured(_check(items_path, where, rec, ITEM_FIELDS))
                for where, rec in _jsonl(items_path)]
        _insert(con, "crawl_items", ITEM_FIELDS, rows)
        summary.fetches = len(rows)
        summary.sources |= {r["source"] for r in rows}
    if index_path.is_file():
        summary.present = True
        _load_versions(con, archive, index_path, summary)
    return summary


def _load_versions(con: duckdb.DuckDBPyConnection, archive: Path, index: Path,
                   summary: CrawlSummary) -> None:
    versions: dict[str, dict[str, Any]] = {}
    features: list[tuple[Any, ...]] = []
    languages: list[tuple[str, str]] = []
    evidence: list[tuple[Any, ...]] = []
    forms: list[tuple[Any, ...]] = []
    for where, record in _jsonl(index):
        row = _captured(_check(index, where, record, VERSION_FIELDS))
        vid = row["version_id"]
        if vid in versions:
            if _identity(versions[vid]) != _identity(row):
                raise ArchiveInvalid(index, where, "version_id",
                                     t("scoring.archive.conflict", None, value=vid))
            continue
        row["markdown"] = _read_text(archive, row["path"], index, where, "path")
        row["diff"] = _read_text(archive, row["diff_path"], index, where, "diff_path")
        versions[vid] = row
        text = _read_text(archive, row["features_path"], index, where, "features_path")
        if text is None:
            continue
        fpath = archive / row["features_path"]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ArchiveInvalid(fpath, "-", "(json)", exc.msg) from exc
        if not isinstance(data, dict):
            raise ArchiveInvalid(fpath, "-", "(record)", t("scoring.archive.not_object", None))
        languages += [(vid, lang) for lang in _string_list(fpath, data, "languages")]
        evidence += [(vid, i, f, q) for i, (f, q) in enumerate(_evidence(fpath, data))]
        if row["document_type"] == "reporting_form":
            forms.append((vid, *_form(fpath, data)))
        else:
            features += [(vid, *f) for f in _features(fpath, data)]
    _insert(con, "policy_versions", {**VERSION_FIELDS, "markdown": 0, "diff": 0},
            list(versions.values()))
    for table, rows in (("policy_features", features), ("policy_languages", languages),
                        ("policy_evidence", evidence), ("form_audits", forms)):
        if rows:
            marks = ", ".join("?" for _ in rows[0])
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    summary.versions = len(versions)
    summary.features = len({f[0] for f in features})
    summary.form_audits = len(forms)
    summary.sources |= {v["source"] for v in versions.values()}


def _identity(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["platform"], row["document_type"], row["lang"], row["text_sha256"])


def _insert(con: duckdb.DuckDBPyConnection, table: str, spec: dict[str, Any],
            rows: list[dict[str, Any]]) -> None:
    if rows:
        marks = ", ".join("?" for _ in spec)
        con.executemany(f"INSERT INTO {table} ({', '.join(spec)}) VALUES ({marks})",
                        [[r[k] for k in spec] for r in rows])


_TRUTHS = {True: "yes", False: "no", None: "unknown", "yes": "yes", "partial": "partial",
           "no": "no", "unknown": "unknown"}


def _answer(path: Path, data: dict[str, Any], key: str, shown_key: str | None = None) -> str:
    """An analyser answer: "yes", "partial", "no" or "unknown" (booleans and null accepted)."""
    value = data.get(key)
    if isinstance(value, bool) or value is None or (isinstance(value, str) and value in _TRUTHS):
        return _TRUTHS[value]
    raise ArchiveInvalid(path, "-", shown_key or key, t("scoring.archive.not_answer", None,
                                                        value=value))


def _flag(path: Path, data: dict[str, Any], key: str, shown_key: str | None = None
          ) -> bool | None:
    """A form-audit fact: true, false or unknown (null)."""
    answer = _answer(path, data, key, shown_key)
    if answer == "partial":
        raise ArchiveInvalid(path, "-", shown_key or key,
                             t("scoring.archive.not_boolean", None, value=data.get(key)))
    return {"yes": True, "no": False, "unknown": None}[answer]


def _string_list(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ArchiveInvalid(path, "-", key, t("scoring.archive.not_list", None))
    return value


def _evidence(path: Path, data: dict[str, Any]) -> list[tuple[str, str]]:
    value = data.get("evidence") or []
    if not isinstance(value, list):
        raise ArchiveInvalid(path, "-", "evidence", t("scoring.archive.not_list", None))
    out = []
    for i, entry in enumerate(value):
        if not (isinstance(entry, dict) and isinstance(entry.get("feature"), str)
                and isinstance(entry.get("quote"), str)):
            raise ArchiveInvalid(path, "-", f"evidence[{i}]",
                                 t("scoring.archive.bad_evidence", None))
        if entry["quote"].strip():
            out.append((entry["feature"], entry["quote"].strip()))
    return out


def _features(path: Path, data: dict[str, Any]) -> list[tuple[str, str | None, float | None]]:
    """Known answers are validated; unknown scalar keys are kept for future rules."""
    out: list[tuple[str, str | None, float | None]] = []
    for key, value in data.items():
        if key in ("languages", "evidence"):
            continue
        if key in POLICY_FLAGS:
            out.append((key, _answer(path, data, key), None))
        elif key == "stated_response_time_hours":
            if value is not None and (isinstance(value, bool) or not isinstance(
                    value, int | float) or value < 0):
                raise ArchiveInvalid(path, "-", key, t("scoring.archive.not_hours", None,
                                                       value=value))
            out.append((key, None, value))
        elif isinstance(value, bool) or (isinstance(value, str) and value in _TRUTHS):
            out.append((key, _TRUTHS[value], None))
        elif isinstance(value, int | float):
            out.append((key, None, float(value)))
    return out


def _form(path: Path, data: dict[str, Any]) -> tuple[bool | None, ...]:
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise ArchiveInvalid(path, "-", "fields", t("scoring.archive.not_object", None))
    flags = {k: _flag(path, data, k) for k in FORM_FLAGS}
    field_flags = [_flag(path, fields, k, f"fields.{k}") for k in FORM_FIELDS]
    return (flags["form_present"], *field_flags, flags["account_required"], flags["captcha"],
            flags["ncii_option"], flags["needs_js"])
