"""A list of change records: what changed for victims, with both quotes."""

from __future__ import annotations

from typing import Any

from dash import html

from core.changes import describe, is_significant
from dashboard.context import PageContext


def _lang_of(change: dict[str, Any]) -> str:
    return "zh-Hant" if str(change.get("lang", "")).lower().startswith("zh") else "en"


def quotes(ctx: PageContext, change: dict[str, Any]) -> list[Any]:
    found: list[Any] = []
    for key, label in (("before_quote", "dash.changes.before"),
                       ("after_quote", "dash.changes.after")):
        if change.get(key):
            found += [html.Dt(ctx.t(label)),
                      html.Dd(html.Blockquote(change[key], className="quote",
                                              lang=_lang_of(change)))]
    return [html.Dl(found, className="change-quotes")] if found else []


def change_items(ctx: PageContext, changes: list[dict[str, Any]]) -> html.Ul:
    """Element changes first, each with its quotes; otherwise the one wording/boilerplate
    note."""
    ordered = sorted(changes, key=lambda c: not is_significant(c))
    return html.Ul([
        html.Li([html.Span(describe(c, ctx.lang), className="change-what"), *quotes(ctx, c)],
                className="change significant" if is_significant(c) else "change minor")
        for c in ordered
    ], className="change-list")
