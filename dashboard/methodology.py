"""The methodology published in ``public.duckdb``, read with the one validated parser
(``core.methodology.parse``) into what the pages show.

The dashboard only reads it: elements, weights, grade thresholds, the minimum base and the
suppression rule are shown exactly as the file states them. An element may carry a ``label``
and a ``description`` as ``{en: ..., zh-Hant-HK: ...}``; otherwise the catalogue names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.i18n import EN, ZH
from core.methodology import MethodologyError
from core.methodology import parse as parse_methodology
from core.public_schema import ELEMENTS
from dashboard.text import has_message, label

_SHOWN_ELSEWHERE = frozenset({"weight", "label", "description"})
_SOURCE = Path("public.duckdb")


def localised(value: Any, lang: str) -> str | None:
    """Text from a ``{en: ..., zh-Hant-HK: ...}`` mapping (or a plain string)."""
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ((EN,) if lang == EN else (ZH, EN)):
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


@lru_cache(maxsize=8)
def parse(text: str | None) -> Methodology:
    """The methodology; an absent or invalid one gives an empty one, never an error (the page
    then says what it cannot show). Cached by text (pages read it on every request); callers
    must not modify the result."""
    try:
        method = parse_methodology(text or "", _SOURCE)
    except MethodologyError:
        return Methodology({}, [])
    nodes = method.data["policy_elements"]
    elements = [Element(id=e, weight=method.element_weights[e], label=nodes[e].get("label"),
                        description=nodes[e].get("description"),
                        extra={k: v for k, v in nodes[e].items() if k not in _SHOWN_ELSEWHERE})
                for e in ELEMENTS]
    return Methodology(method.data, elements)


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
