"""A fetched document to what a version keeps: its readable Markdown and its features.

Extraction (``crawlers.extract``) gives the text; the policy analyser or the reporting-form
audit (``crawlers.analysis``) gives the features. Kept apart from both so the analysis package
depends on extraction and never the other way round.
"""

from __future__ import annotations

from typing import Any

from core.declarations import DocumentVariant
from core.i18n import t
from crawlers.analysis.analyser import analyse, html_languages
from crawlers.analysis.forms import audit_form
from crawlers.analysis.lang import merge
from crawlers.exchange import charset
from crawlers.extract import (
    ExtractionError,
    decode_html,
    html_to_markdown,
    normalise_text,
)
from crawlers.pdf import pdf_text


def extract_document(variant: DocumentVariant, body: bytes, content_type: str,
                     final_url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The document's Markdown and its features (analyser or form audit).

    ``final_url`` is where the request ended after redirects (the declared URL when None):
    the form audit reads a sign-in redirect from it.
    """
    if content_type.startswith("application/pdf") or body.startswith(b"%PDF"):
        markdown, html = normalise_text(pdf_text(body)), None
    else:
        html = decode_html(body, charset(content_type))
        markdown = html_to_markdown(html, list(variant.keep) or None,
                                    list(variant.remove) or None)
    if not markdown.strip():
        raise ExtractionError(t("crawl.extract.empty", None))
    if variant.document_type == "reporting_form":
        if html is None:
            raise ExtractionError(t("crawl.extract.form_pdf", None))
        features = audit_form(html, final_url or variant.url, variant.lang)
    else:
        features = analyse(markdown, variant.lang, kind="markdown")
    if html is not None:
        features["languages"] = page_languages(features["languages"], html)
    return markdown, features


def page_languages(found: list[str], html: str) -> list[str]:
    """``found`` plus the languages the raw page declares or offers (``<html lang>``,
    hreflang alternates, a language switcher): the Markdown keeps none of them, since
    navigation is stripped, yet a page offered in Traditional Chinese is a finding."""
    return merge(found, html_languages(html))
