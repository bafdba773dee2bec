"""Pages for when there is nothing to show: no database yet, an unknown address, a failure."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from core.i18n import t
from dashboard.components import layout
from dashboard.context import PageContext
from dashboard.db import Status


def missing(lang: str, path: str, raw: dict[str, str], status: Status, db_path: str) -> list:
    """How to build ``public.duckdb`` when it is absent, empty or unreadable."""
    steps = [
        html.P(t(f"dash.missing.{status.value}", lang, path=db_path)),
        html.P(t("dash.missing.demo", lang)),
        html.Pre(html.Code("tada demo")),
        html.P(t("dash.missing.own", lang)),
        html.Pre(html.Code("tada ingest case-log.csv\ntada score\ntada dashboard")),
        html.P(t("dash.missing.reload", lang)),
    ]
    return layout.bare_page(lang, path, raw, t("dash.missing.title", lang), steps, "missing-db")


def failure(lang: str, path: str, raw: dict[str, str]) -> list:
    """A request that failed: a plain apology, never a traceback."""
    return layout.bare_page(lang, path, raw, t("dash.failure.title", lang),
                            [html.P(t("dash.failure.text", lang)),
                             dcc.Link(t("dash.notfound.back", lang), href="/")], "failure")


def not_found(ctx: PageContext, what: str = "page", value: str = "") -> list[Any]:
    text = ctx.t(f"dash.notfound.{what}", value=value[:80])
    return layout.page(ctx, ctx.t("dash.notfound.title"), [
        html.P(text, id="not-found"),
        html.P(dcc.Link(ctx.t("dash.notfound.back"), href=ctx.href("/"))),
    ])
