"""The platform page's evidence sections: policy elements, form audits, change timeline."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from core.archive import capture_time
from core.public_schema import FORM_AUDIT_CHECKS
from dashboard import changes as change_data
from dashboard.components.badges import value_badge, yes_no
from dashboard.components.changes import change_items
from dashboard.components.tables import data_table
from dashboard.context import PageContext
from dashboard.methodology import Methodology, element_label
from dashboard.text import date_text, doc_lang_label, document_label

# Form answers where "yes" is a barrier to a victim rather than a help.
BARRIERS = {"account_required", "captcha", "needs_js"}


def _source(ctx: PageContext, slug: str, row: dict) -> list[Any]:
    parts: list[Any] = [document_label(row.get("document_type"), ctx.lang), " · ",
                        doc_lang_label(row.get("lang"), ctx.lang), html.Br(),
                        html.Time(date_text(capture_time(row), ctx.lang))]
    if row.get("version_id"):
        parts += [html.Br(), dcc.Link(ctx.t("dash.platform.archived"),
                                      href=ctx.href(f"/platform/{slug}/version/"
                                                    f"{row['version_id']}"),
                                      className="archived-link")]
    return parts


def elements(ctx: PageContext, slug: str, order: list[str], method: Methodology) -> Any:
    rows = {r["element"]: r for r in ctx.session.rows("platform_elements", slug=slug)} \
        if ctx.session.has("policy_elements") else {}
    if not rows:
        return html.P(ctx.t("dash.platform.no_policy"), className="empty")
    table_rows = []
    for element in [e for e in order if e in rows] + sorted(set(rows) - set(order)):
        r = rows[element]
        quote = (html.Blockquote(r["quote"], className="quote", lang=_quote_lang(r))
                 if r.get("quote") else html.Span(ctx.t("dash.platform.no_quote"),
                                                  className="empty"))
        table_rows.append([element_label(element, ctx.lang, method),
                           value_badge(r.get("value"), ctx.lang), quote,
                           html.Span(_source(ctx, slug, r))])
    return data_table([ctx.t("dash.col.element"), ctx.t("dash.col.answer"),
                       ctx.t("dash.col.evidence"), ctx.t("dash.col.source")], table_rows,
                      ctx.t("dash.platform.elements.caption"), class_name="evidence")


def _quote_lang(row: dict) -> str | None:
    code = (row.get("lang") or "").lower()
    return "zh-Hant" if code.startswith("zh") else ("en" if code == "en" else None)


def forms(ctx: PageContext, slug: str) -> Any:
    audits = ctx.session.rows("platform_forms", slug=slug) if ctx.session.has("form_audits") \
        else []
    if not audits:
        return html.P(ctx.t("dash.platform.no_forms"), className="empty")
    checks = FORM_AUDIT_CHECKS
    headers = [ctx.t("dash.form.check")] + [
        html.Span([doc_lang_label(a.get("lang"), ctx.lang), html.Br(),
                   html.Small(date_text(capture_time(a), ctx.lang))]) for a in audits]
    rows: list[list[Any]] = [[ctx.t(f"dash.form.{c}")] + [
        yes_no(a.get(c), ctx.lang, yes_is_good=c not in BARRIERS) for a in audits]
        for c in checks]
    rows.append([ctx.t("dash.form.languages")] + [_languages(a.get("languages"), ctx)
                                                  for a in audits])
    rows.append([ctx.t("dash.form.url")] + [
        html.A(ctx.t("dash.form.open"), href=a["url"], rel="noopener noreferrer nofollow",
               target="_blank") if a.get("url") else "" for a in audits])
    return data_table(headers, rows, ctx.t("dash.platform.forms.caption"), class_name="forms")


def _languages(value: Any, ctx: PageContext) -> str:
    if not value:
        return ctx.t("dash.cell.none")
    codes = value if isinstance(value, list | tuple) else str(value).replace(";", ",").split(",")
    return ", ".join(doc_lang_label(str(c).strip(), ctx.lang) for c in codes if str(c).strip())


def timeline(ctx: PageContext, slug: str) -> Any:
    versions = ctx.session.rows("platform_versions", slug=slug) \
        if ctx.session.has("policy_versions") else []
    if not versions:
        return html.P(ctx.t("dash.platform.no_versions"), className="empty")
    found = change_data.by_version(change_data.load(ctx.archive), slug)
    items = []
    for v in versions:
        base = f"/platform/{slug}/version/{v['version_id']}"
        links: list[Any] = [dcc.Link(ctx.t("dash.timeline.read"), href=ctx.href(base))]
        if v.get("has_diff"):
            links += [" · ", dcc.Link(ctx.t("dash.timeline.diff"), href=ctx.href(base + "/diff"),
                                      className="diff-link")]
        kind = ctx.t("dash.timeline.changed") if v.get("previous_version_id") else \
            ctx.t("dash.timeline.first")
        items.append(html.Li([
            html.Time(date_text(capture_time(v), ctx.lang), className="when"),
            html.Span([document_label(v.get("document_type"), ctx.lang), " · ",
                       doc_lang_label(v.get("lang"), ctx.lang), " — ", kind],
                      className="what"),
            # what changed for victims comes before the raw diff
            *([change_items(ctx, found[v["version_id"]])] if v["version_id"] in found else []),
            html.Span(links, className="links"),
        ]))
    return html.Ol(items, className="timeline", id="timeline")
