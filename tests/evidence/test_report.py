"""The PDF report: sections, both languages, embedded CJK fonts, notices on every page."""

from __future__ import annotations

import subprocess

from evidence.build import build_pack

SECTIONS_EN = ("Summary scorecard and grade", "Policy elements and quoted evidence",
               "Reporting-form audit", "Removal statistics", "History of policy changes")
SECTIONS_ZH = ("評分摘要及等級", "政策要素及引述證據", "舉報表格審查", "移除統計", "政策修改紀錄")


def test_sections_in_english_and_chinese(public_pack, helpers):
    text = helpers.pdf_text(public_pack.path / "data" / "report.pdf")
    lines = [line.strip() for line in text.splitlines()]
    for sub, heading in enumerate(SECTIONS_EN, start=1):
        found = [line for line in lines if line.endswith(f".{sub} {heading}")]
        assert len(found) == 5, heading               # one per platform
    for heading in SECTIONS_ZH:
        assert lines.count(heading) == 5, heading
    for number, name in enumerate(("Bing", "Facebook", "LIHKG", "Pornhub", "Telegram"), 1):
        assert f"{number}. {name}" in text
        for sub in range(1, 6):
            assert f"{number}.{sub} " in text
    for closing in ("A. Archived snapshots cited", "引用的存檔快照", "B. Methodology", "方法",
                    "C. Limitations", "局限"):
        assert closing in text
    assert "連登" in text and "臉書" in text       # Chinese platform names
    assert "禁止發布色情或裸露內容。" in text      # a Chinese quote, as archived
    assert "2023-04-20" in text                   # the cited re-fetch date of a snapshot
    assert "tada-ncii-responsiveness 1.0.0" in text


def test_cjk_fonts_are_embedded(public_pack, helpers):
    fonts = helpers.pdf_fonts(public_pack.path / "data" / "report.pdf")
    assert any("Noto-Sans-CJK-HK" in name for name in fonts), fonts
    assert all(fonts.values()), fonts  # every font embedded


def test_synthetic_notice_on_every_page(public_pack, helpers):
    pages = helpers.pdf_text(public_pack.path / "data" / "report.pdf").split("\f")[:-1]
    assert len(pages) > 5
    for page in pages:
        assert "SYNTHETIC DEMO DATA" in page and "合成示範數據" in page
        assert "RESTRICTED" not in page


def test_restricted_marking_on_every_page(restricted_pack, helpers):
    assert restricted_pack.path.name.endswith("-RESTRICTED")
    pages = helpers.pdf_text(restricted_pack.path / "data" / "report.pdf").split("\f")[:-1]
    for page in pages:
        assert "RESTRICTED" in page and "限閱" in page
    info = (restricted_pack.path / "bag-info.txt").read_text(encoding="utf-8")
    assert "Access: RESTRICTED" in info


def test_pdf_is_byte_stable(public_pack, evidence_data, tmp_path):
    again = build_pack(evidence_data, ["bing", "facebook", "lihkg", "pornhub", "telegram"],
                       out_dir=tmp_path, organisation="Example Advocacy HK",
                       contact="evidence@example.org")
    first = (public_pack.path / "data" / "report.pdf").read_bytes()
    assert (again.path / "data" / "report.pdf").read_bytes() == first
    info = subprocess.run(["pdfinfo", str(again.path / "data" / "report.pdf")], check=True,
                          capture_output=True, text=True).stdout
    assert "Apr 30 00:00:00 2023" in info   # dated by the data, not by the clock
    assert (again.path / "manifest-sha256.txt").read_bytes() == \
        (public_pack.path / "manifest-sha256.txt").read_bytes()
    ours = (public_pack.path / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    theirs = (again.path / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    assert [a for a, b in zip(ours, theirs, strict=True) if a != b] in (
        [], ["Bagging-Date: 2024-05-01"])


def test_one_language_only(evidence_data, tmp_path, helpers):
    english = build_pack(evidence_data, ["lihkg"], langs="en", out_dir=tmp_path / "en")
    text = helpers.pdf_text(english.path / "data" / "report.pdf")
    assert "Summary scorecard and grade" in text and "評分摘要及等級" not in text
    assert "禁止發布色情或裸露內容。" in text   # quotes stay in their own language
    chinese = build_pack(evidence_data, ["lihkg"], langs="zh-Hant", out_dir=tmp_path / "zh")
    text = helpers.pdf_text(chinese.path / "data" / "report.pdf")
    assert "評分摘要及等級" in text and "Summary scorecard and grade" not in text
