"""The platform page's section "What the platform reports to the EU": the platform's own
statements of reasons in the EU DSA Transparency Database, beside the NGO's figures, always
labelled as another population and always attributed (rules shared in ``core.dsa_public``)."""

from __future__ import annotations

from typing import Any

from dash import html

from core import dsa_public as dsa
from core.i18n import fmt_number
from dashboard.cells import hidden
from dashboard.components import charts
from dashboard.components.tables import chart_block, data_table
from dashboard.context import PageContext
from dashboard.text import cell_text, period_text


def _meta(ctx: PageContext) -> dict[str, str]:
    return {r["key"]: r["value"] for r in ctx.session.rows("dsa_meta")}


def _attribution(ctx: PageContext, meta: dict[str, str]) -> html.P:
    doi = meta.get("doi", "")
    return html.P([
        ctx.t("dsa.attribution", source=dsa.attribution(meta, ctx.lang)), " (",
        html.A(ctx.t("dash.dsa.licence"), href=meta.get("licence_url") or None,
               rel="license noopener noreferrer", target="_blank"), " · ",
        html.A(f"doi:{doi}", href=f"https://doi.org/{doi}", rel="noopener noreferrer",
               target="_blank"), ")"], className="attribution", id="dsa-attribution")


def _period_line(ctx: PageContext, quarter: str, same: bool, days: int,
                 ngo_quarters: list[str]) -> str:
    shown = period_text(quarter, ctx.lang)
    count = fmt_number(days, ctx.lang)
    if same:
        return ctx.t("dash.dsa.same_period", period=shown, days=count)
    if not ngo_quarters:
        return ctx.t("dash.dsa.no_ngo_period", period=shown, days=count)
    return ctx.t("dash.dsa.other_period", period=shown, days=count,
                 start=ctx.meta.get("reporting_period_start") or period_text(ngo_quarters[0],
                                                                            ctx.lang),
                 end=ctx.meta.get("reporting_period_end") or period_text(ngo_quarters[-1],
                                                                        ctx.lang))


def _marks(ctx: PageContext, column: str, notices: list[dsa.Notice]) -> list[Any]:
    """Superscript references to the notices about one figure (those not about all)."""
    marks: list[Any] = []
    for n in notices:
        if "*" not in n.columns and n.applies_to(column):
            marks.append(html.Sup(html.A(str(n.number), href=f"#dsa-notice-{n.id}",
                                         title=ctx.t("dash.dsa.notice_mark", n=n.number))))
    return marks


def _figures(ctx: PageContext, name: str, quarter: str, by_set: dict[str, dict],
             notices: list[dsa.Notice]) -> Any:
    lang = ctx.lang
    rows: list[list[Any]] = []
    for group, measures in dsa.GROUPS:
        rows.append([html.Strong(ctx.t(f"dsa.group.{group}"))] + ["" for _ in dsa.NCII_SETS])
        for column, kind in measures:
            rows.append([html.Span([ctx.t(f"dsa.measure.{column}"), *_marks(ctx, column,
                                                                             notices)])]
                        + [cell_text(by_set.get(s, {}).get(column), kind, lang)
                           for s in dsa.NCII_SETS])
            if column == "ncii":
                rows.append([ctx.t("dsa.measure.ncii_per_day")] + [
                    _per_day(by_set.get(s), lang) for s in dsa.NCII_SETS])
    headers = [ctx.t("dash.dsa.figures.measure")] + [ctx.t(f"dsa.set.{s}")
                                                     for s in dsa.NCII_SETS]
    return data_table(headers, rows, ctx.t("dash.dsa.figures.caption", platform=name,
                                           period=period_text(quarter, lang)),
                      numeric=[False, True, True], class_name="dsa-figures")


def _per_day(row: dict | None, lang: str) -> str:
    value = dsa.per_day([row]) if row else None
    return cell_text(None, "count", lang) if value is None else fmt_number(value, lang, 1)


def _side_by_side(ctx: PageContext, quarter: str, by_set: dict[str, dict],
                  ngo: dict[str, Any]) -> Any:
    lang = ctx.lang
    cells = hidden(ctx.session, "metrics_by_period")
    key = {**ngo, "group_type": "platform", "group_key": ctx.args.get("slug", "")}

    def eu(column: str, kind: str, share_of: str | None = None) -> list[str]:
        out = []
        for s in dsa.NCII_SETS:
            row = by_set.get(s, {})
            value = row.get(column)
            if share_of is not None:
                value = value / row[share_of] if value is not None and row.get(share_of) else None
            out.append(cell_text(value, kind, lang))
        return out

    def mine(column: str, kind: str) -> str:
        return cell_text(ngo.get(column), kind, lang, suppressed=cells(key, column))

    rows = [
        [ctx.t("dsa.side.count"), *eu("ncii", "count"), mine("items", "count")],
        [ctx.t("dsa.side.removed"), *eu("removed", "percent", "ncii"),
         mine("removal_rate", "percent")],
        [ctx.t("dsa.side.time"), *eu("delay_median_hours", "hours"),
         mine("median_first_response_hours", "hours")],
    ]
    headers = [ctx.t("dsa.side.measure")] + [ctx.t(f"dsa.set.{s}") for s in dsa.NCII_SETS] \
        + [ctx.t("dsa.side.ngo")]
    return html.Section([
        html.H3(ctx.t("dash.dsa.side.title", period=period_text(quarter, lang))),
        data_table(headers, rows, ctx.t("dash.dsa.side.caption"),
                   numeric=[False, True, True, True], class_name="dsa-side"),
    ], id="dsa-side-by-side")


def _chart(ctx: PageContext, months: dict[str, dict[str, dict]]) -> Any:
    lang = ctx.lang
    order = sorted(months)
    labels = list(order)  # "2025-08": the same in both languages
    series = [charts.Series(ctx.t(f"dsa.set.{s}"), labels,
                            [int(months[m].get(s, {}).get("ncii") or 0) for m in order],
                            ctx.t("dash.dsa.chart.hover", set=ctx.t(f"dsa.set.{s}")))
              for s in dsa.NCII_SETS]
    figure = charts.lines(series, ctx.t("dash.dsa.chart.axis_x"), ctx.t("dash.dsa.chart.axis_y"),
                          lang, percent=False, x_type="category", height=300)
    rows = []
    for m, label in zip(order, labels, strict=True):
        first = next(iter(months[m].values()))
        rows.append([label, cell_text(first.get("days"), "count", lang),
                     cell_text(first.get("statements"), "count", lang)]
                    + [cell_text(months[m].get(s, {}).get("ncii"), "count", lang)
                       for s in dsa.NCII_SETS])
    table = data_table([ctx.t("dash.dsa.col.month"), ctx.t("dash.dsa.col.days"),
                        ctx.t("dash.dsa.col.statements")]
                       + [ctx.t(f"dsa.set.{s}") for s in dsa.NCII_SETS], rows,
                       ctx.t("dash.dsa.chart.title"), numeric=[False, True, True, True, True])
    return chart_block(ctx.t("dash.dsa.chart.title"), figure, table,
                       ctx.t("dash.chart.show_table"), ctx.t("dash.dsa.chart.note"),
                       block_id="dsa-chart")


def _notices(ctx: PageContext, notices: list[dsa.Notice]) -> Any:
    items = []
    for n in notices:
        parts: list[Any] = [n.text_in(ctx.lang)]
        if n.source:
            parts += [" (", html.A(ctx.t("dash.dsa.notice_source"), href=n.source,
                                   rel="noopener noreferrer", target="_blank"), ")"]
        items.append(html.Li(parts, id=f"dsa-notice-{n.id}"))
    return html.Section([html.H3(ctx.t("dash.dsa.notices")),
                         html.Ol(items, className="dsa-notices")], id="dsa-notices")


def section(ctx: PageContext, slug: str, name: str) -> list[Any]:
    """The section's heading and content: the figures, or why there are none."""
    heading = html.H2(ctx.t("dash.dsa.title"), id="dsa")
    if not dsa.has_tables(ctx.session.tables()):
        return [heading, html.P(ctx.t("dash.dsa.no_tables"), className="empty", id="dsa-none")]
    meta = _meta(ctx)
    rows = ctx.session.rows("dsa_platform", slug=slug)
    if not rows:
        days = meta.get("days") or "0"
        text = ctx.t("dash.dsa.none_imported") if days == "0" else \
            ctx.t("dash.dsa.no_platform", days=fmt_number(int(days), ctx.lang))
        return [heading, html.P(text, className="empty", id="dsa-none")]
    quarters: dict[str, dict[str, dict]] = {}
    months: dict[str, dict[str, dict]] = {}
    for r in rows:
        target = quarters if r["period_type"] == "quarter" else months
        target.setdefault(r["period"], {})[r["ncii_set"]] = r
    ngo = {r["period"]: r for r in ctx.session.rows("platform_quarters", slug=slug)} \
        if ctx.session.has("metrics_by_period") else {}
    ngo_quarters = sorted(p for p, r in ngo.items() if r.get("items") != 0)
    quarter, same = dsa.choose_quarter(quarters, ngo_quarters)
    if quarter is None:  # figures always have quarter rows; nothing to show without one
        return [heading, html.P(ctx.t("dash.dsa.none_imported"), className="empty",
                                id="dsa-none")]
    by_set = quarters[quarter]
    first, last = dsa.period_days(quarter)
    notices = dsa.applicable_notices(ctx.session.rows("dsa_notices"),
                                     dsa.platform_names(slug), first, last)
    days = int(next(iter(by_set.values())).get("days") or 0)
    content: list[Any] = [heading]
    if dsa.is_synthetic(meta):
        content.append(html.P(html.Strong(ctx.t("dsa.synthetic")),
                              className="notice dsa-synthetic", id="dsa-synthetic"))
    content += [
        html.P(ctx.t("dsa.populations", platform=name), className="populations",
               id="dsa-populations"),
        html.P(_period_line(ctx, quarter, same, days, ngo_quarters), className="scope",
               id="dsa-period"),
    ]
    if same:
        content.append(_side_by_side(ctx, quarter, by_set, ngo[quarter]))
    content += [
        html.Ul([html.Li(ctx.t(f"dsa.set.{s}.what")) for s in dsa.NCII_SETS],
                className="dsa-sets"),
        _figures(ctx, name, quarter, by_set, notices),
        _chart(ctx, months),
        _notices(ctx, notices),
        html.P(ctx.t("dash.dsa.provenance", days=fmt_number(int(meta.get("days") or 0),
                                                            ctx.lang),
                     first=meta.get("first_day", ""), last=meta.get("last_day", "")),
               className="note", id="dsa-provenance"),
        _attribution(ctx, meta),
    ]
    return [html.Section(content, className="dsa", id="dsa-section")]
