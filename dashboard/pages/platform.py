"""Platform page: scores, removal over time beside the category, policy evidence, history."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard import curves
from dashboard.cells import hidden
from dashboard.components import charts, layout
from dashboard.components.badges import grade_badge
from dashboard.components.tables import chart_block, data_table
from dashboard.context import PageContext
from dashboard.pages import errors, platform_dsa, platform_sections
from dashboard.pages.common import element_order, load_methodology
from dashboard.text import (
    INSUFFICIENT,
    category_label,
    cell_text,
    hours_text,
    interval_text,
    platform_name,
)
from dashboard.validate import valid_slug

SUMMARY = (("items", "count"), ("removed", "count"), ("removal_rate", "percent"),
           ("cif_removed_24h", "percent"), ("cif_removed_48h", "percent"),
           ("cif_removed_7d", "percent"), ("median_first_response_hours", "hours"),
           ("no_response_30d_share", "percent"), ("overall_score", "score"),
           ("policy_score", "score"), ("responsiveness_score", "score"))
INTERVALS = {"removal_rate": ("removal_ci_low", "removal_ci_high", "percent"),
             "median_first_response_hours": ("median_first_response_ci_low",
                                             "median_first_response_ci_high", "hours")}


def _summary(ctx: PageContext, card: dict | None) -> Any:
    if card is None:
        return html.P(ctx.t("dash.platform.no_scorecard"), className="empty")
    cells = hidden(ctx.session, "scorecard_platform")
    short = card.get("grade") == INSUFFICIENT
    pairs: list[Any] = [html.Dt(ctx.t("dash.col.grade")),
                        html.Dd(grade_badge(card.get("grade"), ctx.lang))]
    for column, kind in SUMMARY:
        if column not in card:
            continue
        text = cell_text(card[column], kind, ctx.lang, suppressed=cells(card, column),
                         insufficient=short)
        if column in INTERVALS:
            low, high, ikind = INTERVALS[column]
            ci = interval_text(card.get(low), card.get(high), ikind, ctx.lang)
            text = f"{text} {ctx.t('dash.ci', interval=ci)}" if ci else text
        pairs += [html.Dt(ctx.t(f"dash.col.{column}")), html.Dd(text)]
    return html.Dl(pairs, className="summary", id="platform-summary")


def _series(ctx: PageContext, curve: curves.Curve, name: str) -> charts.Series:
    points = curve.points
    # one template for every point: Plotly fills in the numbers with the page's separators
    hover = ctx.t("dash.hover.cif", group=name)
    # 4 decimals are finer than a pixel; shorter numbers keep the page's payload small
    return charts.Series(name, [round(p["t_hours"], 2) for p in points],
                         [_round(p["cif"]) for p in points], hover,
                         [_round(p["ci_low"]) for p in points],
                         [_round(p["ci_high"]) for p in points], shape="hv")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _cif(ctx: PageContext, slug: str, name: str, category: str | None) -> Any:
    mine = curves.load(ctx.session, "platform", slug) if ctx.session.has("cif_curve") else None
    if mine is None:
        return html.P(ctx.t("dash.platform.no_curve"), className="empty")
    found = [(name, mine)]
    theirs = curves.load(ctx.session, "category", category) if category else None
    if theirs is not None:
        found.append((category_label(category, ctx.lang), theirs))
    rows = [[hours_text(t, ctx.lang)] + [cell_text(c.at(t), "percent", ctx.lang) for _, c in found]
            for t in curves.LANDMARKS]
    table = data_table([ctx.t("dash.col.time")] + [n for n, _ in found], rows,
                       ctx.t("dash.chart.cif.title"), numeric=[False] + [True] * len(found))
    figure = charts.lines([_series(ctx, c, n) for n, c in found], ctx.t("dash.axis.hours"),
                          ctx.t("dash.axis.cif"), ctx.lang)
    figure["layout"]["xaxis"].update(tickvals=[0, 24, 48, 72, 168, 336, 504, 720],
                                     range=[0, curves.HORIZON])
    return chart_block(ctx.t("dash.chart.cif.title"), figure, table,
                       ctx.t("dash.chart.show_table"), ctx.t("dash.chart.cif.note"),
                       block_id="cif-chart")


def render(ctx: PageContext) -> list[Any]:
    slug = ctx.args.get("slug", "")
    identity = ctx.session.one("platform", slug=slug) if valid_slug(slug) else None
    if identity is None:
        return errors.not_found(ctx, "platform", slug)
    card = ctx.session.one("platform_scorecard", slug=slug)
    name = platform_name(identity, ctx.lang)
    method = load_methodology(ctx.session)
    order = element_order(ctx.session, method)
    facts = [category_label(identity.get("category"), ctx.lang)]
    if not identity.get("has_case_data"):
        facts.append(ctx.t("dash.platform.no_case_data"))
    if not identity.get("has_crawl_data"):
        facts.append(ctx.t("dash.platform.no_crawl_data"))
    content = [
        html.P(" · ".join(facts), className="facts"),
        _summary(ctx, card),
        html.H2(ctx.t("dash.platform.cif")),
        _cif(ctx, slug, name, identity.get("category")),
        *platform_dsa.section(ctx, slug, name),
        html.H2(ctx.t("dash.platform.elements"), id="elements"),
        platform_sections.elements(ctx, slug, order, method),
        html.H2(ctx.t("dash.platform.forms"), id="forms"),
        platform_sections.forms(ctx, slug),
        html.H2(ctx.t("dash.platform.timeline"), id="history"),
        platform_sections.timeline(ctx, slug),
    ]
    return layout.page(ctx, name, content)
