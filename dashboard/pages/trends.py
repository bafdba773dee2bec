"""Trends: removal figures by quarter, for everyone, a category or a platform."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.cells import hidden
from dashboard.components import charts, filters, layout
from dashboard.components.tables import chart_block, data_table
from dashboard.context import PageContext
from dashboard.text import category_label, cell_text, period_text, platform_name

PARAMS = ("group",)
ALL = "all:all"
# metric → (kind, whether it is a share drawn on a 0–100% axis)
METRICS = (("removal_rate", "percent"), ("cif_removed_48h", "percent"), ("items", "count"),
           ("median_first_response_hours", "hours"))


def _groups(ctx: PageContext) -> dict[str, str]:
    """Selectable groups as ``type:key`` → label, everyone first."""
    found: dict[str, str] = {}
    for r in ctx.session.rows("trend_groups"):
        value = f"{r['group_type']}:{r['group_key']}"
        if r["group_type"] == "all":
            found[value] = ctx.t("dash.trends.everyone")
        elif r["group_type"] == "category":
            found[value] = ctx.t("dash.trends.category", name=category_label(r["group_key"],
                                                                           ctx.lang))
        else:
            found[value] = platform_name({"slug": r["group_key"], **r}, ctx.lang)
    first = {k: v for k, v in found.items() if k.startswith("all:")}
    return first | {k: v for k, v in found.items() if not k.startswith("all:")}


def _selected(ctx: PageContext, groups: dict[str, str]) -> str | None:
    default = next(iter(groups), None)
    return ctx.query.choice("group", groups, default)


def _chart(ctx: PageContext, metric: str, kind: str, rows: list[dict], name: str,
           cells) -> Any:
    title = ctx.t(f"dash.trends.{metric}")
    drawn = [r for r in rows if r[metric] is not None]
    x = [period_text(r["period"], ctx.lang) for r in drawn]
    shown = [cell_text(r[metric], kind, ctx.lang) for r in drawn]
    hover = [f"{name} · {p}: {s}" for p, s in zip(x, shown, strict=True)]
    band = metric == "removal_rate" and all(r["removal_ci_low"] is not None for r in drawn)
    series = charts.Series(name, x, [r[metric] for r in drawn], hover,
                           [r["removal_ci_low"] for r in drawn] if band else None,
                           [r["removal_ci_high"] for r in drawn] if band else None)
    figure = charts.lines([series], ctx.t("dash.axis.period"), title, ctx.lang,
                          percent=kind == "percent", x_type="category", height=300)
    table = data_table(
        [ctx.t("dash.col.period"), title],
        [[period_text(r["period"], ctx.lang),
          cell_text(r[metric], kind, ctx.lang, suppressed=cells(r, metric))] for r in rows],
        title, numeric=[False, True])
    return chart_block(title, figure, table, ctx.t("dash.chart.show_table"),
                       block_id=f"trend-{metric}")


def body(ctx: PageContext) -> list[Any]:
    start = len(ctx.query.notices)
    groups = _groups(ctx)
    selected = _selected(ctx, groups)
    found = ctx.query.notices[start:]
    del ctx.query.notices[start:]
    if selected is None:
        return [html.P(ctx.t("dash.trends.none"), className="empty")]
    group_type, _, group_key = selected.partition(":")
    rows = ctx.session.rows("trend", group_type=group_type, group_key=group_key)
    cells = hidden(ctx.session, "metrics_by_period")
    name = groups[selected]
    return [layout.notices(ctx.lang, found), html.H2(name),
            html.Div([_chart(ctx, m, kind, rows, name, cells) for m, kind in METRICS],
                     className="figure-grid")]


def render(ctx: PageContext) -> list[Any]:
    if not ctx.session.has("metrics_by_period"):
        return layout.page(ctx, ctx.t("dash.trends.title"),
                           [html.P(ctx.t("dash.trends.none"), className="empty")])
    content = body(ctx)
    start = len(ctx.query.notices)
    groups = _groups(ctx)
    selected = _selected(ctx, groups)
    del ctx.query.notices[start:]
    control = filters.control("group", ctx.t("dash.trends.group"), selected,
                              [{"label": v, "value": k} for k, v in groups.items()], ctx.lang)
    return layout.page(ctx, ctx.t("dash.trends.title"), [
        filters.bar([control], ctx.t("dash.filter.label")),
        html.Div(content, id="page-body", **{"aria-live": "polite"}),
    ], ctx.t("dash.trends.intro"))
