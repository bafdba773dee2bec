"""Element by element: the findings of two versions of one document, compared.

A finding present in only one of the two (the analyser learned to assess it between the two
versions) is not a change of the policy and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.vocabulary import FORM_FEATURES, POLICY_FEATURES

LIST_FINDINGS = frozenset({"languages"})


@dataclass(frozen=True)
class ElementChange:
    element: str
    before: Any
    after: Any
    before_quote: str | None
    after_quote: str | None


def findings(features: dict[str, Any], document_type: str) -> dict[str, Any]:
    """The document's findings by element; a nested finding (a form's ``fields``) becomes one
    element per part, ``fields.url``, as the form audit names its evidence."""
    keys = FORM_FEATURES if document_type == "reporting_form" else POLICY_FEATURES
    flat: dict[str, Any] = {}
    for key in keys:
        if key not in features:
            continue
        value = features[key]
        if isinstance(value, dict):
            flat.update({f"{key}.{part}": value[part] for part in sorted(value)})
        else:
            flat[key] = value
    return flat


def _same(element: str, before: Any, after: Any) -> bool:
    if element in LIST_FINDINGS and isinstance(before, list) and isinstance(after, list):
        return sorted(map(str, before)) == sorted(map(str, after))
    if isinstance(before, int | float) and isinstance(after, int | float) \
            and not isinstance(before, bool) and not isinstance(after, bool):
        return float(before) == float(after)
    return before == after


def quotes(features: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entry in features.get("evidence") or []:
        if isinstance(entry, dict) and entry.get("feature") and entry.get("quote"):
            found.setdefault(str(entry["feature"]), []).append(str(entry["quote"]))
    return found


def _pick(mine: list[str], theirs: list[str]) -> str | None:
    """The quote that shows the change: one the other version lacks, else the first."""
    fresh = [q for q in mine if q not in theirs]
    return (fresh or mine or [None])[0]


def compare(old: dict[str, Any], new: dict[str, Any], document_type: str) -> list[ElementChange]:
    """Every element whose finding differs, in the vocabulary's order, with both quotes."""
    before, after = findings(old, document_type), findings(new, document_type)
    old_quotes, new_quotes = quotes(old), quotes(new)
    changes = []
    for element, value in after.items():
        if element not in before or _same(element, before[element], value):
            continue
        mine, theirs = new_quotes.get(element, []), old_quotes.get(element, [])
        changes.append(ElementChange(element, before[element], value,
                                     _pick(theirs, mine), _pick(mine, theirs)))
    return changes
