"""Helpers of the scoring tests: a crawl archive written to docs/contracts.md section 1,
warehouses filled with items of known times (hours after a fixed origin), and direct
reference computations of the survival statistics."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from core import methodology
from core.paths import PLATFORMS_DIR
from core.registry import load_registry
from scoring.warehouse import load_platforms, run_sql_file

ORIGIN = dt.datetime(2022, 1, 3, 2, 0)  # UTC; 10:00 in Hong Kong


@dataclass
class Doc:
    """One archived version of one platform document, with its analyser output."""

    platform: str
    document_type: str
    lang: str
    fetched_at: str
    features: dict | None
    url: str = ""
    text: str = "Policy text."
    source: str = "mirror"
    captured_at: str | None = None  # None: a record written before capture dates were kept


def write_archive(root: Path, docs: Iterable[Doc]) -> Path:
    """Write ``archive/`` (items.jsonl, versions/, index.jsonl) for ``docs``."""
    archive = root / "archive"
    (archive / "versions").mkdir(parents=True, exist_ok=True)
    previous: dict[tuple[str, str, str], str] = {}
    with (archive / "items.jsonl").open("a", encoding="utf-8") as items, \
            (archive / "versions" / "index.jsonl").open("a", encoding="utf-8") as index:
        for n, doc in enumerate(docs):
            stamp = doc.fetched_at.replace("-", "").replace(":", "")
            version_id = f"{stamp}-{n:012x}"
            folder = Path("versions") / doc.platform / f"{doc.document_type}.{doc.lang}"
            (archive / folder).mkdir(parents=True, exist_ok=True)
            md = folder / f"{version_id}.md"
            (archive / md).write_text(f"# {doc.document_type}\n\n{doc.text}\n", encoding="utf-8")
            key = (doc.platform, doc.document_type, doc.lang)
            diff = None
            if key in previous:
                diff = folder / f"{version_id}.diff"
                (archive / diff).write_text("--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n",
                                            encoding="utf-8")
            feats = None
            if doc.features is not None:
                feats = folder / f"{version_id}.features.json"
                (archive / feats).write_text(json.dumps(doc.features), encoding="utf-8")
            url = doc.url or f"https://policies.example/{doc.platform}/{doc.document_type}"
            common = {"platform": doc.platform, "document_type": doc.document_type,
                      "lang": doc.lang, "url": url, "fetched_at": doc.fetched_at,
                      "warc_file": f"warc/{stamp}.warc.gz", "warc_record_id": f"<urn:{n}>",
                      "source": doc.source}
            if doc.captured_at:
                common["captured_at"] = doc.captured_at
            index.write(json.dumps({
                "version_id": version_id, **common, "snapshot_sha256": f"{n:064x}",
                "text_sha256": f"{n + 1:064x}", "path": str(md),
                "diff_path": str(diff) if diff else None,
                "previous_version_id": previous.get(key), "features_path":
                    str(feats) if feats else None}) + "\n")
            items.write(json.dumps({
                "crawl_id": stamp, **common, "final_url": url, "status": 200, "outcome": "ok",
                "content_sha256": f"{n:064x}", "text_sha256": f"{n + 1:064x}",
                "version_id": version_id}) + "\n")
            previous[key] = version_id
    return archive


def policy(**answers: object) -> dict:
    """Analyser output: every feature "unknown" unless given; quotes as evidence."""
    quotes = answers.pop("quotes", {})
    out: dict = {"prohibits_ncii": "no", "ncii_reporting_channel": "no",
                 "third_party_reporting": "no", "hash_matching": "no",
                 "stated_response_time_hours": None, "covers_synthetic_media": "no",
                 "account_required_to_report": "unknown", "languages": ["en"]}
    out.update(answers)
    out["evidence"] = [{"feature": f, "quote": q} for f, q in quotes.items()]
    return out


def form(**facts: object) -> dict:
    out: dict = {"form_present": True, "fields": {"url": True, "file_upload": True,
                                                  "email": True, "description": True},
                 "account_required": False, "captcha": False, "ncii_option": True,
                 "languages": ["en"], "needs_js": False, "evidence": []}
    out.update(facts)
    return out


@dataclass
class Item:
    """A warehouse item with times in hours after ORIGIN (None: not happened)."""

    platform: str | None
    outcome: str
    removed_h: float | None = None
    response_h: float | None = None
    as_of_h: float = 24 * 60
    reported_h: float = 0.0
    channel: str = "web_form"
    case: str = "c1"


def methodology_variant(folder: Path, edit: Callable[[dict], object]) -> Path:
    """The shipped methodology with ``edit`` applied to its YAML, written in ``folder``."""
    data = yaml.safe_load(methodology.DEFAULT_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = folder / "methodology.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _at(hours: float | None) -> dt.datetime | None:
    return None if hours is None else ORIGIN + dt.timedelta(hours=hours)


def warehouse_connection(items: list[Item], con: duckdb.DuckDBPyConnection | None = None
                         ) -> duckdb.DuckDBPyConnection:
    """A warehouse (in memory unless ``con``) holding the registry and ``items``."""
    con = con or duckdb.connect()
    run_sql_file(con, "warehouse/00_schema.sql")
    run_sql_file(con, "crawl/00_tables.sql")
    load_platforms(con, load_registry(PLATFORMS_DIR))
    con.execute("INSERT INTO case_log_imports VALUES (1, 'test.csv', 'sha', ?, ?, ?, ?, 0)",
                [_at(max(i.as_of_h for i in items)) if items else ORIGIN, ORIGIN, len(items),
                 len(items)])
    cases = sorted({i.case for i in items})
    con.executemany("INSERT INTO cases VALUES (?, 'female', 'unknown')", [[c] for c in cases])
    con.executemany(
        "INSERT INTO items VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?, ?, 0, ?, 1)",
        [[f"k{n}", i.case, i.platform, _at(i.reported_h),
          _at(i.response_h),
          _at(i.removed_h), i.outcome, i.channel, _at(i.as_of_h)]
         for n, i in enumerate(items)])
    return con




def kaplan_meier(times: list[float], events: list[bool]) -> list[tuple[float, float, float]]:
    """(t, S(t), Greenwood sum) at each distinct event time, by the textbook loop."""
    out, s, v = [], 1.0, 0.0
    for t in sorted({t for t, e in zip(times, events, strict=True) if e}):
        n = sum(1 for x in times if x >= t)
        d = sum(1 for x, e in zip(times, events, strict=True) if e and x == t)
        s *= 1 - d / n
        v += d / (n * (n - d)) if n > d else 0.0
        out.append((t, s, v))
    return out


def aalen_johansen(times: list[float], kinds: list[int]) -> list[tuple[float, float]]:
    """(t, CIF of kind 1) at each distinct event time; kind 2 competes, 0 is censored."""
    out, surv, cif = [], 1.0, 0.0
    for t in sorted({t for t, k in zip(times, kinds, strict=True) if k}):
        n = sum(1 for x in times if x >= t)
        d1 = sum(1 for x, k in zip(times, kinds, strict=True) if k == 1 and x == t)
        d2 = sum(1 for x, k in zip(times, kinds, strict=True) if k == 2 and x == t)
        cif += surv * d1 / n
        surv *= 1 - (d1 + d2) / n
        out.append((t, cif))
    return out
