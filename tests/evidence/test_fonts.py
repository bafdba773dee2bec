"""The report's CJK font: found through fontconfig or TADA_CJK_FONT; without one, packs are
English with one line saying what is missing, and asking for Chinese is an error."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner

from core.i18n import EN, ZH
from evidence import fonts
from evidence.build import build_pack
from evidence.fonts import MissingFont, find_cjk_font, has_cjk
from tada.cli import cli

FAMILIES = ["WenQuanYi Zen Hei", "AR PL UMing TW", "Source Han Sans TC", "Noto Serif CJK HK",
            "Noto Sans CJK JP", "Droid Sans Fallback", "Noto Sans CJK TC", "Noto Sans CJK HK",
            "AR PL UMing HK", "Source Han Serif HC"]


def _pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(path)
    return "\f".join(page.get_textpage().get_text_range() for page in document)


def test_preference_order():
    ranked = sorted(FAMILIES, key=lambda f: fonts._rank(f, "Regular"))
    assert ranked == ["Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans CJK JP",
                      "Noto Serif CJK HK", "Source Han Sans TC", "Source Han Serif HC",
                      "AR PL UMing HK", "AR PL UMing TW", "WenQuanYi Zen Hei",
                      "Droid Sans Fallback"]
    assert fonts._rank("Noto Sans CJK HK", "Regular") < fonts._rank("Noto Sans CJK HK", "Bold")


def test_a_face_without_the_reports_characters_is_passed_over(tmp_path, monkeypatch,
                                                              font_maker, cjk_font_file):
    latin, full = font_maker(tmp_path / "latin.ttf", "abc"), cjk_font_file
    monkeypatch.delenv("TADA_CJK_FONT", raising=False)
    monkeypatch.setattr(fonts, "_fontconfig_faces", lambda: [
        ("Noto Sans CJK HK", "Regular", 0, latin), ("WenQuanYi Zen Hei", "Regular", 0, full)])
    found = find_cjk_font()
    assert found is not None and (found.family, found.path) == ("WenQuanYi Zen Hei", full)
    assert '"WenQuanYi Zen Hei", sans-serif' in found.css() and "@font-face" not in found.css()
    monkeypatch.setattr(fonts, "_fontconfig_faces", lambda: [
        ("Noto Sans CJK HK", "Regular", 0, latin)])
    assert find_cjk_font() is None


def test_tada_cjk_font_names_a_file(tmp_path, monkeypatch, font_maker, cjk_font_file):
    full = cjk_font_file
    monkeypatch.setenv("TADA_CJK_FONT", str(full))
    found = find_cjk_font()
    assert found is not None and found.source == "TADA_CJK_FONT"
    assert f'src: url("{full.as_uri()}")' in found.css()
    monkeypatch.setenv("TADA_CJK_FONT", str(font_maker(tmp_path / "latin.ttf", "abc")))
    with pytest.raises(MissingFont, match="TADA_CJK_FONT=.*latin.ttf"):
        find_cjk_font()
    monkeypatch.setenv("TADA_CJK_FONT", str(tmp_path / "absent.otf"))
    with pytest.raises(MissingFont, match="absent.otf"):
        find_cjk_font()


def test_fontconfig_finds_the_installed_font():
    if not fonts._fontconfig_faces():
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    found = find_cjk_font()
    assert found is not None and found.source == "fontconfig"


@pytest.mark.slow  # builds a pack
def test_without_a_font_the_pack_is_english_and_says_so(no_cjk_fonts, evidence_data,
                                                       tmp_path):
    assert find_cjk_font() is None
    result = build_pack(evidence_data, ["lihkg", "facebook"], out_dir=tmp_path)
    assert result.langs == (EN,)
    line = result.missing_font
    assert line is not None and "\n" not in line
    assert "fonts-noto-cjk" in line and "中文字型" in line and "English only" in line
    info = (result.path / "bag-info.txt").read_text(encoding="utf-8")
    assert re.search(r"^Report-Languages: en$", info, re.M)
    assert re.search(r"^Report-Languages-Note: No Chinese font", info, re.M)
    text = _pdf_text(result.path / "data" / "report.pdf")
    assert not has_cjk(text)  # never Chinese as empty boxes
    assert "This report is in English." in text
    assert "No Chinese font was available" in text
    assert "quotation in Chinese, not printed" in text  # LIHKG's rules are quoted in Chinese


@pytest.mark.slow  # builds a pack
def test_with_a_font_the_pack_is_bilingual(evidence_data, tmp_path):
    if find_cjk_font() is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    result = build_pack(evidence_data, ["lihkg"], out_dir=tmp_path)
    assert result.langs == (EN, ZH) and result.missing_font is None
    info = (result.path / "bag-info.txt").read_text(encoding="utf-8")
    assert "Report-Languages: en, zh-Hant-HK" in info and "Report-Languages-Note" not in info
    text = _pdf_text(result.path / "data" / "report.pdf")
    assert "本報告的語言：英文, 繁體中文。" in text and "禁止發布色情或裸露內容。" in text


@pytest.mark.parametrize("ui", ["en", "zh-Hant"])
def test_chinese_asked_for_without_a_font_is_exit_2(no_cjk_fonts, evidence_data, tmp_path, ui):
    result = CliRunner().invoke(cli, ["--data-dir", str(evidence_data.root), "--lang", ui,
                                      "evidence", "--platform", "lihkg", "--lang", "en,zh-Hant",
                                      "--out", str(tmp_path / "packs")])
    assert result.exit_code == 2, result.output
    assert "fonts-noto-cjk" in result.output and "未有中文字型" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "packs").exists()  # nothing half-written


@pytest.mark.slow  # builds a pack
def test_cli_without_a_font_prints_one_line(no_cjk_fonts, evidence_data, tmp_path):
    result = CliRunner().invoke(cli, ["--data-dir", str(evidence_data.root), "evidence",
                                      "--platform", "lihkg", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = [x for x in result.output.splitlines() if "fonts-noto-cjk" in x]
    assert len(lines) == 1 and "中文字型" in lines[0]
