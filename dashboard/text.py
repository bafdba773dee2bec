"""Words and numbers as a reader sees them, in the page's language.

Every value shown passes through here, so "suppressed", "insufficient data" and "not
available" are told apart everywhere and never drawn as zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.i18n import EN, catalogue, fmt_date, fmt_number, fmt_percent, t
from core.public_schema import GRADES, INSUFFICIENT


def has_message(key: str) -> bool:
    return key in catalogue()


def label(key: str, lang: str, fallback: str) -> str:
    """A translated label when the catalogue has one, else a readable form of ``fallback``."""
    if has_message(key):
        return t(key, lang)
    return fallback.replace("_", " ").capitalize()


def platform_name(row: Mapping[str, Any], lang: str) -> str:
    if lang != EN and row.get("name_zh"):
        return str(row["name_zh"])
    return str(row.get("name_en") or row.get("slug") or "")


def category_label(category: str | None, lang: str) -> str:
    return label(f"category.{category}", lang, category or "")


def document_label(document_type: str | None, lang: str) -> str:
    return label(f"dash.document.{document_type}", lang, document_type or "")


def doc_lang_label(code: str | None, lang: str) -> str:
    return label(f"dash.doclang.{(code or '').lower()}", lang, code or "")


def value_label(value: str | None, lang: str) -> str:
    return label(f"dash.value.{value}", lang, value or "")


def grade_label(grade: str | None, lang: str) -> str:
    if grade in GRADES:
        return str(grade)
    if grade == INSUFFICIENT:
        return t("dash.cell.insufficient", lang)
    return t("dash.cell.none", lang)


def as_datetime(value: Any) -> dt.datetime | None:
    """A TIMESTAMP column or an ISO 8601 string (``Z`` allowed) as a datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def date_text(value: Any, lang: str) -> str:
    parsed = as_datetime(value)
    return fmt_date(parsed, lang) if parsed else t("dash.cell.none", lang)


def period_text(period: str, lang: str) -> str:
    """``2022-Q3`` as "Q3 2022" or "2022年第3季"."""
    year, _, quarter = period.partition("-Q")
    return t("dash.period.quarter", lang, year=year, quarter=quarter)


def hours_text(hours: float, lang: str) -> str:
    if hours < 48:
        return t("dash.unit.hours", lang, n=fmt_number(hours, lang, 1))
    return t("dash.unit.days", lang, n=fmt_number(hours / 24, lang, 1))


def number_text(value: Any, kind: str, lang: str) -> str:
    """A present value by kind: ``percent`` (0–1), ``count``, ``score`` (0–100), ``hours``."""
    if kind == "percent":
        return fmt_percent(float(value), lang)
    if kind == "count":
        return fmt_number(int(value), lang)
    if kind == "score":
        return fmt_number(float(value), lang, 0)
    if kind == "hours":
        return hours_text(float(value), lang)
    return str(value)


def cell_text(value: Any, kind: str, lang: str, *, suppressed: bool = False,
              insufficient: bool = False) -> str:
    """A value, or why there is none: suppressed, insufficient data, or not available."""
    if value is not None:
        return number_text(value, kind, lang)
    if suppressed:
        return t("dash.cell.suppressed", lang)
    if insufficient:
        return t("dash.cell.insufficient", lang)
    return t("dash.cell.none", lang)


def interval_text(low: Any, high: Any, kind: str, lang: str) -> str:
    if low is None or high is None:
        return ""
    return t("dash.interval", lang, low=number_text(low, kind, lang),
             high=number_text(high, kind, lang))
