"""From an address to a page: the routes, and the callbacks that draw them.

The whole page is drawn when the path or the language changes. A filter only rewrites the
query string and redraws the page's ``page-body``, so the control keeps its focus; the
``expected`` store tells the two cases apart (the filter callback records the query string it
wrote). Back/forward and links are full redraws, so controls always match the address.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from dash import ALL, Dash, Input, Output, State, no_update

from core.i18n import t
from core.paths import DataDir
from dashboard import validate
from dashboard.context import PageContext
from dashboard.db import PublicDB, Status
from dashboard.pages import (
    categories,
    changes_page,
    downloads,
    errors,
    methodology_page,
    overview,
    platform,
    trends,
    version,
)

log = logging.getLogger(__name__)
Render = Callable[[PageContext], list[Any]]

ROUTES: tuple[tuple[re.Pattern[str], Render], ...] = (
    (re.compile(r"^/$"), overview.render),
    (re.compile(r"^/categories/?$"), categories.render),
    (re.compile(r"^/trends/?$"), trends.render),
    (re.compile(r"^/methodology/?$"), methodology_page.render),
    (re.compile(r"^/downloads/?$"), downloads.render),
    (re.compile(r"^/changes/?$"), changes_page.render),
    (re.compile(r"^/platform/(?P<slug>[^/]{1,100})/?$"), platform.render),
    (re.compile(r"^/platform/(?P<slug>[^/]{1,100})/version/(?P<version_id>[^/]{1,100})/?$"),
     version.render),
    (re.compile(r"^/platform/(?P<slug>[^/]{1,100})/version/(?P<version_id>[^/]{1,100})/diff/?$"),
     version.render_diff),
)
# Pages whose ``page-body`` follows their filters without a full redraw.
BODIES: dict[str, Render] = {"/": overview.body, "/trends": trends.body,
                             "/changes": changes_page.body}
BODY_PARAMS: dict[str, tuple[str, ...]] = {"/": overview.PARAMS, "/trends": trends.PARAMS,
                                           "/changes": changes_page.PARAMS}


def _with_session(db: PublicDB, pathname: str | None, search: str | None,
                  draw: Callable[[PageContext], list[Any]]) -> list[Any]:
    path = pathname or "/"
    query = validate.parse_query(search)
    if not db.path.exists() or db.path.stat().st_size == 0:
        status = Status.MISSING if not db.path.exists() else Status.EMPTY
        return errors.missing(query.lang, path, query.raw, status, str(db.path))
    try:
        with db.session() as session:
            if not session.ready():
                return errors.missing(query.lang, path, query.raw, Status.EMPTY, str(db.path))
            meta = {r["key"]: r["value"] for r in session.rows("meta")}
            if session.has("dsa_meta"):  # the EU figures' own flag, for their banner
                meta["dsa_synthetic"] = next((r["value"] for r in session.rows("dsa_meta")
                                              if r["key"] == "synthetic"), "")
            return draw(PageContext(query.lang, path, query, session, meta,
                                    archive=DataDir(db.path.parent).archive))
    except Exception:  # a reader sees an apology; the log keeps the detail
        log.exception("failed to draw %s%s", path, search or "")
        return errors.failure(query.lang, path, query.raw)


def _dispatch(ctx: PageContext) -> list[Any]:
    for pattern, render in ROUTES:
        match = pattern.match(ctx.path)
        if match:
            ctx.args = match.groupdict()
            return render(ctx)
    return errors.not_found(ctx, "page", ctx.path)


def render_page(db: PublicDB, pathname: str | None, search: str | None) -> list[Any]:
    """The full page for an address (also what the benchmark times)."""
    return _with_session(db, pathname, search, _dispatch)


def render_body(db: PublicDB, pathname: str | None, search: str | None) -> list[Any]:
    """Only the filter-driven part of a page."""
    path = (pathname or "/").rstrip("/") or "/"
    draw = BODIES.get(path)
    if draw is None:
        return []
    return _with_session(db, path, search, draw)


def merged_search(search: str | None, values: dict[str, Any]) -> str:
    """The query string with the filters' new values (``all`` means no filter)."""
    query = validate.parse_query(search)
    params = dict(query.raw)
    for name, value in values.items():
        params[name] = None if value in (None, "", "all") else str(value)
    return validate.search_string(query.lang, **params)


def page_title(lang: str) -> str:
    return t("dash.title", lang)


def register(app: Dash, db: PublicDB) -> None:
    @app.callback(Output("root", "children"), Output("rendered", "data"),
                  Output("controls", "data"),
                  Input("url", "pathname"), Input("url", "search"),
                  State("rendered", "data"), State("expected", "data"))
    def draw_page(pathname, search, rendered, expected):
        lang = validate.parse_query(search).lang
        key = {"path": pathname or "/", "lang": lang, "title": page_title(lang)}
        if rendered == key and (search or "") == (expected or ""):
            return no_update, no_update, no_update
        return render_page(db, pathname, search), key, None

    @app.callback(Output("page-body", "children"), Input("url", "search"),
                  State("url", "pathname"), State("expected", "data"),
                  prevent_initial_call=True)
    def draw_body(search, pathname, expected):
        if (search or "") != (expected or ""):
            return no_update  # a full redraw is under way
        return render_body(db, pathname, search)

    @app.callback(Output("url", "search"), Output("expected", "data"),
                  Output("controls", "data", allow_duplicate=True),
                  Input({"type": "qparam", "name": ALL, "initial": ALL}, "value"),
                  State({"type": "qparam", "name": ALL, "initial": ALL}, "id"),
                  State("url", "search"), State("controls", "data"),
                  prevent_initial_call=True)
    def apply_filters(values, ids, search, controls):
        # Controls report their value when they mount; that is not a choice by the reader.
        if controls is None and all(v == i["initial"] for v, i in zip(values, ids, strict=True)):
            return no_update, no_update, values
        new = merged_search(search, {i["name"]: v for i, v in zip(ids, values, strict=True)})
        if new == (search or ""):
            return no_update, no_update, values
        return new, new, values

    app.clientside_callback(
        """function (key) {
            if (key) {
                document.documentElement.lang = key.lang;
                document.title = key.title;
            }
            return window.dash_clientside.no_update;
        }""",
        Output("doc-meta", "data"), Input("rendered", "data"),
    )
