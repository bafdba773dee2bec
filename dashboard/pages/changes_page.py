"""Changes: a timeline of policy-element changes across platforms, newest first, filterable
by platform and element, each linking to the diff it was read from."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from core.archive import capture_time
from core.changes import element_label
from core.i18n import fmt_number
from dashboard import changes as change_data
from dashboard.components import filters, layout
from dashboard.components.changes import change_items
from dashboard.context import PageContext
from dashboard.text import date_text, document_label, platform_name

PARAMS = ("platform", "element")
ALL = "all"


def _names(ctx: PageContext) -> dict[str, str]:
    return {r["slug"]: platform_name(r, ctx.lang) for r in ctx.session.rows("platform_names")}


def _choices(ctx: PageContext, changes: list[dict[str, Any]]) -> tuple[dict[str, str],
                                                                          dict[str, str]]:
    names = _names(ctx)
    platforms = {ALL: ctx.t("dash.changes.all_platforms")} | dict(sorted(
        ((c["platform"], names.get(c["platform"], c["platform"])) for c in changes),
        key=lambda pair: pair[1]))
    elements = {ALL: ctx.t("dash.changes.all_elements")} | dict(sorted(
        ((c["element"], element_label(c["element"], ctx.lang)) for c in changes
         if c.get("element")), key=lambda pair: pair[1]))
    return platforms, elements


def _selected(ctx: PageContext, changes: list[dict[str, Any]]) -> tuple[str, str]:
    platforms, elements = _choices(ctx, changes)
    return (ctx.query.choice("platform", platforms, ALL) or ALL,
            ctx.query.choice("element", elements, ALL) or ALL)


def _entry(ctx: PageContext, change: dict[str, Any], names: dict[str, str]) -> html.Li:
    slug = change["platform"]
    page = f"/platform/{slug}/version/{change['version_id']}"
    links: list[Any] = []
    if change.get("diff_path"):
        links += [dcc.Link(ctx.t("dash.timeline.diff"), href=ctx.href(page + "/diff"),
                           className="diff-link"), " · "]
    links.append(dcc.Link(ctx.t("dash.timeline.read"), href=ctx.href(page)))
    return html.Li([
        html.Time(date_text(capture_time(change), ctx.lang), className="when",
                  dateTime=capture_time(change)),
        html.Span([dcc.Link(names.get(slug, slug), href=ctx.href(f"/platform/{slug}")), " · ",
                   document_label(change["document_type"], ctx.lang)], className="what"),
        change_items(ctx, [change]),
        html.Span(links, className="links"),
    ], className="change-entry")


def body(ctx: PageContext) -> list[Any]:
    start = len(ctx.query.notices)
    changes = change_data.significant(change_data.load(ctx.archive))
    platform, element = _selected(ctx, changes)
    found = ctx.query.notices[start:]
    del ctx.query.notices[start:]
    shown = [c for c in changes if platform in (ALL, c["platform"])
             and element in (ALL, c.get("element"))]
    if not shown:
        return [layout.notices(ctx.lang, found),
                html.P(ctx.t("dash.changes.none"), className="empty")]
    names = _names(ctx)
    return [layout.notices(ctx.lang, found),
            html.P(ctx.t("dash.changes.count", count=fmt_number(len(shown), ctx.lang)),
                   className="count"),
            html.Ol([_entry(ctx, c, names) for c in shown], className="timeline changes",
                    id="changes")]


def render(ctx: PageContext) -> list[Any]:
    content = body(ctx)
    changes = change_data.significant(change_data.load(ctx.archive))
    start = len(ctx.query.notices)
    platform, element = _selected(ctx, changes)
    del ctx.query.notices[start:]
    platforms, elements = _choices(ctx, changes)
    controls = [
        filters.control("platform", ctx.t("dash.changes.platform"), platform,
                        [{"label": v, "value": k} for k, v in platforms.items()], ctx.lang),
        filters.control("element", ctx.t("dash.changes.element"), element,
                        [{"label": v, "value": k} for k, v in elements.items()], ctx.lang),
    ]
    feed = html.P(html.A(ctx.t("dash.changes.feed"), href="/feeds/all.atom",
                         className="feed-link"))
    return layout.page(ctx, ctx.t("dash.changes.title"), [
        feed, filters.bar(controls, ctx.t("dash.filter.label")),
        html.Div(content, id="page-body", **{"aria-live": "polite"}),
    ], ctx.t("dash.changes.intro"))
