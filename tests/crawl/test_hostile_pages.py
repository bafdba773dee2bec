"""Hostile pages are extracted or refused within limits, never a traceback or a stalled crawl:
deep nesting (the converter recurses per level), huge pages, too much text to analyse."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crawlers import extract
from crawlers.analysis.analyser import analyse
from crawlers.extract import MAX_DEPTH, TooComplex, html_to_markdown
from tada.cli import cli


def nested(levels: int, inner: str = "<p>Deep text.</p>") -> str:
    return f"<html><body><main>{'<div>' * levels}{inner}{'</div>' * levels}</main></body></html>"


@pytest.mark.parametrize("levels", [1_000, 20_000])
def test_deep_nesting_is_refused_as_too_complex(levels):
    with pytest.raises(TooComplex, match=str(MAX_DEPTH)):
        html_to_markdown(nested(levels))


def test_nesting_within_the_limit_is_extracted():
    assert html_to_markdown(nested(MAX_DEPTH - 10)).strip() == "Deep text."


def test_a_page_over_the_size_limit_is_refused_before_parsing():
    page = "<p>" + "x" * extract.MAX_HTML_CHARS + "</p>"
    with pytest.raises(TooComplex):
        html_to_markdown(page)


def test_too_much_text_is_not_analysed():
    text = "We remove intimate images shared without consent. " * (
        extract.MAX_TEXT_CHARS // 40)
    with pytest.raises(TooComplex):
        analyse(text, "en", kind="text")


def test_the_time_budget_stops_an_extraction(monkeypatch):
    monkeypatch.setattr(extract, "SECONDS_PER_DOCUMENT", 0.0)
    with pytest.raises(TooComplex):
        html_to_markdown("<main><p>" + "word " * 1000 + "</p></main>", deadline=None)


def test_many_paragraphs_keep_their_text_and_collapse_whitespace():
    paragraphs = "".join(f"<p>Rule   {i}\n\tapplies.</p>\n" for i in range(3000))
    text = html_to_markdown(f"<main>{paragraphs}</main>")
    assert text.split("\n\n")[:2] == ["Rule 0 applies.", "Rule 1 applies."]
    assert "Rule 2999 applies." in text and "Rule   " not in text


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_classify_says_so_without_a_traceback(tmp_path, lang):
    page = tmp_path / "deep.html"
    page.write_text(nested(1_000), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", lang, "classify", str(page)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert str(MAX_DEPTH) in result.output
