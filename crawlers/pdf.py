"""The text of a PDF policy, read with PDFium (pypdfium2: a wheel, no system binary).

PDFium gives each page's text in content-stream order, one run per visual line. Producers
often draw list bullets, footnote marks or table cells after the text beside them, so runs
that share a baseline are put back on one line, left to right; a gap between lines wider
than the line spacing becomes a blank line (a paragraph break), as Poppler's ``pdftotext``
printed it. Columns are not merged: a run joins an earlier line only when it sits close
beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import t
from crawlers.extract import ExtractionError


class UnreadablePdf(ExtractionError):
    """A body that PDFium cannot open as a PDF (damaged, encrypted or not a PDF)."""


@dataclass
class _Line:
    left: float
    right: float
    bottom: float
    top: float
    parts: list[tuple[float, str]] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    def beside(self, left: float, right: float, bottom: float) -> bool:
        """A run on this line's baseline, within about two line heights to either side."""
        if abs(bottom - self.bottom) > self.height * 0.3:
            return False
        gap = max(left - self.right, self.left - right)
        return gap < self.height * 2

    def add(self, left: float, right: float, text: str) -> None:
        self.parts.append((left, text))
        self.left, self.right = min(self.left, left), max(self.right, right)

    def text(self) -> str:
        return " ".join(text.strip() for _, text in sorted(self.parts, key=lambda p: p[0]))


def _page_lines(textpage) -> list[_Line]:
    text = textpage.get_text_range()
    lines: list[_Line] = []
    index = 0
    for run in text.split("\r\n"):
        first, last = index, index + len(run) - 1
        index += len(run) + 2
        if not run.strip():
            continue
        left, bottom, _, top = textpage.get_charbox(first, loose=True)
        right = textpage.get_charbox(last, loose=True)[2]
        for line in lines:
            if line.beside(left, right, bottom):
                line.add(left, right, run)
                break
        else:
            line = _Line(left, right, bottom, top)
            line.add(left, right, run)
            lines.append(line)
    return lines


def _page_text(lines: list[_Line]) -> str:
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if (previous is not None
                and previous.bottom - line.top > min(previous.height, line.height) * 0.7):
            out.append("")
        out.append(line.text())
        previous = line
    return "\n".join(out)


def pdf_text(body: bytes) -> str:
    """The PDF's text, page after page, with blank lines between paragraphs and pages."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(body)
    except pypdfium2.PdfiumError as exc:
        raise UnreadablePdf(t("crawl.extract.bad_pdf", None, reason=str(exc))) from exc
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(_page_text(_page_lines(textpage)))
            textpage.close()
            page.close()
        return "\n\n".join(pages) + "\n"
    finally:
        document.close()
