"""Regenerate the PDF fixtures and the text Poppler's ``pdftotext`` gave for each.

``python tests/crawl/pdf/make.py`` (needs WeasyPrint, the Noto CJK fonts and poppler-utils).
The policies are synthetic, written for these tests. ``*.pdftotext.txt`` records what the
crawler extracted with ``pdftotext -enc UTF-8`` before it moved to a Python library, so the
library's text can be compared with it on any machine.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).parent

# The one-page PDF the fault server serves: Helvetica, no embedded font, no ToUnicode map.
ONE_LINE = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
            b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
            b"4 0 obj<</Length 66>>stream\nBT /F1 12 Tf 72 712 Td (No intimate images without "
            b"consent) Tj ET\nendstream endobj\n"
            b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")

POLICY_EN = """
<h1>Example Platform — Intimate Image Policy</h1>
<p class="small">Effective 1 March 2024</p>
<h2>1. What we prohibit</h2>
<p>You may not share, or threaten to share, intimate images of another person without their
consent. This includes images that were created or altered with software so that they appear
to show a real, identifiable person (sometimes called “deepfakes”).</p>
<p>We also remove content that offers, requests or links to such images, and we suspend
accounts that repeatedly break this rule. Our staff review flagged material within 48 hours.</p>
<h2>2. How to report</h2>
<ul>
<li>Use the dedicated reporting form at example.org/report-intimate-images; no account is
needed.</li>
<li>A trusted organisation, lawyer or family member may report on the victim's behalf.</li>
<li>Reports in Traditional Chinese are accepted.</li>
</ul>
<p>We use hash matching, including hashes shared through StopNCII.org, to find copies of
reported images without anyone viewing them again.</p>
<h2 style="page-break-before: always">3. What happens next</h2>
<p>We tell the person who reported what we decided and why. If we keep the content up, the
reporter may appeal the decision within 30 days; a different reviewer handles the appeal.</p>
<table><tr><th>Step</th><th>Target time</th></tr>
<tr><td>Acknowledge the report</td><td>24 hours</td></tr>
<tr><td>Decision</td><td>48 hours</td></tr>
<tr><td>Appeal decision</td><td>7 days</td></tr></table>
<p>Efficient, fair and final: these definitions apply to flagged files.</p>
"""

POLICY_ZH = """
<h1>示例平台 — 私密影像政策</h1>
<p>生效日期：2024 年 3 月 1 日</p>
<h2>一、禁止事項</h2>
<p>未經當事人同意，不得分享或威脅分享其私密影像，包括以軟件製作或改動、令人以為是真實人物的影像（即「深度偽造」）。</p>
<p>我們亦會移除提供、索取或連結至此類影像的內容，並暫停屢次違規的帳戶。</p>
<h2>二、如何舉報</h2>
<ul><li>使用專用舉報表格，毋須登入帳戶。</li>
<li>受信任的機構、律師或家人可代表受害人舉報。</li>
<li>我們接受繁體中文舉報，並於 48 小時內回覆。</li></ul>
<h2>三、結果通知及上訴</h2>
<p>我們會通知舉報人處理結果及原因；如不同意決定，可於 30 日內提出上訴。</p>
"""

CSS = ("@page { size: A4; margin: 20mm }"
       "body { font-family: 'DejaVu Serif', serif; font-size: 11pt }"
       "body.zh { font-family: 'Noto Sans CJK HK', sans-serif }"
       "table { border-collapse: collapse } td, th { border: 1px solid #999; padding: 2mm }")


def _html(body: str, cls: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS}</style></head>"
            f"<body class='{cls}'>{body}</body></html>")


def main() -> None:
    import weasyprint

    (HERE / "one-line.pdf").write_bytes(ONE_LINE)
    (HERE / "policy-en.pdf").write_bytes(weasyprint.HTML(string=_html(POLICY_EN)).write_pdf(
        pdf_identifier=b"policy-en"))
    (HERE / "policy-zh.pdf").write_bytes(weasyprint.HTML(
        string=_html(POLICY_ZH, "zh")).write_pdf(pdf_identifier=b"policy-zh"))
    for pdf in sorted(HERE.glob("*.pdf")):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True).stdout
        pdf.with_suffix(".pdftotext.txt").write_bytes(text)


if __name__ == "__main__":
    main()
