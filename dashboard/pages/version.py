"""An archived readable version of a policy document, and its diff against the previous one."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from core.archive import capture_time
from dashboard import changes as change_data
from dashboard.components import layout
from dashboard.components.changes import change_items
from dashboard.context import PageContext
from dashboard.pages import errors
from dashboard.text import date_text, doc_lang_label, document_label, platform_name
from dashboard.validate import valid_slug, valid_version_id


def _load(ctx: PageContext) -> tuple[dict | None, dict | None]:
    slug, version_id = ctx.args.get("slug", ""), ctx.args.get("version_id", "")
    if not (valid_slug(slug) and valid_version_id(version_id)
            and ctx.session.has("policy_versions")):
        return None, None
    identity = ctx.session.one("platform", slug=slug)
    found = ctx.session.one("policy_version", slug=slug, version_id=version_id)
    return identity, found


def _header(ctx: PageContext, identity: dict, v: dict, diff: bool) -> tuple[str, list[Any]]:
    slug = v["slug"]
    base = f"/platform/{slug}/version/{v['version_id']}"
    title = ctx.t("dash.version.diff_title" if diff else "dash.version.title",
                  platform=platform_name(identity, ctx.lang),
                  document=document_label(v["document_type"], ctx.lang))
    facts = [
        html.Dt(ctx.t("dash.version.captured")), html.Dd(date_text(capture_time(v), ctx.lang)),
        html.Dt(ctx.t("dash.version.fetched")), html.Dd(date_text(v["fetched_at"], ctx.lang)),
        html.Dt(ctx.t("dash.version.lang")), html.Dd(doc_lang_label(v["lang"], ctx.lang)),
        html.Dt(ctx.t("dash.version.id")), html.Dd(html.Code(v["version_id"])),
        html.Dt(ctx.t("dash.version.source")),
        html.Dd(html.A(v["url"], href=v["url"], rel="noopener noreferrer nofollow",
                       target="_blank") if v.get("url") else "—"),
    ]
    links: list[Any] = [dcc.Link(ctx.t("dash.version.back"), href=ctx.href(f"/platform/{slug}"))]
    if diff:
        links += [" · ", dcc.Link(ctx.t("dash.timeline.read"), href=ctx.href(base))]
    elif v.get("diff"):
        links += [" · ", dcc.Link(ctx.t("dash.timeline.diff"), href=ctx.href(base + "/diff"))]
    if v.get("previous_version_id"):
        links += [" · ", dcc.Link(ctx.t("dash.version.previous"),
                                  href=ctx.href(f"/platform/{slug}/version/"
                                                f"{v['previous_version_id']}"))]
    return title, [html.Dl(facts, className="summary"), html.P(links, className="version-nav")]


def render(ctx: PageContext) -> list[Any]:
    identity, v = _load(ctx)
    if identity is None or v is None:
        return errors.not_found(ctx, "version", ctx.args.get("version_id", ""))
    title, head = _header(ctx, identity, v, diff=False)
    text = html.Article(dcc.Markdown(v.get("markdown") or "", link_target="_blank"),
                        className="policy-text", id="policy-text",
                        lang="zh-Hant" if str(v["lang"]).lower().startswith("zh") else "en")
    return layout.page(ctx, title, [*head, html.P(ctx.t("dash.version.archived_note"),
                                                  className="note"), text])


def diff_lines(diff: str) -> list[html.Span]:
    """A unified diff as lines marked added, removed or context (the +/- stays visible)."""
    spans = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "ctx"
        spans.append(html.Span(line + "\n", className=f"diff-{kind}"))
    return spans


def render_diff(ctx: PageContext) -> list[Any]:
    identity, v = _load(ctx)
    if identity is None or v is None or not v.get("diff"):
        return errors.not_found(ctx, "diff", ctx.args.get("version_id", ""))
    title, head = _header(ctx, identity, v, diff=True)
    legend = html.P([html.Span("+ " + ctx.t("dash.diff.added"), className="diff-add"), " ",
                     html.Span("− " + ctx.t("dash.diff.removed"), className="diff-del")],
                    className="diff-legend")
    found = change_data.by_version(change_data.load(ctx.archive), v["slug"])
    summary: list[Any] = [html.H2(ctx.t("dash.changes.in_version")),
                          change_items(ctx, found[v["version_id"]])] \
        if v["version_id"] in found else []
    return layout.page(ctx, title, [*head, *summary, legend,
                                    html.Pre(diff_lines(v["diff"]), className="diff",
                                             id="diff", tabIndex="0")])
