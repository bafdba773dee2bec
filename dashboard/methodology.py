"""The methodology file, as published in ``public.duckdb``, read into a plain structure.

The dashboard only reads it: elements, weights, grade thresholds, the minimum base and the
suppression rule are shown exactly as the file states them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from dashboard.text import has_message, label
from tada.i18n import EN

_ZH_KEYS = ("zh-Hant-HK", "zh-Hant", "zh_Hant", "zh-HK", "zh")


def localised(value: Any, lang: str) -> str | None:
    """Text from a ``{en: ..., zh-Hant-HK: ...}`` mapping (or a plain string)."""
    if value is None:
        return None
    if isinstance(value, dict):
        keys = (EN,) if lang == EN else (*_ZH_KEYS, EN)
        for key in keys:
            if value.get(key):
                return str(value[key])
        return None
    return str(value)


@dataclass
class Element:
    id: str
    weight: float | None
    label: Any = None
    description: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Methodology:
    raw: dict[str, Any]
    elements: list[Element]

    def get(self, *path: str) -> Any:
        node: Any = self.raw
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    def element(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.id == element_id), None)


def _elements(node: Any) -> list[Element]:
    """Elements given as a mapping ``id: {...}`` or as a list of ``{id: ..., ...}``."""
    if isinstance(node, dict):
        items = [({"id": k, **v} if isinstance(v, dict) else {"id": k, "weight": v})
                 for k, v in node.items()]
    elif isinstance(node, list):
        items = [e for e in node if isinstance(e, dict) and "id" in e]
    else:
        items = []
    found = []
    for item in items:
        weight = item.get("weight")
        found.append(Element(
            id=str(item["id"]),
            weight=float(weight) if isinstance(weight, int | float) else None,
            label=item.get("label") or item.get("name") or item.get("title"),
            description=item.get("description") or item.get("question"),
            extra={k: v for k, v in item.items()
                   if k not in {"id", "weight", "label", "name", "title", "description",
                                "question"}},
        ))
    return found


@lru_cache(maxsize=8)
def parse(text: str | None) -> Methodology:
    """The methodology; an unreadable or absent file gives an empty one, never an error.

    Cached by text (pages read it on every request); callers must not modify the result."""
    try:
        raw = yaml.safe_load(text or "") or {}
    except yaml.YAMLError:
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    policy = raw.get("policy") if isinstance(raw.get("policy"), dict) else {}
    node = raw.get("policy_elements") or raw.get("elements") or policy.get("elements")
    return Methodology(raw, _elements(node))


def element_label(element_id: str, lang: str, method: Methodology | None = None) -> str:
    """The element's name: from the methodology file if it names it, else the catalogue."""
    found = method.element(element_id) if method else None
    text = localised(found.label, lang) if found else None
    return text or label(f"dash.element.{element_id}", lang, element_id)


def short_label(element_id: str, lang: str, method: Methodology | None = None) -> str:
    """A few words for a badge; the full name where there is no short one."""
    key = f"dash.element_short.{element_id}"
    return label(key, lang, element_id) if has_message(key) else \
        element_label(element_id, lang, method)
