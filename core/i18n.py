"""The translation layer: every user-facing string, in English and Traditional Chinese.

Messages live in ``core/locales/*.yaml`` (one file per area of the toolkit), keyed by a
dotted id, each with an ``en`` and a ``zh-Hant-HK`` text using ``str.format`` fields.
Numbers and dates are formatted with Babel for the chosen locale.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

from core import safe_yaml

LOCALES_DIR = Path(__file__).parent / "locales"
EN = "en"
ZH = "zh-Hant-HK"
LANGS: tuple[str, ...] = (EN, ZH)
_ALIASES = {
    "en": EN, "en-gb": EN, "en-us": EN, "en-hk": EN, "english": EN,
    "zh": ZH, "zh-hant": ZH, "zh-hant-hk": ZH, "zh-hk": ZH, "zh-tw": ZH, "zh_hant": ZH,
    "zh_hant_hk": ZH, "zh_hk": ZH,
}


_default_lang: ContextVar[str | None] = ContextVar("tada_lang", default=None)


class UnknownLanguage(ValueError):
    pass


def set_default_lang(lang: str | None) -> Callable[[], None]:
    """Use ``lang`` when a caller passes none (the CLI sets it from --lang); returns the undo."""
    token = _default_lang.set(normalise_lang(lang) if lang else None)
    return lambda: _default_lang.reset(token)


def normalise_lang(lang: str | None) -> str:
    """Map any accepted spelling of a language to ``en`` or ``zh-Hant-HK``."""
    if lang is None or lang == "":
        return normalise_lang(_default_lang.get() or os.environ.get("TADA_LANG") or EN)
    key = lang.strip().lower()
    if key not in _ALIASES:
        raise UnknownLanguage(f"unknown language {lang!r}; use en or zh-Hant")
    return _ALIASES[key]


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, merged from every locale file; duplicate ids are an error."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.yaml")):
        entries = safe_yaml.load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"{path.name}: message id {key!r} is defined twice")
            merged[key] = texts
    return merged


def t(key: str, lang: str | None = None, /, **fields: object) -> str:
    """The message ``key`` in ``lang``, with ``fields`` filled in."""
    texts = catalogue()[key]
    return texts[normalise_lang(lang)].format(**fields)


def babel_locale(lang: str | None) -> Locale:
    return Locale.parse(normalise_lang(lang).replace("-", "_"))


def fmt_number(value: float | int | None, lang: str | None = None, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def fmt_percent(value: float | None, lang: str | None = None, digits: int = 1) -> str:
    """A fraction 0–1 as a percentage (0.89 → 89.0%)."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(value, format=pattern, locale=babel_locale(lang))


def fmt_date(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_date(value, format="medium", locale=babel_locale(lang))
