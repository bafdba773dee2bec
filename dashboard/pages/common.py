"""Reads several pages share: the methodology, the element order, the published quarters."""

from __future__ import annotations

from dashboard.db import Session
from dashboard.methodology import Methodology, parse


def load_methodology(session: Session) -> Methodology:
    if not session.has("methodology"):
        return parse(None)
    row = session.one("methodology")
    return parse(row["yaml"] if row else None)


def element_order(session: Session, method: Methodology) -> list[str]:
    """Elements in the methodology's order, then any others the data holds."""
    ordered = [e.id for e in method.elements]
    if session.has("policy_elements"):
        ordered += [r["element"] for r in session.rows("element_ids")
                    if r["element"] not in ordered]
    return ordered


def periods(session: Session) -> list[str]:
    if not session.has("metrics_by_period"):
        return []
    return [r["period"] for r in session.rows("periods")]
