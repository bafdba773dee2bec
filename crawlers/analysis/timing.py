"""Stated response times: "within 48 hours", "within 2 business days", "24 小時內"."""

from __future__ import annotations

import re

from crawlers.analysis.features import Facts, Finding
from crawlers.analysis.text import Sentence

_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
    "forty-eight": 48, "seventy-two": 72, "ninety-six": 96,
}
_UNIT_HOURS = {"hour": 1, "hr": 1, "day": 24, "week": 168}
_ZH_UNIT_HOURS = {"小時": 1, "小时": 1, "天": 24, "日": 24, "星期": 168, "週": 168, "周": 168}
_ZH_DIGITS = {"一": 1, "兩": 2, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9, "十": 10}
_EN_NUM = r"(\d{1,3}|" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True)) + r")"
_EN = re.compile(
    r"\b(?:within|in\s+(?:less\s+than|under)|no\s+(?:later|more)\s+than|up\s+to)\s+"
    r"(?:(?:approximately|about|around|roughly|the\s+next)\s+)?"
    rf"(?:{_EN_NUM}\s*(?:to|-|–|or)\s*)?{_EN_NUM}\s*(?:\(\d+\)\s*)?"
    r"(?:(?:business|working|calendar)\s+)?(hours?|hrs?|days?|weeks?)\b",
    re.I)
_ZH = re.compile(
    r"(?:(\d{1,3}|[一二兩两三四五六七八九十]{1,3})\s*(?:至|到|-|–|或)\s*)?"
    r"(\d{1,3}|[一二兩两三四五六七八九十]{1,3})\s*(?:個|个)?\s*(?:工作|辦公|办公|營業|营业)?\s*"
    r"(小時|小时|天|日|星期|週|周)\s*(?:內|内|之內|之内|以內|以内)")


def _zh_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if "十" in token:  # 二十四, 十二, 四十八
        tens, _, units = token.partition("十")
        return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(units, 0))
    return _ZH_DIGITS.get(token)


def durations(text: str) -> list[tuple[float, str]]:
    """(hours, matched text) for every stated time limit in ``text``; a range gives its end."""
    found = []
    for m in _EN.finditer(text):
        raw = m.group(2).lower()
        n = int(raw) if raw.isdigit() else _EN_NUMBERS.get(raw)
        unit = m.group(3).lower().rstrip("s")
        if n:
            found.append((float(n * _UNIT_HOURS[unit]), m.group(0)))
    for m in _ZH.finditer(text):
        n = _zh_number(m.group(2))
        if n:
            found.append((float(n * _ZH_UNIT_HOURS[m.group(3)]), m.group(0)))
    return found


def _commitment(f: Facts, s: Sentence) -> bool:
    """The platform promising to act on a report, not a user's deadline or a data rule."""
    if f.has("not_response", s) or not f.has("response_action", s):
        return False
    return f.has("platform_subject", s) and (f.near("report", s) or f.ncii(s))


def response_time(f: Facts, ncii_idx: list[int]) -> Finding:
    """Hours the platform says it takes to act on a report; NCII reports are preferred."""
    candidates = []
    for s in f.doc.sentences:
        found = durations(s.text)
        if found and _commitment(f, s):
            candidates.append((s, found[0][0]))
    if not candidates:
        return Finding(None, [])
    ncii = set(ncii_idx)

    def about_ncii(s: Sentence) -> bool:
        return s.index in ncii or any(o.index in ncii for o in f.around(s)) or any(
            h in ncii or f.has("ncii_named", f.doc.sentences[h]) for h in s.headings)

    preferred = [c for c in candidates if about_ncii(c[0])] or candidates
    s, hours = preferred[0]
    return Finding(hours, [s])
