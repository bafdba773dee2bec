"""Helpers of the DSA tests (importable as ``dsa_test_helpers``): packed dumps, and an
independent reading of a dump (Python's csv module) to check the import against."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

REAL_SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "research" / "dsa"
# The NCII names as the issue lists them, written out here (not read from the definition file)
# so that the test checks the definition too.
SPECIFIC = {"KEYWORD_NON_CONSENSUAL_IMAGE_SHARING", "KEYWORD_NON_CONSENSUAL_ITEMS_DEEPFAKE",
            "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN",
            "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
            "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN"}
BROAD = {"STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR", "STATEMENT_CATEGORY_CYBER_VIOLENCE",
         "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN"}


def csv_texts(path: Path) -> list[tuple[str, str]]:
    """(CSV name, text) of every CSV in a day zip, a part zip or a loose CSV."""
    if path.suffix == ".csv":
        return [(path.name, path.read_text(encoding="utf-8"))]
    out = []
    with zipfile.ZipFile(path) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            data = zf.read(info)
            if info.filename.endswith(".csv.zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    out += [(i.filename, inner.read(i).decode("utf-8"))
                            for i in sorted(inner.infolist(), key=lambda i: i.filename)]
            else:
                out.append((info.filename, data.decode("utf-8")))
    return out


def truth(paths: list[Path], platforms: set[str] | None = None) -> dict[str, Counter]:
    """Per platform_name: rows, statements (distinct uuids), ncii_specific, ncii_broad."""
    seen: dict[str, dict] = {}
    rows: Counter = Counter()
    for path in paths:
        for _name, text in csv_texts(path):
            for row in csv.DictReader(io.StringIO(text, newline="")):
                if platforms is not None and row["platform_name"] not in platforms:
                    continue
                rows[row["platform_name"]] += 1
                seen.setdefault(row["uuid"], row)
    result: dict[str, Counter] = {}
    for row in seen.values():
        keywords = set(json.loads(row["category_specification"] or "[]"))
        additions = set(json.loads(row["category_addition"] or "[]"))
        c = result.setdefault(row["platform_name"], Counter())
        c["statements"] += 1
        c["ncii_specific"] += bool(keywords & SPECIFIC)
        c["ncii_broad"] += row["category"] in BROAD or bool(additions & BROAD)
    for name, n in rows.items():
        result[name]["rows"] = n
    return result


def pack_day(folder: Path, stem: str, parts: dict[int, list[tuple[int, str]]],
             sha1: bool = True) -> Path:
    """A day zip in the TDB's layout from CSV texts: {part: [(sub, text), …]}."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as outer:
        for part, subs in sorted(parts.items()):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as inner:
                for sub, text in subs:
                    inner.writestr(f"{stem}-{part:05d}-{sub:05d}.csv", text)
            outer.writestr(f"{stem}-{part:05d}.csv.zip", buffer.getvalue())
    if sha1:
        digest = hashlib.sha1(target.read_bytes()).hexdigest()
        target.with_name(target.name + ".sha1").write_text(f"{digest}  {target.name}\n")
    return target
