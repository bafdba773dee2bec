"""The Atom feeds of policy changes, served as written by the crawl (``feeds/`` in the data
directory), and the ``<link>`` that lets a feed reader find them from any page."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from flask import Flask, abort, send_file

from core.i18n import t
from dashboard.validate import valid_slug

ATOM = "application/atom+xml"
_PLATFORM_PAGE = re.compile(r"^/platform/(?P<slug>[^/]{1,100})")


def feed_path(feeds_dir: Path, name: str) -> Path | None:
    """``all`` or a platform's slug → its feed file, if the name is valid and the file exists."""
    if name != "all" and not valid_slug(name):
        return None
    path = feeds_dir / f"{name}.atom"
    return path if path.is_file() else None


def register(server: Flask, feeds_dir: Path) -> None:
    @server.route("/feeds/<name>.atom")
    def feed(name: str):
        path = feed_path(feeds_dir, name)
        if path is None:
            abort(404)
        return send_file(path, mimetype=ATOM, max_age=300)


def discovery_links(path: str, lang: str) -> str:
    """``<link rel="alternate">`` to the feed of every change, and on a platform's pages to
    that platform's feed too."""
    links = [(t("dash.feed.all", lang), "/feeds/all.atom")]
    match = _PLATFORM_PAGE.match(path)
    if match and valid_slug(match["slug"]):
        links.append((t("dash.feed.platform", lang, platform=match["slug"]),
                      f"/feeds/{match['slug']}.atom"))
    return "\n        ".join(
        f'<link rel="alternate" type="{ATOM}" title="{escape(title)}" href="{href}">'
        for title, href in links)
