"""Downloads: the scorecards in every export format, generated from the published data."""

from __future__ import annotations

from typing import Any

from dash import html

from core import dsa_public
from core.export import DSA_EXPORT_TABLES, FORMATS, TABLES, WORKBOOK
from dashboard.components import layout
from dashboard.components.tables import data_table
from dashboard.context import PageContext
from dashboard.exports import FLAT_FORMATS
from dashboard.text import label
from dashboard.validate import URL_LANG


def _link(ctx: PageContext, name: str, text: str, description: str) -> html.A:
    suffix = "" if ctx.lang == "en" else f"?lang={URL_LANG[ctx.lang]}"
    return html.A(text, href=f"/download/{name}{suffix}", download=name,
                  className="download-link", id=f"download-{name.replace('.', '-')}",
                  title=description, **{"aria-label": description})


def _dsa_tables(ctx: PageContext) -> tuple[str, ...]:
    """The DSA tables, which exports hold once a day of the TDB is imported."""
    if not dsa_public.has_tables(ctx.session.tables()):
        return ()
    days = next((r["value"] for r in ctx.session.rows("dsa_meta") if r["key"] == "days"), "0")
    return DSA_EXPORT_TABLES if days not in ("", "0") else ()


def render(ctx: PageContext) -> list[Any]:
    bundles = [_link(ctx, f"scorecards-{fmt}.zip", fmt.upper(),
                     ctx.t("dash.download.bundle_link", format=fmt.upper())) for fmt in FORMATS]
    rows = []
    for table in (*TABLES, *_dsa_tables(ctx)):
        name = label(f"dash.download.{table}", ctx.lang, table)
        rows.append([
            html.Span([html.Strong(name), html.Br(), html.Code(table)]),
            html.Span([_link(ctx, f"{table}.{fmt}", fmt.upper(),
                             ctx.t("dash.download.link", table=name, format=fmt.upper()))
                       for fmt in FLAT_FORMATS], className="formats"),
        ])
    content = [
        html.H2(ctx.t("dash.download.everything")),
        html.P(ctx.t("dash.download.bundle_about")),
        html.P(bundles, className="formats"),
        html.H2(ctx.t("dash.download.workbook")),
        html.P(_link(ctx, WORKBOOK, WORKBOOK, ctx.t("dash.download.workbook_about"))),
        html.H2(ctx.t("dash.download.tables")),
        data_table([ctx.t("dash.download.table"), ctx.t("dash.download.formats")], rows,
                   ctx.t("dash.download.caption")),
        html.P(ctx.t("dash.download.suppressed")),
        html.P(ctx.t("dash.download.version",
                     version=ctx.meta.get("methodology_version", "—"))),
        html.H2(ctx.t("dash.download.cli")),
        html.Pre(html.Code("tada export scorecards --format all --out exports/")),
    ]
    return layout.page(ctx, ctx.t("dash.download.title"), content, ctx.t("dash.download.intro"))
