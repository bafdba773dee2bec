"""Which languages a document is written in: English, Traditional or Simplified Chinese, or
another Latin-script language, from the text itself and (for HTML) its declared alternates."""

from __future__ import annotations

import re
from collections import Counter

# Characters written differently in the two Chinese scripts (common in policy text).
_TRADITIONAL = set(
    "這個們來為說時會於與對後發關資內請檢舉報傳擊圖務號過動權條護隱訊網戶帳體開經還國實從當點"
    "麼單問題變處應該視頻頁線區議證據錄續業長門間現話認讓語產電聯絡樣規則營據違禁刪態際聲將類"
    "險歲兒童層裝設計畫獲聽與屬際雖書員東貼熱滿廣鏡顯總據擔損壞幫識選擇確導達連軟歡韓亂"
)
_SIMPLIFIED = set(
    "这个们来为说时会于与对后发关资内请检举报传击图务号过动权条护隐讯网户帐体开经还国实从当点"
    "么单问题变处应该视频页线区议证据录续业长门间现话认让语产电联络样规则营据违禁删态际声将类"
    "险岁儿童层装设计画获听与属际虽书员东贴热满广镜显总据担损坏帮识选择确导达连软欢韩乱"
) - _TRADITIONAL
_TRADITIONAL -= set("禁童")  # shared by both scripts
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
_STOPWORDS = {
    "en": frozenset((
        "the", "and", "of", "to", "you", "your", "is", "are", "that", "for", "with", "we",
        "our", "not", "this", "be", "or", "on", "it", "by", "any", "may", "will", "can", "if",
        "as", "from", "have"
    )),
    "de": frozenset((
        "der", "die", "das", "und", "nicht", "sie", "ist", "mit", "den", "zu", "von", "für",
        "auf", "wir", "ein", "eine", "dass", "du", "dich", "oder", "werden", "wenn", "auch"
    )),
    "fr": frozenset((
        "le", "la", "les", "et", "des", "vous", "est", "pour", "que", "une", "dans", "pas",
        "nous", "ou", "sur", "par", "votre", "ne", "qui", "au", "du"
    )),
    "es": frozenset((
        "el", "la", "los", "las", "y", "que", "de", "para", "con", "una", "por", "no", "es",
        "se", "su", "usted", "nosotros", "del", "al", "o", "en"
    )),
}
# A language counts when it is at least this share of the document's letters.
_MIN_SHARE = 0.15


def chinese_script(text: str) -> str:
    trad = sum(1 for ch in text if ch in _TRADITIONAL)
    simp = sum(1 for ch in text if ch in _SIMPLIFIED)
    return "zh-Hans" if simp > trad else "zh-Hant"


def _latin_language(words: list[str]) -> str:
    counts = Counter(w.lower() for w in words)
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    return best if scores[best] else "en"


def detect_languages(text: str) -> list[str]:
    """Languages making up a meaningful share of the text, the largest first."""
    han = _HAN.findall(text)
    words = _LATIN_WORD.findall(text)
    # One Chinese character carries about as much as one short English word.
    weights = {}
    if han:
        weights[chinese_script("".join(han))] = len(han)
    if words:
        weights[_latin_language(words)] = len(words) * 1.0
    total = sum(weights.values())
    if not total:
        return []
    found = [lang for lang, w in weights.items() if w / total >= _MIN_SHARE]
    return sorted(found, key=lambda lang: -weights[lang])


def normalise_tag(tag: str) -> str | None:
    """A BCP 47 tag as the analyser reports it: en, zh-Hant, zh-Hans or a primary subtag."""
    parts = tag.strip().replace("_", "-").lower().split("-")
    if not parts[0] or parts[0] in ("x", "i") or not parts[0].isalpha():
        return None
    if parts == ["zh"]:
        return None  # the script is unknown; the text decides
    if parts[0] == "zh":
        rest = set(parts[1:])
        if rest & {"hans", "cn", "sg", "my"}:
            return "zh-Hans"
        return "zh-Hant"  # zh-Hant, zh-HK, zh-TW, zh-MO
    if parts[0] in ("yue",):
        return "zh-Hant"
    return parts[0] if len(parts[0]) in (2, 3) else None


def merge(*groups: list[str]) -> list[str]:
    """Languages in first-seen order without repeats."""
    seen: list[str] = []
    for group in groups:
        for lang in group:
            if lang and lang not in seen:
                seen.append(lang)
    return seen
