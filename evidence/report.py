"""The bilingual PDF report: HTML and CSS from a template, printed by WeasyPrint.

The PDF is a function of its inputs only: its dates are the data's as-of date, never the
clock, so rebuilding a pack from the same data gives the same bytes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from core import __version__
from core.i18n import t
from evidence import report_model as model
from evidence.fonts import LATIN_CSS, MissingFont, missing_line
from evidence.report_model import ReportInputs

TEMPLATES = Path(__file__).parent / "templates"
PACK_PARTS = ("report", "archive", "policies", "metrics", "methodology", "bag_info")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                              autoescape=jinja2.select_autoescape(["html"]),
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def _banner(inp: ReportInputs) -> list[dict[str, str]]:
    T, public = inp.text, inp.public
    banner = []
    if inp.restricted:
        banner.append({"cls": "restricted", "text": T.inline("evidence.banner.restricted")})
    if public.flag("synthetic") or public.flag("mirror"):
        banner.append({"cls": "synthetic", "text": T.inline("evidence.banner.synthetic")})
    if public.dsa is not None and public.dsa.synthetic:
        banner.append({"cls": "synthetic", "text": T.inline("evidence.banner.dsa_synthetic")})
    return banner


def _notices(inp: ReportInputs) -> list[list[tuple[str, str]]]:
    notices = []
    if inp.public.flag("synthetic"):
        notices.append(inp.text.lines("evidence.notice.synthetic_cases"))
    if inp.public.flag("mirror"):
        notices.append(inp.text.lines("evidence.notice.mirror"))
    if inp.public.dsa is not None and inp.public.dsa.synthetic:
        notices.append(inp.text.lines("evidence.notice.dsa_synthetic"))
    return notices


def _details(inp: ReportInputs) -> list[tuple[str, str]]:
    T, meta = inp.text, inp.public.meta
    names = ", ".join(p["name_en"] for p in inp.public.platforms)
    access = "evidence.access.restricted" if inp.restricted else "evidence.access.public"
    return [
        (T.inline("evidence.detail.organisation"), inp.organisation),
        (T.inline("evidence.detail.contact"), inp.contact),
        (T.inline("evidence.detail.platforms"), names),
        (T.inline("evidence.detail.as_of"), str(meta["data_as_of"])),
        (T.inline("evidence.detail.generated_at"), str(meta.get("generated_at", "—"))),
        (T.inline("evidence.detail.methodology"),
         f'{meta["methodology_id"]} {meta["methodology_version"]}'),
        (T.inline("evidence.detail.toolkit"), f"Ta-DA audit {__version__}"),
        (T.inline("evidence.detail.access"), T.inline(access)),
    ]


def _methodology(inp: ReportInputs) -> list[tuple[str, str]]:
    T, meta = inp.text, inp.public.meta
    rows = [("methodology_id", meta["methodology_id"]),
            ("methodology_version", meta["methodology_version"]),
            ("methodology_date", meta.get("methodology_date", "—")),
            ("min_people", meta.get("min_people", "—")), ("min_items", meta.get("min_items", "—"))]
    return [(T.inline(f"evidence.methodology.{k}"), str(v)) for k, v in rows]


def _limitations(inp: ReportInputs) -> list[dict[str, Any]]:
    T, meta = inp.text, inp.public.meta
    blocks = []
    if inp.public.flag("synthetic"):
        blocks.append({"cls": "notice", "lines": T.lines("evidence.notice.synthetic_cases")})
    if inp.public.flag("mirror"):
        blocks.append({"cls": "notice", "lines": T.lines("evidence.notice.mirror")})
    blocks.append({"cls": "", "lines": _languages(inp)})
    for key in ("sample", "timing", "analysis", "suppression", "point_in_time"):
        blocks.append({"cls": "", "lines": T.lines(f"evidence.limits.{key}",
                                                   min_people=meta.get("min_people", "—"),
                                                   min_items=meta.get("min_items", "—"),
                                                   as_of=meta["data_as_of"])})
    for p in inp.public.platforms:
        if not p["has_crawl_data"]:
            blocks.append({"cls": "missing", "lines": T.lines("evidence.limits.no_crawl",
                                                              platform=p["name_en"])})
        if not p["has_case_data"]:
            blocks.append({"cls": "missing", "lines": T.lines("evidence.limits.no_cases",
                                                              platform=p["name_en"])})
    return blocks


def _languages(inp: ReportInputs) -> list[tuple[str, str]]:
    """Which languages the report is in; without a Chinese font, why Chinese is absent."""
    T = inp.text
    lines = [(lang, t("evidence.limits.languages", lang, languages=", ".join(
        t(f"evidence.lang_name.{name}", lang) for name in T.langs))) for lang in T.langs]
    if inp.font is None:
        lines += T.lines("evidence.limits.no_cjk_font")
    return lines


def report_html(inp: ReportInputs, pack_name: str) -> str:
    T, meta = inp.text, inp.public.meta
    m = {
        "lang": "zh-Hant-HK" if T.langs[0].startswith("zh") else "en",
        "title_inline": T.inline("evidence.pdf.title"),
        "organisation": inp.organisation, "toolkit_version": __version__,
        "as_of_date": str(meta["data_as_of"])[:10], "restricted": inp.restricted,
        "banner": _banner(inp), "notices": _notices(inp), "details": _details(inp),
        "footer": T.inline("evidence.pdf.footer", version=meta["methodology_version"],
                           as_of=str(meta["data_as_of"])[:10]),
        "contents": [T.inline(f"evidence.contents.{part}") for part in PACK_PARTS],
        "pack_name": pack_name, "platforms": model.platform_sections(inp),
        "snapshots": model.snapshot_rows(inp), "methodology": _methodology(inp),
        "methodology_yaml": inp.public.methodology_yaml.strip(),
        "limitations": _limitations(inp),
    }
    css = ((inp.font.css() if inp.font else LATIN_CSS)
           + (TEMPLATES / "report.css").read_text(encoding="utf-8"))
    return _environment().get_template("report.html").render(m=m, T=T, css=css)


def render_pdf(inp: ReportInputs, pack_name: str) -> bytes:
    """The report as PDF bytes, identical for identical inputs."""
    import weasyprint  # slow to import; only building a pack needs it

    if inp.font is None and any(lang.startswith("zh") for lang in inp.text.langs):
        raise MissingFont(missing_line(required=True))  # never Chinese as empty boxes
    html = report_html(inp, pack_name)
    return weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
        uncompressed_pdf=False, pdf_identifier=b"tada-evidence-" + pack_name.encode())
