"""Categories: the service report's figures regenerated, and the per-category scorecard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import html

from dashboard.cells import Hidden, hidden
from dashboard.components import charts, layout
from dashboard.components.tables import chart_block, data_table
from dashboard.context import PageContext
from dashboard.text import category_label, cell_text, interval_text, label, platform_name

# figure id → (how a group is named, which value the bars draw)
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("category_share", "category", "share"),
    ("category_removed_share", "category", "share"),
    ("top_social_media", "platform", "count"),
    ("gender_share", "gender", "share"),
    ("relation_share", "relation", "share"),
)
CATEGORY_COLUMNS = (("items", "count"), ("item_share", "percent"), ("removal_rate", "percent"),
                    ("cif_removed_48h", "percent"), ("median_first_response_hours", "hours"),
                    ("no_response_30d_share", "percent"))


def _namer(kind: str, lang: str) -> Callable[[dict], str]:
    if kind == "platform":
        return lambda r: platform_name({"slug": r["group_key"], **r}, lang)
    if kind == "category":
        return lambda r: category_label(r["group_key"], lang)
    return lambda r: label(f"{kind}.{r['group_key']}", lang, r["group_key"])


def _figure(ctx: PageContext, figure: str, kind: str, value: str, rows: list[dict],
            cells: Hidden) -> Any:
    name = _namer(kind, ctx.lang)
    title = ctx.t(f"dash.figure.{figure}")
    count_label, share_label = ctx.t(f"dash.figure.{figure}.count"), \
        ctx.t(f"dash.figure.{figure}.share")

    def show(r: dict, column: str) -> str:
        return cell_text(r[column], "count" if column == "count" else "percent", ctx.lang,
                         suppressed=cells(r, column))

    drawn = [r for r in rows if r[value] is not None]
    left_out = [name(r) for r in rows if r[value] is None]
    hover = [f"{name(r)}: {show(r, 'count')} · {show(r, 'share')}" for r in drawn]
    figure_ = charts.bars([name(r) for r in drawn], [r[value] for r in drawn], hover,
                          count_label if value == "count" else share_label, ctx.lang,
                          percent=value == "share", colour=FIGURES.index(
                              next(f for f in FIGURES if f[0] == figure)))
    table = data_table([ctx.t(f"dash.group.{kind}"), count_label, share_label],
                       [[name(r), show(r, "count"), show(r, "share")] for r in rows], title,
                       numeric=[False, True, True])
    note = ctx.t("dash.chart.left_out", names=", ".join(left_out)) if left_out else ""
    return chart_block(title, figure_, table, ctx.t("dash.chart.show_table"), note,
                       block_id=f"figure-{figure}")


def _headline(ctx: PageContext, totals: dict[str, dict], cells: Hidden) -> Any:
    def value(key: str, column: str, kind: str) -> str:
        row = totals.get(key)
        if row is None:
            return ctx.t("dash.cell.none")
        return cell_text(row[column], kind, ctx.lang, suppressed=cells(row, column))

    return html.P(ctx.t("dash.categories.headline", cases=value("cases", "count", "count"),
                        items=value("items", "count", "count"),
                        removed=value("removed", "share", "percent")),
                  className="headline", id="headline")


def _category_table(ctx: PageContext) -> Any:
    if not ctx.session.has("scorecard_category"):
        return None
    rows = ctx.session.rows("category_scorecard")
    cells = hidden(ctx.session, "scorecard_category")
    body = []
    for r in rows:
        line: list[Any] = [category_label(r["category"], ctx.lang)]
        for column, kind in CATEGORY_COLUMNS:
            text = cell_text(r.get(column), kind, ctx.lang, suppressed=cells(r, column))
            if column == "removal_rate":
                ci = interval_text(r.get("removal_ci_low"), r.get("removal_ci_high"), kind,
                                   ctx.lang)
                text = html.Span([text, html.Br(), html.Small(ci)]) if ci else text
            line.append(text)
        body.append(line)
    return data_table([ctx.t("dash.col.category")] + [ctx.t(f"dash.col.{c}")
                                                      for c, _ in CATEGORY_COLUMNS],
                      body, ctx.t("dash.categories.table"),
                      numeric=[False] + [True] * len(CATEGORY_COLUMNS))


def render(ctx: PageContext) -> list[Any]:
    rows = ctx.session.rows("report_figures") if ctx.session.has("report_figures") else []
    cells = hidden(ctx.session, "report_figures")
    by_figure: dict[str, list[dict]] = {}
    for r in rows:
        by_figure.setdefault(r["figure"], []).append(r)
    content: list[Any] = []
    if rows:
        content.append(_headline(ctx, {r["group_key"]: r for r in by_figure.get("totals", [])},
                                 cells))
    content.append(html.H2(ctx.t("dash.categories.scorecard")))
    content.append(_category_table(ctx))
    content.append(html.H2(ctx.t("dash.categories.report")))
    shown = [f for f in FIGURES if by_figure.get(f[0])]
    if not shown:
        content.append(html.P(ctx.t("dash.categories.no_figures"), className="empty"))
    content += [html.Div([_figure(ctx, f, kind, value, by_figure[f], cells)
                          for f, kind, value in shown], className="figure-grid")]
    return layout.page(ctx, ctx.t("dash.categories.title"), content,
                       ctx.t("dash.categories.intro"))
