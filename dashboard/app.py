"""The Dash application over ``public.duckdb``.

``create_app(path)`` builds an app for one database file. For a deployment,
``gunicorn dashboard.app:server`` serves the database of the data directory named by
``TADA_DATA_DIR`` (default ``./var``): ``server`` is built on first access, not at import.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from dash import Dash, dcc, html
from flask import request

from core.i18n import EN, t
from core.paths import DataDir
from dashboard import exports, feeds, headers, router, validate
from dashboard.db import PublicDB

ASSETS = Path(__file__).parent / "assets"
# ``{%lang%}`` is filled per request; Dash's own scripts sit in a plain <div>, not a second
# <footer> (that would be a second "contentinfo" landmark beside the page's footer).
INDEX = """<!DOCTYPE html>
<html lang="{%lang%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%feeds%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


class LocalisedDash(Dash):
    """A Dash app whose first HTML already has the language and title the address asks for,
    so a screen reader or a search engine gets them before any script runs; the router keeps
    both in step as the reader moves on."""

    def interpolate_index(self, **kwargs: str) -> str:
        lang = validate.parse_query(request.query_string.decode("latin-1")).lang
        kwargs["title"] = escape(router.page_title(lang))
        page = super().interpolate_index(**kwargs).replace("{%lang%}", lang, 1)
        return page.replace("{%feeds%}", feeds.discovery_links(request.path, lang), 1)


def create_app(public_db: Path, *, name: str = "tada-dashboard") -> Dash:
    """An app that reads ``public_db`` read-only; the file may appear or change later."""
    db = PublicDB(Path(public_db))
    app = LocalisedDash(
        name,
        assets_folder=str(ASSETS),
        title=t("dash.title", EN),
        update_title=None,  # Dash's "Updating..." title is not translated
        suppress_callback_exceptions=True,  # pages add components the first layout lacks
        serve_locally=True,  # no CDN: the app works offline
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        index_string=INDEX,
    )
    app.layout = html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="rendered"),
        dcc.Store(id="expected"),
        dcc.Store(id="controls"),
        dcc.Store(id="doc-meta"),
        html.Div(id="root", className="app"),
    ])
    router.register(app, db)
    exports.register(app.server, db)
    feeds.register(app.server, DataDir(db.path.parent).feeds)
    headers.register(app)  # after every callback, so each inline script is hashed
    return app


def app_for_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Dash:
    return create_app(DataDir.resolve(data_dir).public_db)


def __getattr__(name: str):
    # ``server`` for WSGI servers, built lazily so importing this module has no side effects.
    if name == "server":
        global server
        server = app_for_data_dir().server
        return server
    raise AttributeError(name)
