"""Features stored with each version: what the raw page offers is kept beside the analysis
of its readable Markdown, and the form audit reads the URL the request ended at."""

from __future__ import annotations

from core.declarations import DocumentVariant
from crawlers.document import extract_document, page_languages

HTML = "text/html; charset=utf-8"

POLICY = """<!DOCTYPE html><html lang="en"><head><title>Rules</title>
<link rel="alternate" hreflang="zh-Hant-HK" href="https://example.org/zh/rules"></head><body>
<header><nav><a href="/">Home</a> <a href="/zh/rules">繁體中文</a></nav></header>
<main><h1>Rules</h1><p>We do not allow anyone to share intimate images of another person
without their consent.</p></main><footer>© Example</footer></body></html>"""

FORM = """<!DOCTYPE html><html lang="en"><head><title>Report</title></head><body>
<nav><a href="/report?hl=zh-Hant" hreflang="zh-Hant">中文</a></nav>
<main><h1>Report a problem</h1><form action="/send"><label for="u">Link to the post</label>
<input id="u" name="u" type="url"><textarea name="details"></textarea></form></main>
</body></html>"""


def _target(document_type: str, keep: tuple[str, ...] = ("main",)) -> DocumentVariant:
    return DocumentVariant(document_type, "https://example.org/page", "en", keep=keep)


def test_policy_languages_include_what_the_page_offers():
    markdown, features = extract_document(_target("community_guidelines"), POLICY.encode(),
                                          HTML)
    assert "繁體中文" not in markdown  # navigation is not part of the readable version
    assert features["prohibits_ncii"] == "yes"
    assert features["languages"] == ["en", "zh-Hant"]


def test_policy_without_alternates_keeps_its_own_languages():
    page = POLICY.replace('hreflang="zh-Hant-HK"', "").replace("繁體中文", "Home")
    _, features = extract_document(_target("community_guidelines"), page.encode(), HTML)
    assert features["languages"] == ["en"]


def test_form_audit_uses_the_final_url():
    target = _target("reporting_form")
    _, plain = extract_document(target, FORM.encode(), HTML)
    assert plain["account_required"] is False and plain["languages"] == ["en", "zh-Hant"]
    _, redirected = extract_document(target, FORM.encode(), HTML,
                                     "https://example.org/help?next=%2Freport")
    assert redirected["account_required"] is True


def test_page_languages_merge_in_order_without_repeats():
    assert page_languages(["zh-Hant"], POLICY) == ["zh-Hant", "en"]
    assert page_languages([], "<html><body><p>no declared language</p></body></html>") == []
