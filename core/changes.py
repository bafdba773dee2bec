"""How a change record (``archive/changes/index.jsonl``) reads, in either language.

The crawl writes the feeds and the alerts, the dashboard and the evidence packs show the same
records: each says a change the same way, so the wording is declared here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.archive import CHANGES_INDEX
from core.i18n import ZH, fmt_number, normalise_lang, t
from core.jsonl import read_jsonl
from core.vocabulary import SIGNIFICANT_CHANGES

LANGUAGE_ELEMENT = "languages"


def read_changes(archive: Path) -> list[dict[str, Any]]:
    """Every change record of the archive, oldest first (none when nothing changed yet)."""
    return list(read_jsonl(archive / CHANGES_INDEX))


def is_significant(change: Mapping[str, Any]) -> bool:
    return change.get("kind") in SIGNIFICANT_CHANGES


def element_label(element: str | None, lang: str | None = None) -> str:
    """``covers_synthetic_media`` → "Covers synthetic (deepfake) images"; ``fields.url`` →
    "Fields asked for: link to the content"."""
    if not element:
        return ""
    head, _, part = element.partition(".")
    text = t(f"analyser.feature.{head}", lang)
    return t("changes.part", lang, element=text, part=t(f"analyser.feature.{element}", lang)) \
        if part else text


def language_name(code: str, lang: str | None = None) -> str:
    key = "changes.language." + code.lower()
    try:
        return t(key, lang)
    except KeyError:
        return code


def value_text(element: str | None, value: Any, lang: str | None = None) -> str:
    """A finding as a reader says it: yes / partly / no / not stated, 48 hours, none."""
    if value is None:
        return t("changes.value.none", lang)
    if isinstance(value, bool):
        return t("analyser.value.yes" if value else "analyser.value.no", lang)
    if isinstance(value, int | float):
        return t("analyser.value.hours", lang, hours=fmt_number(value, lang))
    if isinstance(value, list):
        names = [language_name(str(v), lang) for v in value]
        return t("changes.list", lang, items="、".join(names) if _zh(lang) else ", ".join(names)) \
            if names else t("changes.value.none", lang)
    return t(f"analyser.value.{value}", lang)


def _zh(lang: str | None) -> bool:
    return normalise_lang(lang) == ZH


def describe(change: Mapping[str, Any], lang: str | None = None) -> str:
    """One line: what changed, e.g. "Covers synthetic (deepfake) images: no → yes"."""
    kind = change.get("kind")
    if kind not in SIGNIFICANT_CHANGES:
        return t(f"changes.kind.{kind}", lang)
    element, before, after = change.get("element"), change.get("before"), change.get("after")
    if element == LANGUAGE_ELEMENT and isinstance(before, list) and isinstance(after, list):
        parts = [t("changes.language.added", lang, name=language_name(c, lang))
                 for c in after if c not in before]
        parts += [t("changes.language.removed", lang, name=language_name(c, lang))
                  for c in before if c not in after]
        return t("changes.line", lang, element=element_label(element, lang),
                 change="; ".join(parts) or value_text(element, after, lang))
    arrow = t("changes.arrow", lang, before=value_text(element, before, lang),
              after=value_text(element, after, lang))
    if kind == "access":
        arrow = t("changes.access", lang, change=arrow,
                  reason=t(f"changes.reason.{change.get('detail') or 'login_wall'}", lang))
    return t("changes.line", lang, element=element_label(element, lang), change=arrow)


def document_label(document_type: str, lang: str | None = None) -> str:
    return t(f"crawl.doc.{document_type}", lang)


def headline(change: Mapping[str, Any], platform_name: str, lang: str | None = None) -> str:
    """The change with its platform and document, for a feed entry or an alert."""
    return t("changes.headline", lang, platform=platform_name,
             document=document_label(str(change.get("document_type")), lang),
             change=describe(change, lang))
