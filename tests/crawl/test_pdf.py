"""PDF policies: the text read with pypdfium2 is the text Poppler's pdftotext gave."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.errors import TadaError
from crawlers.extract import normalise_text
from crawlers.pdf import pdf_text

FIXTURES = Path(__file__).parent / "pdf"
PDFS = sorted(FIXTURES.glob("*.pdf"))


def _flat(text: str) -> str:
    """The normalised text with every run of whitespace as one space: the same words in the
    same order, lines broken at the same places; only blank lines may differ."""
    return re.sub(r"\s+", " ", normalise_text(text)).strip()


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_same_text_as_pdftotext(pdf: Path):
    expected = pdf.with_suffix(".pdftotext.txt").read_text(encoding="utf-8")
    assert _flat(pdf_text(pdf.read_bytes())) == _flat(expected)


def test_fixtures_cover_english_chinese_and_an_unindexed_file():
    assert {p.stem for p in PDFS} >= {"one-line", "policy-en", "policy-zh"}


def test_bullets_drawn_after_their_lines_stay_at_the_line_start():
    text = pdf_text((FIXTURES / "policy-en.pdf").read_bytes())
    assert "• A trusted organisation, lawyer or family member" in text
    assert "\n• 受信任的機構" in pdf_text((FIXTURES / "policy-zh.pdf").read_bytes())


def test_pages_and_paragraphs_are_separated_by_blank_lines():
    text = pdf_text((FIXTURES / "policy-en.pdf").read_bytes())
    assert "again.\n\n" in text  # the end of page 1
    assert "\n\n3. What happens next\n" in text


@pytest.mark.parametrize("body", [b"", b"%PDF-1.4\nnot really", b"<html>hello</html>"])
def test_unreadable_pdf_is_a_clear_error(body: bytes):
    with pytest.raises(TadaError, match="PDF"):
        pdf_text(body)


def test_a_pdf_policy_is_extracted_without_pdftotext(monkeypatch):
    """The crawl's extraction needs no system binary: nothing on PATH at all."""
    from core.declarations import DocumentVariant
    from crawlers.document import extract_document

    monkeypatch.setenv("PATH", "")
    variant = DocumentVariant("ncii_policy", "https://example.org/policy.pdf", "en",
                              content_type="application/pdf")
    markdown, features = extract_document(variant, (FIXTURES / "policy-en.pdf").read_bytes(),
                                          "application/pdf")
    assert "• Use the dedicated reporting form" in markdown
    assert features["prohibits_ncii"] == "yes" and features["hash_matching"] == "yes"
    assert features["stated_response_time_hours"] == 48.0
