"""Every user-facing message exists in English and Traditional Chinese, with the same fields."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from core.i18n import LANGS, catalogue, fmt_date, fmt_number, fmt_percent, normalise_lang, t

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("tada", "crawlers", "scoring", "dashboard")
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[A-Za-z0-9_]+)+)["']""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_and_the_same_fields():
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert _fields(texts["en"]) == _fields(texts["zh-Hant-HK"]), key


def test_every_literal_message_id_in_the_code_exists():
    known = catalogue()
    missing = []
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")):
                if key not in known:
                    missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


def test_language_spellings_and_formatting():
    assert normalise_lang("zh-Hant") == normalise_lang("zh_HK") == "zh-Hant-HK"
    with pytest.raises(ValueError):
        normalise_lang("fr")
    assert t("category.social_media", "zh-Hant") == "社交媒體"
    assert fmt_percent(0.8897, "en") == "89.0%"
    assert fmt_number(1342, "zh-Hant") == "1,342"
    assert fmt_date(dt.date(2023, 3, 31), "zh-Hant") == "2023年3月31日"
    assert fmt_number(None) == "—"
