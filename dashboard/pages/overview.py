"""Overview: every platform ranked, with its grade, removal figures and policy badges."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from core.i18n import fmt_number
from core.registry import CATEGORIES
from dashboard import ranking
from dashboard.components import charts, filters, layout
from dashboard.components.badges import grade_badge, value_badge
from dashboard.components.tables import chart_block, data_table
from dashboard.context import PageContext
from dashboard.methodology import element_label, short_label
from dashboard.pages.common import element_order, load_methodology, periods
from dashboard.text import category_label, cell_text, interval_text, period_text, platform_name
from dashboard.validate import Notice, valid_period

PARAMS = ("category", "period", "sort", "dir")
HEADERS = {"removal_rate": "dash.col.removal_rate_ci"}
COLUMNS = ("rank", "platform", "category", "grade", "overall_score", "removal_rate",
           "cif_removed_48h", "median_first_response_hours", "items", "dsa_ncii_per_day")
# Columns whose heading carries an explanation (tooltip, and a note under the table).
EXPLAINED = ("dsa_ncii_per_day",)


def _filters(ctx: PageContext, category: str | None, period: str | None,
             available: list[str]) -> html.Div:
    categories = [{"label": ctx.t("dash.filter.all"), "value": "all"}] + [
        {"label": category_label(c, ctx.lang), "value": c} for c in CATEGORIES]
    quarters = [{"label": ctx.t("dash.filter.all_periods"), "value": "all"}] + [
        {"label": period_text(p, ctx.lang), "value": p} for p in available]
    return filters.bar([
        filters.control("category", ctx.t("dash.filter.category"), category or "all",
                        categories, ctx.lang),
        filters.control("period", ctx.t("dash.filter.period"), period or "all", quarters,
                        ctx.lang),
    ], ctx.t("dash.filter.label"))


def _params(ctx: PageContext) -> tuple[str | None, str | None, str, str, list[str]]:
    q = ctx.query
    category = q.choice("category", (*CATEGORIES, "all"), "all")
    available = periods(ctx.session)
    period = q.raw.get("period")
    if period in (None, "", "all"):
        period = None
    elif not valid_period(period) or period not in available:
        q.notices.append(Notice("dash.notice.period", {"value": period[:40]}))
        period = None
    sort = q.choice("sort", ranking.SORTS, "rank")
    direction = q.choice("dir", ranking.DIRECTIONS, ranking.SORTS[sort][1])
    return (None if category == "all" else category), period, sort, direction, available


def layout_(ctx: PageContext) -> list[Any]:
    content = body(ctx)  # reports its own notices
    start = len(ctx.query.notices)
    category, period, _, _, available = _params(ctx)
    del ctx.query.notices[start:]
    return [_filters(ctx, category, period, available),
            html.Div(content, id="page-body", **{"aria-live": "polite"})]


def _sort_header(ctx: PageContext, column: str, sort: str, direction: str, params: dict) -> Any:
    text = ctx.t(HEADERS.get(column, f"dash.col.{column}"))
    nxt = ("desc" if direction == "asc" else "asc") if column == sort else ranking.SORTS[column][1]
    arrow = {"asc": " ▲", "desc": " ▼"}[direction] if column == sort else ""
    title = ctx.t("dash.sort.by", column=text)
    if column in EXPLAINED:
        title = f"{title}. {ctx.t(f'dash.col.{column}.title')}"
    return dcc.Link([text, html.Span(arrow, **{"aria-hidden": "true"})],
                    href=ctx.href("/", **params, sort=column, dir=nxt), className="sort-link",
                    title=title)


def _cells(ctx: PageContext, row: dict, data: ranking.Ranking, order: list[str],
           method) -> list[Any]:
    lang, short = ctx.lang, ranking.is_insufficient(row)

    def fig(column: str, kind: str) -> str:
        return cell_text(row.get(column), kind, lang, suppressed=data.hidden(row, column),
                         insufficient=short and not data.period)

    rate = fig("removal_rate", "percent")
    ci = interval_text(row.get("removal_ci_low"), row.get("removal_ci_high"), "percent", lang)
    badges = data.badges.get(row["slug"], {})
    return [
        # an unranked platform's grade cell already says why; the rank stays a plain dash
        cell_text(row["rank"], "count", lang) if row.get("rank") is not None else "—",
        dcc.Link(platform_name(row, lang), href=ctx.href(f"/platform/{row['slug']}"),
                 className="platform-link"),
        category_label(row.get("category"), lang),
        grade_badge(row.get("grade"), lang),
        cell_text(row.get("overall_score"), "score", lang, insufficient=short),
        html.Span([rate, html.Br(), html.Small(ci)] if ci else rate),
        fig("cif_removed_48h", "percent"),
        fig("median_first_response_hours", "hours"),
        fig("items", "count"),
        fmt_number(row["dsa_ncii_per_day"], lang, 1) if row.get("dsa_ncii_per_day") is not None
        else ctx.t("dash.cell.none"),
        html.Div([value_badge(badges.get(e), lang, element_label(e, lang, method),
                              short_label(e, lang, method))
                  for e in order if e in badges], className="badges"),
    ]


def _chart(ctx: PageContext, rows: list[dict], data: ranking.Ranking) -> Any:
    lang = ctx.lang
    drawn = [r for r in rows if r.get("removal_rate") is not None
             and r.get("removal_ci_low") is not None and r.get("removal_ci_high") is not None]
    left_out = [platform_name(r, lang) for r in rows if r not in drawn]
    names = [platform_name(r, lang) for r in drawn]
    hover = [ctx.t("dash.hover.rate", platform=n, rate=cell_text(r["removal_rate"], "percent",
                                                                 lang),
                   interval=interval_text(r["removal_ci_low"], r["removal_ci_high"], "percent",
                                          lang))
             for n, r in zip(names, drawn, strict=True)]
    figure = charts.interval_bars(names, [r["removal_rate"] for r in drawn],
                                  [r["removal_ci_low"] for r in drawn],
                                  [r["removal_ci_high"] for r in drawn], hover,
                                  ctx.t("dash.axis.removal_rate"), lang)
    table = data_table(
        [ctx.t("dash.col.platform"), ctx.t("dash.col.removal_rate"), ctx.t("dash.col.ci_low"),
         ctx.t("dash.col.ci_high")],
        [[n, cell_text(r["removal_rate"], "percent", lang),
          cell_text(r["removal_ci_low"], "percent", lang),
          cell_text(r["removal_ci_high"], "percent", lang)] for n, r in zip(names, drawn,
                                                                           strict=True)],
        ctx.t("dash.chart.removal.title"), numeric=[False, True, True, True])
    note = ctx.t("dash.chart.left_out", names=", ".join(left_out)) if left_out else ""
    return chart_block(ctx.t("dash.chart.removal.title"), figure, table,
                       ctx.t("dash.chart.show_table"), note, block_id="removal-chart", level=2)


def body(ctx: PageContext) -> list[Any]:
    start = len(ctx.query.notices)
    category, period, sort, direction, _ = _params(ctx)
    data = ranking.load(ctx.session, category, period)
    rows = ranking.sort_rows(data.rows, sort, direction, ctx.lang)
    found = ctx.query.notices[start:]
    del ctx.query.notices[start:]
    method = load_methodology(ctx.session)
    order = element_order(ctx.session, method)
    params = {"category": category, "period": period}
    headers = [_sort_header(ctx, c, sort, direction, params) for c in COLUMNS]
    headers.append(ctx.t("dash.col.policy"))
    aria = [({"aria-sort": "ascending" if direction == "asc" else "descending"}
             if c == sort else {}) for c in COLUMNS] + [{}]
    scope = ctx.t("dash.overview.scope.period", period=period_text(period, ctx.lang)) if period \
        else ctx.t("dash.overview.scope.all")
    table = data_table(headers, [_cells(ctx, r, data, order, method) for r in rows],
                       ctx.t("dash.overview.table", count=len(rows)),
                       numeric=[True, False, False, False, True, True, True, True, True, True,
                                False],
                       class_name="ranking", header_attrs=aria)
    note = html.P(ctx.t("dash.col.dsa_ncii_per_day.title"), className="note",
                  id="dsa-column-note")
    return [layout.notices(ctx.lang, found), html.P(scope, className="scope"),
            _chart(ctx, rows, data), html.H2(ctx.t("dash.overview.ranking")), table, note]


def render(ctx: PageContext) -> list[Any]:
    return layout.page(ctx, ctx.t("dash.overview.title"), layout_(ctx),
                       ctx.t("dash.overview.intro"))
