"""The frame around every page: skip link, navigation, language switch, banners, footer."""

from __future__ import annotations

import re
from typing import Any

from dash import dcc, html

from core.i18n import EN, ZH, t
from dashboard.context import PageContext
from dashboard.text import date_text
from dashboard.validate import Notice, href

NAV = (("/", "dash.nav.overview"), ("/categories", "dash.nav.categories"),
       ("/trends", "dash.nav.trends"), ("/changes", "dash.nav.changes"),
       ("/methodology", "dash.nav.methodology"),
       ("/downloads", "dash.nav.downloads"))
LANG_NAMES = {EN: "English", ZH: "繁體中文"}
_HTML_LANG = {EN: "en", ZH: "zh-Hant-HK"}


# A path of plain segments, as every route's is. Anything else (a second leading slash, a
# backslash, a scheme, a control character a browser drops) could make a link leave the site.
_ROUTE_PATH = re.compile(r"/(?:[A-Za-z0-9_.~-]+/)*[A-Za-z0-9_.~-]*")


def route_path(path: str) -> str:
    """``path`` if it has the shape of a route, else the home page: links are built from it."""
    return path if _ROUTE_PATH.fullmatch(path) else "/"


def _section_of(path: str) -> str:
    if path.startswith("/platform/"):
        return "/"
    return path


def language_switch(ctx: PageContext | None, lang: str, path: str,
                    raw: dict[str, str]) -> html.Nav:
    links: list[Any] = []
    for code in (EN, ZH):
        name = html.Span(LANG_NAMES[code], lang=_HTML_LANG[code])
        if code == lang:  # the current language is a mark, not a link
            links.append(html.Span(name, className="lang-link current", id=f"lang-{code}",
                                   **{"aria-current": "true"}))
        else:
            links.append(dcc.Link(name, href=href(route_path(path), code, **raw),
                                  id=f"lang-{code}",
                                  className="lang-link"))
    return html.Nav(links, className="lang-switch", **{"aria-label": t("dash.lang.label", lang)})


def banners(ctx: PageContext) -> list[html.Div]:
    found = []
    if ctx.flag("synthetic"):
        found.append(html.Div([html.Strong(ctx.t("dash.banner.synthetic.title")), " ",
                               ctx.t("dash.banner.synthetic.text")],
                              className="banner banner-synthetic", id="banner-synthetic",
                              role="note"))
    if ctx.flag("mirror"):
        found.append(html.Div([html.Strong(ctx.t("dash.banner.mirror.title")), " ",
                               ctx.t("dash.banner.mirror.text")],
                              className="banner banner-mirror", id="banner-mirror", role="note"))
    if ctx.flag("dsa_synthetic"):
        found.append(html.Div([html.Strong(ctx.t("dash.banner.dsa_synthetic.title")), " ",
                               ctx.t("dash.banner.dsa_synthetic.text")],
                              className="banner banner-synthetic", id="banner-dsa-synthetic",
                              role="note"))
    return found


def notices(lang: str, items: list[Notice]) -> html.Div | None:
    if not items:
        return None
    return html.Div([html.P(t(n.key, lang, **n.fields)) for n in items], className="notices",
                    role="status", id="notices")


def footer(ctx: PageContext) -> html.Footer:
    meta = ctx.meta
    parts = [ctx.t("dash.footer.methodology", version=meta.get("methodology_version", "—")),
             ctx.t("dash.footer.as_of", date=date_text(meta.get("data_as_of"), ctx.lang)),
             ctx.t("dash.footer.generated", date=date_text(meta.get("generated_at"), ctx.lang)),
             ctx.t("dash.footer.toolkit", version=meta.get("toolkit_version", "—"))]
    return html.Footer(html.P(" · ".join(parts)), className="site-footer")


def header(lang: str, path: str, raw: dict[str, str], with_nav: bool = True) -> html.Header:
    section = _section_of(path)
    items = []
    for target, key in NAV:
        current = target == section
        text: list[Any] = [t(key, lang)]
        if current:  # dcc.Link takes no aria attributes; say it in words for screen readers
            text.append(html.Span(t("dash.nav.current", lang), className="visually-hidden"))
        items.append(html.Li(dcc.Link(text, href=href(target, lang),
                                      id=f"nav-{key.rsplit('.', 1)[1]}",
                                      className="current" if current else None)))
    nav = html.Nav(html.Ul(items), className="site-nav",
                   **{"aria-label": t("dash.nav.label", lang)}) if with_nav else None
    return html.Header([
        html.A(t("dash.skip", lang), href="#main", className="skip-link"),
        html.Div([dcc.Link(t("dash.title", lang), href=href("/", lang), className="site-title"),
                  language_switch(None, lang, path, raw)], className="header-top"),
        nav,
    ], className="site-header")


def page(ctx: PageContext, title: str, content: list[Any], intro: str = "") -> list[Any]:
    """Everything inside the app's root element for one page."""
    body: list[Any] = [html.H1(title, id="page-title")]
    if intro:
        body.append(html.P(intro, className="intro"))
    body.extend(content)
    return [
        header(ctx.lang, ctx.path, ctx.query.raw),
        page_notes(ctx),
        html.Main(body, id="main", tabIndex="-1"),
        footer(ctx),
    ]


def page_notes(ctx: PageContext) -> html.Section | None:
    """The banners and notices, in a labelled region so that no text is left outside a
    landmark where screen-reader users, who move between landmarks, would miss it."""
    found = [*banners(ctx), notices(ctx.lang, ctx.query.notices)]
    found = [f for f in found if f is not None]
    if not found:
        return None
    return html.Section(found, className="page-notes", **{"aria-label": ctx.t("dash.notes.label")})


def bare_page(lang: str, path: str, raw: dict[str, str], title: str, content: list[Any],
              page_id: str) -> list[Any]:
    """A page drawn without the database (it is missing, or the request failed)."""
    return [
        header(lang, path, raw, with_nav=False),
        html.Main([html.H1(title, id="page-title"), *content], id="main", tabIndex="-1",
                  className=page_id),
    ]
