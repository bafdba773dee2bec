"""Bilingual text for the pack: each message in every language the pack is built in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.i18n import (
    EN,
    ZH,
    UnknownLanguage,
    catalogue,
    fmt_number,
    fmt_percent,
    normalise_lang,
    t,
)
from evidence.errors import EvidenceError

DEFAULT_LANGS: tuple[str, ...] = (EN, ZH)


def parse_langs(value: str | None) -> tuple[str, ...]:
    """``en,zh-Hant`` → ('en', 'zh-Hant-HK'), in the order given, without repeats."""
    if not value:
        return DEFAULT_LANGS
    langs: list[str] = []
    for part in value.split(","):
        if part.strip():
            try:
                lang = normalise_lang(part)
            except UnknownLanguage:
                raise EvidenceError(t("evidence.error.bad_lang", None, value=part.strip(),
                                      allowed="en, zh-Hant")) from None
            if lang not in langs:
                langs.append(lang)
    return tuple(langs) or DEFAULT_LANGS


@dataclass(frozen=True)
class Bilingual:
    langs: tuple[str, ...]

    def lines(self, key: str, **fields: Any) -> list[tuple[str, str]]:
        """(lang, text) for each language: headings and paragraphs, one line each."""
        return [(lang, t(key, lang, **fields)) for lang in self.langs]

    def inline(self, key: str, **fields: Any) -> str:
        """One line with every language, for table cells and labels."""
        texts = []
        for lang in self.langs:
            text = t(key, lang, **fields)
            if text not in texts:
                texts.append(text)
        return " / ".join(texts)

    def has(self, key: str) -> bool:
        return key in catalogue()

    def label(self, prefix: str, value: str) -> str:
        """A translated label for a code (element, document type), or the code made readable."""
        key = f"{prefix}.{value}"
        return self.inline(key) if self.has(key) else str(value).replace("_", " ")


def count(value: Any) -> str:
    return fmt_number(int(value), EN)


def share(value: Any, digits: int = 1) -> str:
    return fmt_percent(float(value), EN, digits)


def hours(value: Any) -> str:
    return f"{fmt_number(float(value), EN, 1)} h"


def score(value: Any) -> str:
    return fmt_number(float(value), EN, 0)
