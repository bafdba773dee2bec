"""``build_pack``: gather the evidence for some platforms into a BagIt bag and a zip.

Everything is staged in a hidden directory next to the destination and moved into place only
when complete, so a failed build leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import bagit

from core import __version__
from core.dsa_public import attribution
from core.i18n import EN, ZH, t
from core.paths import DataDir
from evidence.archive import CitedVersion, cited_versions, iso_utc
from evidence.bag import bagging_date as default_bagging_date
from evidence.bag import make_bag, write_zip
from evidence.changes import pack_changes
from evidence.errors import EvidenceError
from evidence.fonts import CjkFont, MissingFont, find_cjk_font, missing_line
from evidence.metrics import write_metrics
from evidence.public import PublicData, load_public
from evidence.report import render_pdf
from evidence.report_model import ReportInputs
from evidence.restricted import exact_counts
from evidence.text import DEFAULT_LANGS, Bilingual, parse_langs
from evidence.warc import CopiedRecord, copy_records

MAX_NAMED = 3


@dataclass(frozen=True)
class PackResult:
    """Where the pack went and what is in it."""

    path: Path            # the bag directory
    zip_path: Path
    platforms: tuple[str, ...]
    payload_files: int
    payload_bytes: int
    snapshots: int        # cited captures
    warc_records: int     # records copied (responses and their requests)
    restricted: bool
    langs: tuple[str, ...] = ()          # the report's languages
    missing_font: str | None = None      # why Chinese was left out, with the fix (one line)


def pack_name(public: PublicData, categories: Sequence[str], restricted: bool) -> str:
    """A stable name from the data date and the selection, e.g. evidence-2023-04-30-lihkg."""
    slugs = public.slugs
    if categories and not set(slugs) - {p["slug"] for p in public.platforms
                                        if p["category"] in categories}:
        part = "+".join(sorted(categories))
    elif len(slugs) <= MAX_NAMED:
        part = "+".join(slugs)
    else:
        part = f"{len(slugs)}-platforms"
    name = f"evidence-{str(public.meta['data_as_of'])[:10]}-{part}"
    return name + ("-RESTRICTED" if restricted else "")


def _copy_policies(archive: Path, cited: list[CitedVersion], out_dir: Path) -> None:
    for version in cited:
        for rel in version.files:
            # versions/<slug>/<doc>.<lang>/<id>.md -> policies/<slug>/<doc>.<lang>/<id>.md
            target = out_dir / Path(*Path(rel).parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(archive / rel, target)


def _bag_info(public: PublicData, cited: list[CitedVersion], text: Bilingual,
              organisation: str, contact: str, restricted: bool, date: dt.date,
              font_found: bool) -> dict[str, str | list[str]]:
    meta = public.meta
    info: dict[str, str | list[str]] = {
        "Source-Organization": organisation,
        "Contact-Email" if "@" in contact else "Contact-Name": contact,
        "Bagging-Date": date.isoformat(),
        "Bag-Software-Agent": f"Ta-DA audit {__version__} (bagit.py {bagit.VERSION})",
        "External-Description": text.inline("evidence.pdf.title"),
        "Toolkit-Version": __version__,
        "Methodology-Id": str(meta["methodology_id"]),
        "Methodology-Version": str(meta["methodology_version"]),
        "Data-As-Of": str(meta["data_as_of"]),
        "Platforms": ", ".join(public.slugs),
        "Report-Languages": ", ".join(text.langs),
        **({} if font_found else {"Report-Languages-Note": " / ".join(
            t("evidence.limits.no_cjk_font", lang) for lang in DEFAULT_LANGS)}),
        "Access": "RESTRICTED" if restricted else "public",
        "Synthetic-Case-Data": "true" if public.flag("synthetic") else "false",
        "Offline-Mirror": "true" if public.flag("mirror") else "false",
    }
    if public.dsa is not None:  # only packs with DSA figures say anything about them
        info["DSA-Source"] = attribution(public.dsa.meta, EN)
        info["DSA-Synthetic-Data"] = "true" if public.dsa.synthetic else "false"
    snapshots = sorted({f"{f.captured_at} {f.url} {f.warc_record_id}"
                        for v in cited for f in v.fetches})
    if snapshots:
        info["Cited-Snapshot"] = snapshots
    return info


def _stage(data_dir: DataDir, public: PublicData, cited: list[CitedVersion], staging: Path,
           inputs: dict) -> list[CopiedRecord]:
    """Write the payload (report, archive, policies, metrics, methodology) into ``staging``."""
    staging.mkdir(parents=True)
    wanted: dict[str, set[str]] = defaultdict(set)
    for version in cited:
        for fetch in version.fetches:
            wanted[fetch.warc_file].add(fetch.warc_record_id)
    records = copy_records(data_dir.archive, dict(wanted), staging / "archive") if wanted else []
    _copy_policies(data_dir.archive, cited, staging / "policies")
    write_metrics(public, staging / "metrics",
                  inputs["exact"] if inputs["restricted"] else None)
    (staging / "methodology.yaml").write_text(public.methodology_yaml, encoding="utf-8")
    report = ReportInputs(public, cited, records, inputs["text"], inputs["organisation"],
                          inputs["contact"], inputs["restricted"], inputs["exact"],
                          inputs["font"], pack_changes(data_dir.archive, public))
    (staging / "report.pdf").write_bytes(render_pdf(report, inputs["name"]))
    return records


def _report_langs(langs: str | Sequence[str] | None, font: CjkFont | None
                  ) -> tuple[str, ...]:
    """The languages asked for; by default both, or English alone without a Chinese font.
    Chinese asked for explicitly without a font is an error, never empty boxes."""
    if langs is None:
        return DEFAULT_LANGS if font else tuple(x for x in DEFAULT_LANGS if x == EN)
    chosen = parse_langs(langs if isinstance(langs, str) else ",".join(langs))
    if font is None and ZH in chosen:
        raise MissingFont(missing_line(required=True))
    return chosen


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise EvidenceError(t("evidence.error.bad_organisation", None))
    return value.strip()


def build_pack(data_dir: DataDir | Path | str, platforms: Sequence[str] = (), *,
               categories: Sequence[str] = (), langs: str | Sequence[str] | None = None,
               out_dir: Path | str | None = None, restricted: bool = False,
               organisation: str | None = None, contact: str | None = None,
               bagging_date: dt.date | None = None) -> PackResult:
    """Build an evidence pack for ``platforms`` (slugs) and/or ``categories``.

    Reads public.duckdb and archive/ from ``data_dir``; with ``restricted`` also the exact
    per-platform counts from warehouse.duckdb. Writes ``<out_dir>/<name>/`` (a BagIt bag) and
    ``<out_dir>/<name>.zip``, replacing an earlier build of the same name.
    """
    dd = data_dir if isinstance(data_dir, DataDir) else DataDir.resolve(data_dir)
    font = find_cjk_font()
    text = Bilingual(_report_langs(langs, font))
    organisation = _one_line(organisation or text.inline("evidence.bag.no_organisation"))
    contact = _one_line(contact or text.inline("evidence.bag.no_contact"))
    public = load_public(dd.public_db, list(platforms), list(categories))
    exact = exact_counts(dd.warehouse, public.slugs) if restricted else {}
    cited = cited_versions(dd.archive, public)
    name = pack_name(public, categories, restricted)
    out = Path(out_dir) if out_dir else dd.packs
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".{name}.partial-{os.getpid()}"
    zip_tmp = out / f".{name}.zip.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        records = _stage(dd, public, cited, staging, {
            "text": text, "organisation": organisation, "contact": contact,
            "restricted": restricted, "exact": exact, "name": name, "font": font})
        date = bagging_date or default_bagging_date()
        make_bag(staging, _bag_info(public, cited, text, organisation, contact, restricted,
                                    date, font is not None))
        stamp = dt.datetime.fromisoformat(iso_utc(public.meta["data_as_of"])[:19])
        write_zip(staging, zip_tmp, stamp, top=name)
        final, final_zip = out / name, out / f"{name}.zip"
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
        zip_tmp.replace(final_zip)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        zip_tmp.unlink(missing_ok=True)
    payload = [p for p in (final / "data").rglob("*") if p.is_file()]
    return PackResult(final, final_zip, tuple(public.slugs), len(payload),
                      sum(p.stat().st_size for p in payload),
                      sum(len(v.fetches) for v in cited), len(records), restricted,
                      text.langs, None if font else missing_line())
