"""Atom feeds (RFC 4287) of the significant changes: ``feeds/all.atom`` and one per platform.

Derived from ``archive/changes/index.jsonl`` alone and rewritten whole after each crawl, so a
feed is always complete and the same archive always gives the same bytes. Each entry is one
change of a policy element, with an English and a Traditional Chinese summary, both quotes,
and links to the dashboard's diff and version pages (``base_url`` is where it is served).
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from core import __version__
from core.archive import capture_time
from core.changes import element_label, headline, is_significant, read_changes
from core.i18n import EN, ZH, t
from core.jsonl import read_jsonl
from core.paths import PLATFORMS_DIR, DataDir
from core.registry import load_registry
from crawlers.atomic import write_bytes

ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_BASE_URL = "http://127.0.0.1:8050/"
MAX_ENTRIES = 500  # the newest; the archive keeps them all
_NAMESPACE = uuid.UUID("6f1c2a44-6a4e-4e55-9f0e-7a1d3c5b2e10")  # ids stay stable across runs
ET.register_namespace("", ATOM)

Names = Mapping[str, tuple[str, str]]  # slug -> (English name, Chinese name)


def platform_names(platforms_dir: Path = PLATFORMS_DIR) -> dict[str, tuple[str, str]]:
    return {slug: (p.name(EN), p.name("zh")) for slug, p in load_registry(platforms_dir).items()}


def _urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _summary_html(change: Mapping[str, Any], names: tuple[str, str]) -> str:
    """Both languages, then the quotes (in the document's own language)."""
    parts = [f'<p lang="en">{escape(headline(change, names[0], EN))}</p>',
             f'<p lang="zh-Hant-HK">{escape(headline(change, names[1], ZH))}</p>']
    doc_lang = "zh-Hant" if str(change.get("lang", "")).lower().startswith("zh") else "en"
    for key, label in (("before_quote", "feeds.before"), ("after_quote", "feeds.after")):
        if change.get(key):
            parts.append(f"<p>{escape(t(label, EN))} / {escape(t(label, ZH))}</p>"
                         f'<blockquote lang="{doc_lang}">{escape(str(change[key]))}</blockquote>')
    return "".join(parts)


def _entry(feed: ET.Element, change: Mapping[str, Any], names: tuple[str, str],
           base_url: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", _urn("change", change["change_id"]))
    _sub(entry, "title", f"{headline(change, names[0], EN)} / {headline(change, names[1], ZH)}")
    _sub(entry, "published", capture_time(change))
    _sub(entry, "updated", capture_time(change))
    page = f"platform/{change['platform']}/version/{change['version_id']}"
    if change.get("diff_path"):
        _sub(entry, "link", rel="alternate", type="text/html",
             href=urljoin(base_url, page + "/diff"))
        _sub(entry, "link", rel="related", type="text/html", href=urljoin(base_url, page))
    else:
        _sub(entry, "link", rel="alternate", type="text/html", href=urljoin(base_url, page))
    _sub(entry, "category", term=change["platform"], label=names[0])
    if change.get("element"):
        _sub(entry, "category", term=str(change["element"]),
             label=element_label(change["element"], EN))
    _sub(entry, "summary", _summary_html(change, names), type="html")


def build_feed(changes: list[Mapping[str, Any]], names: Names, base_url: str,
               slug: str | None = None) -> bytes:
    """One Atom document: every significant change (of one platform when ``slug`` is given)."""
    chosen = [c for c in changes if is_significant(c) and (slug is None or c["platform"] == slug)]
    chosen.sort(key=lambda c: (capture_time(c), c["change_id"]), reverse=True)
    chosen = chosen[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    name = "all" if slug is None else slug
    title_en = t("feeds.title", EN) if slug is None else t(
        "feeds.title.platform", EN, platform=names.get(slug, (slug, slug))[0])
    title_zh = t("feeds.title", ZH) if slug is None else t(
        "feeds.title.platform", ZH, platform=names.get(slug, (slug, slug))[1])
    _sub(feed, "id", _urn("feed", name))
    _sub(feed, "title", f"{title_en} / {title_zh}")
    _sub(feed, "subtitle", f"{t('feeds.subtitle', EN)} / {t('feeds.subtitle', ZH)}")
    # the newest change; an empty feed keeps a fixed date so it too is reproducible
    _sub(feed, "updated", capture_time(chosen[0]) if chosen else "1970-01-01T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", "Ta-DA audit")
    _sub(feed, "link", rel="self", type="application/atom+xml",
         href=urljoin(base_url, f"feeds/{name}.atom"))
    _sub(feed, "link", rel="alternate", type="text/html",
         href=urljoin(base_url, "changes" if slug is None else f"changes?platform={slug}"))
    _sub(feed, "generator", "Ta-DA audit", version=__version__)
    for change in chosen:
        p = change["platform"]
        _entry(feed, change, names.get(p, (p, p)), base_url)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") \
        + b"\n"


def write_feeds(data_dir: DataDir, base_url: str = DEFAULT_BASE_URL,
                names: Names | None = None) -> list[Path]:
    """Rewrite ``feeds/all.atom`` and ``feeds/<slug>.atom`` for every platform in the archive
    (a platform without changes gets an empty, valid feed); return the files written."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    names = platform_names() if names is None else names
    changes = read_changes(data_dir.archive)
    slugs = sorted({v["platform"] for v in read_jsonl(
        data_dir.archive / "versions" / "index.jsonl")} | {c["platform"] for c in changes})
    written = []
    for slug in [None, *slugs]:
        path = data_dir.feeds / f"{slug or 'all'}.atom"
        write_bytes(path, build_feed(changes, names, base_url, slug))
        written.append(path)
    return written
