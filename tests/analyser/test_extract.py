"""Charset decoding and boilerplate-free, deterministic Markdown extraction."""

from __future__ import annotations

import codecs

import pytest

from crawlers.extract import ExtractionError, decode_html, html_to_markdown

from .conftest import EN_NCII_HTML_BODY, page

ZH = "私密影像未經同意不得分享。這是我們的社群守則，請細閱。"


def test_boilerplate_is_removed_and_content_kept():
    md = html_to_markdown(page(EN_NCII_HTML_BODY))
    assert md.startswith("# Intimate images shared without consent\n")
    assert "We do **not** allow sharing intimate images" in md
    assert "[report form](/report/ncii)" in md
    assert "- Photos\n- Videos" in md
    assert "| Step | What happens |" in md
    for chrome in ("cookies", "Accept all", "Home", "Report revenge porn", "© 2024",
                   "decorative", "csrf", "x1", "location.hash", "color: red", "繁體中文"):
        assert chrome not in md


def test_extraction_is_deterministic_and_whitespace_insensitive():
    one = html_to_markdown(page(EN_NCII_HTML_BODY))
    reflowed = page(EN_NCII_HTML_BODY.replace("<p>", "<p>\n   ").replace(" allow", "\n\tallow"))
    assert html_to_markdown(page(EN_NCII_HTML_BODY)) == one
    assert html_to_markdown(reflowed) == one
    assert one.endswith("\n") and "\n\n\n" not in one and "  " not in one


def test_keep_and_remove_selectors():
    html = page('<div class="policy"><p>Rule one.</p><p class="ad">Buy now</p></div>'
                '<div class="related"><p>Other page</p></div>')
    assert html_to_markdown(html, keep=[".policy"], remove=[".ad"]) == "Rule one.\n"
    both = html_to_markdown(html, keep=[".related", ".policy", ".policy p"])
    assert both == "Rule one.\n\nBuy now\n\nOther page\n"  # document order, nothing twice


def test_selectors_that_match_nothing_or_are_invalid_are_errors():
    with pytest.raises(ExtractionError, match="matched nothing.*#missing"):
        html_to_markdown(page("<p>x</p>"), keep=["#missing"])
    with pytest.raises(ExtractionError, match="invalid CSS selector"):
        html_to_markdown(page("<p>x</p>"), remove=["div[["])


def test_page_wide_class_names_do_not_drop_the_content():
    html = ('<html><body class="has-cookie-banner"><div class="menu-open layout">'
            '<h1>Terms</h1><p>Do not post nudity.</p></div></body></html>')
    assert html_to_markdown(html) == "# Terms\n\nDo not post nudity.\n"


def test_select_options_are_kept_as_a_list():
    html = "<main><select><option>Spam</option><option>Intimate images</option></select></main>"
    assert html_to_markdown(html) == "- Spam\n- Intimate images\n"


@pytest.mark.parametrize("codec", ["big5", "cp950", "big5hkscs"])
def test_big5_without_any_charset_declaration(codec):
    html = f"<html><body><p>{ZH}</p></body></html>"
    assert decode_html(html.encode(codec), None) == html


def test_hkscs_characters_decode():
    text = "<p>佢哋啲相未經同意就放上網。</p>"
    assert decode_html(text.encode("big5hkscs"), None) == text
    # A page labelled plain "big5" but using HKSCS characters still reads.
    assert decode_html(text.encode("big5hkscs"), "big5") == text


def test_gbk_page_without_declaration_reads_as_simplified_chinese():
    text = "<p>我们禁止未经同意分享私密影像。这是我们的社区准则。</p>"
    assert decode_html(text.encode("gbk"), None) == text


def test_declarations_in_header_meta_and_bom():
    html = "<p>Café – naïve</p>"
    assert decode_html(html.encode("cp1252"), "windows-1252") == html
    meta = '<meta charset="big5"><p>' + ZH + "</p>"
    assert decode_html(meta.encode("big5"), None) == meta
    equiv = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café</p>'
    assert decode_html(equiv.encode("latin-1"), None) == equiv
    assert decode_html(codecs.BOM_UTF8 + "<p>私密</p>".encode(), "big5") == "<p>私密</p>"
    assert decode_html(codecs.BOM_UTF16_LE + "<p>私密</p>".encode("utf-16-le"), None) == \
        "<p>私密</p>"


def test_wrong_header_falls_back_to_what_decodes():
    html = f"<p>{ZH}</p>"
    assert decode_html(html.encode("utf-8"), "big5") == html
    assert decode_html(html.encode("utf-8"), "no-such-codec") == html


def test_binary_body_is_an_error_only_when_strict():
    blob = bytes(range(256)) * 4
    with pytest.raises(ExtractionError, match="encoding could not be recognised"):
        decode_html(blob, None, strict=True)
    assert isinstance(decode_html(blob, None), str)
