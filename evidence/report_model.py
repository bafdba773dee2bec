"""What the PDF report says, per platform, as plain data for the HTML template."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from core.archive import capture_time, previous_capture_time
from core.changes import describe
from core.public_schema import ELEMENTS, FORM_AUDIT_CHECKS, INSUFFICIENT
from evidence import text as fmt
from evidence.archive import CitedVersion, iso_utc
from evidence.chart import CATEGORY_COLOUR, PLATFORM_COLOUR, Series, cif_chart
from evidence.dsa import section as dsa_section
from evidence.fonts import CjkFont, has_cjk
from evidence.public import PublicData, Row
from evidence.text import Bilingual
from evidence.warc import CopiedRecord

REMOVAL_ROWS = (("items", "count"), ("removed", "count"), ("removal_rate", "share"),
                ("cif_removed_24h", "share"), ("cif_removed_48h", "share"),
                ("cif_removed_7d", "share"), ("median_first_response_hours", "hours"),
                ("no_response_30d_share", "share"))
INTERVALS = {"removal_rate": ("removal_ci_low", "removal_ci_high"),
             "median_first_response_hours": ("median_first_response_ci_low",
                                             "median_first_response_ci_high")}
EXACT_COLUMNS = ("cases", "items", "removed", "refused", "no_response", "pending")
DIFF_EXCERPT_LINES = 6


@dataclass
class ReportInputs:
    public: PublicData
    cited: list[CitedVersion]
    records: list[CopiedRecord]
    text: Bilingual
    organisation: str
    contact: str
    restricted: bool = False
    exact_counts: dict[str, Row] = field(default_factory=dict)
    font: CjkFont | None = None   # None: no Chinese font, so no Chinese may be printed
    changes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by platform


def _format(value: Any, kind: str) -> str:
    return {"count": fmt.count, "share": fmt.share, "hours": fmt.hours,
            "score": fmt.score}[kind](value)


class Cells:
    """Formats a cell of a public table: the value, "suppressed", or "not available"."""

    def __init__(self, public: PublicData, text: Bilingual) -> None:
        self.public, self.text = public, text

    def __call__(self, table: str, keys: tuple[str, ...], row: Row | None, column: str,
                 kind: str) -> str:
        value = None if row is None else row.get(column)
        if value is not None:
            return _format(value, kind)
        if row is not None and self.public.is_suppressed(table, keys, column):
            return self.text.inline("evidence.cell.suppressed")
        return self.text.inline("evidence.cell.not_available")

    def with_interval(self, table: str, keys: tuple[str, ...], row: Row | None, column: str,
                      kind: str) -> str:
        shown = self(table, keys, row, column, kind)
        low, high = INTERVALS.get(column, (None, None))
        if row is None or low is None or row.get(low) is None or row.get(high) is None:
            return shown
        return f"{shown} [{_format(row[low], kind)} – {_format(row[high], kind)}]"


def _grade(text: Bilingual, row: Row | None) -> str:
    grade = None if row is None else row.get("grade")
    if grade in (None, INSUFFICIENT):
        return text.inline("evidence.grade.insufficient_data")
    return str(grade)


def _summary(inp: ReportInputs, p: Row, cells: Cells) -> list[tuple[str, str]]:
    T, slug = inp.text, p["slug"]
    row = inp.public.scorecard.get(slug)
    sc = ("scorecard_platform", (slug,), row)
    rows = [
        (T.inline("evidence.summary.category"), T.label("category", p["category"])),
        (T.inline("evidence.summary.grade"), _grade(T, row)),
        (T.inline("evidence.summary.overall_score"), cells(*sc, "overall_score", "score")),
        (T.inline("evidence.summary.policy_score"), cells(*sc, "policy_score", "score")),
        (T.inline("evidence.summary.responsiveness_score"),
         cells(*sc, "responsiveness_score", "score")),
        (T.inline("evidence.summary.rank"), cells(*sc, "rank", "count")),
        (T.inline("evidence.stat.items"), cells(*sc, "items", "count")),
        (T.inline("evidence.stat.removal_rate"), cells.with_interval(*sc, "removal_rate",
                                                                      "share")),
        (T.inline("evidence.stat.cif_removed_48h"), cells(*sc, "cif_removed_48h", "share")),
        (T.inline("evidence.summary.crawl_data"),
         T.inline("evidence.bool.yes" if p["has_crawl_data"] else "evidence.bool.no")),
        (T.inline("evidence.summary.case_data"),
         T.inline("evidence.bool.yes" if p["has_case_data"] else "evidence.bool.no")),
    ]
    return rows


def _elements(inp: ReportInputs, slug: str) -> list[dict[str, str]]:
    T = inp.text
    order = {name: i for i, name in enumerate(ELEMENTS)}
    rows = sorted(inp.public.elements.get(slug, []),
                  key=lambda r: (order.get(r["element"], len(order)), r["element"]))
    return [{
        "element": T.label("evidence.element", r["element"]),
        "value": T.label("evidence.value", str(r["value"])),
        "score": T.inline("evidence.cell.not_applicable") if r["score"] is None
        else fmt.score(r["score"]),
        "quote": _printable_quote(inp, r["quote"]),
        "source": (f'{T.label("evidence.doc", r["document_type"])} · {r["lang"]}'
                   if r["document_type"] else T.inline("evidence.cell.no_document")),
        "date": iso_utc(capture_time(r))[:10] if capture_time(r) else "—",
        "version": r["version_id"] or "",
        "url": r["url"] or "",
    } for r in rows]


def _printable_quote(inp: ReportInputs, quote: str | None) -> str:
    """The quote, or where to read it when it is Chinese and no font can print it."""
    quote = (quote or "").strip()
    if quote and inp.font is None and has_cjk(quote):
        return inp.text.inline("evidence.cell.quote_needs_font")
    return quote


def _bool(T: Bilingual, value: Any) -> str:
    if value is None:
        return T.inline("evidence.bool.unknown")
    if isinstance(value, str) and value not in ("true", "false", "yes", "no"):
        return T.label("evidence.value", value)
    truthy = value in (True, "true", "yes")
    return T.inline("evidence.bool.yes" if truthy else "evidence.bool.no")


def _forms(inp: ReportInputs, slug: str) -> list[dict[str, Any]]:
    T = inp.text
    forms = []
    for r in inp.public.forms.get(slug, []):
        languages = (r["languages"] or "").split(",")  # comma-separated (contracts.md §3)
        checks = [(T.inline(f"evidence.form.{c}"), _bool(T, r[c])) for c in FORM_AUDIT_CHECKS]
        checks.append((T.inline("evidence.form.languages"),
                       ", ".join(x.strip() for x in languages if x.strip()) or "—"))
        forms.append({"url": r["url"], "lang": r["lang"], "date": iso_utc(capture_time(r))[:10],
                      "version": r["version_id"] or "", "checks": checks})
    return forms


def _removal(inp: ReportInputs, p: Row, cells: Cells) -> dict[str, Any]:
    T, slug, category = inp.text, p["slug"], p["category"]
    row = inp.public.scorecard.get(slug)
    cat = inp.public.category_scorecard.get(category)
    stats = [(T.inline(f"evidence.stat.{col}"),
              cells.with_interval("scorecard_platform", (slug,), row, col, kind),
              cells.with_interval("scorecard_category", (category,), cat, col, kind))
             for col, kind in REMOVAL_ROWS]
    channels = [(T.label("channel", r["channel"]),
                 cells("metrics_by_channel", (slug, r["channel"]), r, "items", "count"),
                 cells.with_interval("metrics_by_channel", (slug, r["channel"]), r,
                                     "removal_rate", "share"))
                for r in inp.public.by_channel.get(slug, [])]
    curve = inp.public.cif.get(("platform", slug), [])
    chart = None
    if curve:
        series = [Series(p["name_en"], curve, PLATFORM_COLOUR)]
        cat_curve = inp.public.cif.get(("category", category), [])
        if cat_curve:
            series.append(Series(T.label("category", category), cat_curve, CATEGORY_COLOUR,
                                 dashed=True, band=False))
        chart = cif_chart(series, T.inline("evidence.chart.x"), T.inline("evidence.chart.y"),
                          T.inline("evidence.chart.deadline"),
                          T.inline("evidence.chart.title", platform=p["name_en"]),
                          font=inp.font.family if inp.font else "sans-serif")
    exact = inp.exact_counts.get(slug) if inp.restricted else None
    return {
        "stats": stats, "channels": channels, "chart": chart,
        "category_name": T.label("category", category),
        "exact": [(T.inline(f"evidence.exact.{c}"), fmt.count(exact[c])) for c in EXACT_COLUMNS]
        if exact else None,
    }


def _diff_summary(diff: str | None) -> tuple[int, int, list[str]]:
    added = removed = 0
    excerpt: list[str] = []
    for line in (diff or "").splitlines():
        if line.startswith(("+++", "---")):
            continue
        if line.startswith(("+", "-")):
            added += line.startswith("+")
            removed += line.startswith("-")
            if len(excerpt) < DIFF_EXCERPT_LINES and line[1:].strip():
                excerpt.append(line[:200])
    return added, removed, excerpt


def _history(inp: ReportInputs, slug: str) -> list[dict[str, Any]]:
    T = inp.text
    docs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in inp.public.versions.get(slug, []):
        added, removed, excerpt = _diff_summary(r["diff"])
        docs[(r["document_type"], r["lang"])].append({
            "date": iso_utc(capture_time(r))[:10], "version": r["version_id"],
            "first": r["previous_version_id"] is None,
            "added": added, "removed": removed, "excerpt": excerpt, "url": r["url"],
        })
    return [{"title": f"{T.label('evidence.doc', d)} · {lang}", "versions": v}
            for (d, lang), v in sorted(docs.items())]


def _changes(inp: ReportInputs, slug: str) -> list[dict[str, Any]]:
    """The platform's policy-element changes in the pack's period, in every pack language."""
    T = inp.text
    return [{"date": capture_time(c)[:10], "previous": (previous_capture_time(c) or "")[:10],
             "document": f"{T.label('evidence.doc', c['document_type'])} · {c['lang']}",
             "what": " / ".join(dict.fromkeys(describe(c, lang) for lang in T.langs)),
             "before": _printable_quote(inp, c.get("before_quote")),
             "after": _printable_quote(inp, c.get("after_quote")), "version": c["version_id"]}
            for c in inp.changes.get(slug, [])]


def _missing(inp: ReportInputs, p: Row) -> list[list[tuple[str, str]]]:
    notes = []
    if not p["has_crawl_data"]:
        notes.append(inp.text.lines("evidence.missing.crawl"))
    if not p["has_case_data"]:
        notes.append(inp.text.lines("evidence.missing.cases"))
    return notes


def platform_sections(inp: ReportInputs) -> list[dict[str, Any]]:
    cells = Cells(inp.public, inp.text)
    sections = []
    for number, p in enumerate(inp.public.platforms, start=1):
        slug = p["slug"]
        name = p["name_en"] + (f" · {p['name_zh']}" if p["name_zh"] and
                               any(x.startswith("zh") for x in inp.text.langs) else "")
        sections.append({
            "number": number, "slug": slug, "name": name, "missing": _missing(inp, p),
            "has_crawl": bool(p["has_crawl_data"]), "has_cases": bool(p["has_case_data"]),
            "summary": _summary(inp, p, cells), "elements": _elements(inp, slug),
            "forms": _forms(inp, slug), "removal": _removal(inp, p, cells),
            "history": _history(inp, slug), "changes": _changes(inp, slug),
            "dsa": dsa_section(inp.text, inp.public.dsa, slug, p["name_en"],
                               inp.public.by_period.get(slug, [])),
        })
    return sections


def snapshot_rows(inp: ReportInputs) -> list[dict[str, str]]:
    """Every cited capture with the WARC record that holds it, for the appendix."""
    by_id = {r.record_id: r for r in inp.records}
    rows = []
    for version in inp.cited:
        for f in version.fetches:
            record = by_id.get(f.warc_record_id)
            rows.append({
                "platform": f.slug, "document": inp.text.label("evidence.doc", f.document_type),
                "lang": f.lang, "captured_at": f.captured_at, "url": f.url,
                "warc": f"archive/{record.target}" if record else "—",
                "record": f.warc_record_id,
                "digest": (record.payload_digest or "—") if record else "—",
            })
    return sorted(rows, key=lambda r: (r["platform"], r["captured_at"], r["url"], r["record"]))
