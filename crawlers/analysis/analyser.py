"""The NCII policy analyser: a pure function from one policy document to its features.

``analyse(document, lang, kind)`` returns the JSON object of ``tada classify --json`` (see
docs/contracts.md): whether the document prohibits non-consensual intimate images (NCII),
offers an NCII reporting channel, lets third parties report, uses hash matching, states a
response time, covers synthetic media, requires an account to report, tells people the outcome
of a report, lets a decision be appealed, the languages it is in, and for every finding the
exact sentence that supports it.

The vocabulary is data (``patterns/analyser.yaml``); how it combines is in
``features.py`` (notice and appeal in ``remedy.py``, response times in
``timing.py``); sentences come from ``text.py``.
"""

from __future__ import annotations

import re

from core.errors import TadaError
from core.i18n import t
from core.vocabulary import POLICY_FEATURES
from crawlers.analysis import features as rules
from crawlers.analysis import remedy as remedy
from crawlers.analysis.lang import detect_languages, merge, normalise_tag
from crawlers.analysis.rules import language_names
from crawlers.analysis.text import Sentence, segment
from crawlers.analysis.timing import response_time
from crawlers.extract import check_text_size, html_to_markdown

KINDS = ("html", "markdown", "text")
FEATURES = POLICY_FEATURES
# Quotes are sentences; a very long "sentence" (a table row, a run-on list) is cut to this.
MAX_QUOTE = 400
MAX_QUOTES_PER_FEATURE = 3
# Languages whose vocabulary the analyser has (patterns/analyser.yaml): in any other language an
# answer not backed by a quote says nothing, so it is "unknown" rather than "no".
SUPPORTED_LANGUAGES = frozenset({"en", "zh-Hant", "zh-Hans"})
_LANG_ALIASES = {"en": "en", "zh-hant": "zh-Hant", "zh-hant-hk": "zh-Hant", "zh-hk": "zh-Hant",
                 "zh-tw": "zh-Hant", "zh-hans": "zh-Hans", "zh-cn": "zh-Hans"}
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z][\w-]*)", re.I)
_HREFLANG = re.compile(r"\bhreflang\s*=\s*[\"']?([A-Za-z][\w-]*)", re.I)
_TAG_TEXT = re.compile(r">\s*([^<>]{2,20}?)\s*<")


class AnalyserError(TadaError):
    """An unknown document kind or language."""


def document_lang(lang: str | None) -> str | None:
    """``en``, ``zh-Hant`` or ``zh-Hans`` from any accepted spelling; None means detect."""
    if lang is None or lang == "":
        return None
    key = lang.strip().lower().replace("_", "-")
    if key not in _LANG_ALIASES:
        raise AnalyserError(t("analyser.bad_lang", None, lang=lang))
    return _LANG_ALIASES[key]


def html_languages(html: str) -> list[str]:
    """Languages a page declares or offers: ``<html lang>``, hreflang alternates, and a
    language switcher naming Traditional Chinese or English."""
    tags = [_HTML_LANG.search(html[:4096])] if _HTML_LANG.search(html[:4096]) else []
    found = [normalise_tag(m.group(1)) for m in tags]
    found += [normalise_tag(m.group(1)) for m in _HREFLANG.finditer(html)]
    names = language_names()
    texts = {m.group(1).strip().lower() for m in _TAG_TEXT.finditer(html)}
    for lang, spellings in names.items():
        if texts & set(spellings):
            found.append(lang)
    return merge([x for x in found if x])


def language_supported(declared: str | None, written: list[str]) -> bool:
    """Whether the document is in a language the vocabulary covers: the declared one, else the
    main language of its text (a document without letters has nothing to misread)."""
    main = declared or (written[0] if written else None)
    return main is None or main in SUPPORTED_LANGUAGES


def _quote(text: str, s: Sentence) -> str:
    """The supporting sentence, exactly as in the document (cut at a word if very long)."""
    quote = text[s.start:s.end]
    if len(quote) <= MAX_QUOTE:
        return quote
    cut = quote[:MAX_QUOTE]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_QUOTE // 2 else cut


def analyse(document: str, lang: str | None = None, kind: str = "html") -> dict:
    """Policy features of one document, each with quoted evidence."""
    if kind not in KINDS:
        raise AnalyserError(t("analyser.bad_kind", None, kind=kind, kinds=", ".join(KINDS)))
    declared = document_lang(lang)
    offered: list[str] = []
    if kind == "html":
        offered = html_languages(document)
        text = html_to_markdown(document)
    else:
        text = document
    doc = segment(check_text_size(text))
    facts = rules.Facts(doc)
    prohibits, ncii_idx = rules.prohibits_ncii(facts)
    findings = {
        "prohibits_ncii": prohibits,
        "ncii_reporting_channel": rules.reporting_channel(facts, ncii_idx),
        "third_party_reporting": rules.third_party(facts, ncii_idx),
        "hash_matching": rules.hash_matching(facts),
        "stated_response_time_hours": response_time(facts, ncii_idx),
        "covers_synthetic_media": rules.synthetic_media(facts, ncii_idx),
        "account_required_to_report": rules.account_required(facts, ncii_idx),
        "notice_of_outcome": remedy.notice_of_outcome(facts),
        "appeal": remedy.appeal(facts),
    }
    written = detect_languages(text)
    supported = language_supported(declared, written)
    if not supported:
        for finding in findings.values():
            if isinstance(finding.value, str) and not finding.sentences:
                finding.value = "unknown"
    result: dict = {name: finding.value for name, finding in findings.items()}
    result["languages"] = merge([declared] if declared else [], written, offered)
    result["language_supported"] = supported
    evidence = []
    for name, finding in findings.items():
        seen: set[str] = set()
        for s in finding.sentences:
            quote = _quote(text, s)
            if quote not in seen:
                seen.add(quote)
                evidence.append({"feature": name, "quote": quote})
            if len(seen) == MAX_QUOTES_PER_FEATURE:
                break
    result["evidence"] = evidence
    return result
