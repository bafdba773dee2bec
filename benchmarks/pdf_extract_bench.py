"""PDF text extraction: pypdf, pdfminer.six and pypdfium2 against Poppler's ``pdftotext``.

    python benchmarks/pdf_extract_bench.py [--words 60000] [--repeat 3] [--pdf FILE ...]

Documents: the crawl's PDF fixtures (``tests/crawl/pdf``), a long PDF printed with WeasyPrint
from the real policy texts of the research corpus (``../shared/research/corpus``, read at run
time, skipped when absent; ``--words`` caps its length) and any ``--pdf`` given.

For each document and extractor it times the whole process (interpreter start, import,
extraction; best of ``--repeat``) and prints the ratio to ``pdftotext``'s process (the
baseline), and how close the text is to ``pdftotext``'s once both are normalised as the
crawler normalises a version (word-sequence similarity, 1.0 = the same words in the same
order). Without ``pdftotext`` the times are printed without ratios and the texts compared
with pypdfium2's.
"""

from __future__ import annotations

import argparse
import difflib
import html
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "research" / "corpus"
FIXTURES = REPO / "tests" / "crawl" / "pdf"

EXTRACTORS = {
    "pypdf": "import pypdf,sys\n"
             "r=pypdf.PdfReader(sys.argv[1],strict=False)\n"
             "sys.stdout.write('\\n\\f'.join(p.extract_text() or '' for p in r.pages))",
    "pdfminer.six": "import sys\nfrom pdfminer.high_level import extract_text\n"
                    "sys.stdout.write(extract_text(sys.argv[1]))",
    "pypdfium2": "import sys,pypdfium2 as p\nd=p.PdfDocument(sys.argv[1])\n"
                 "sys.stdout.write('\\f'.join(d[i].get_textpage().get_text_range()"
                 " for i in range(len(d))))",
    # What the crawler runs: pypdfium2 plus putting runs back in reading order.
    "crawlers.pdf": f"import sys\nsys.path.insert(0,{str(REPO)!r})\n"
                    "from crawlers.pdf import pdf_text\n"
                    "sys.stdout.write(pdf_text(open(sys.argv[1],'rb').read()))",
}


def _corpus_pdf(folder: Path, words: int) -> Path | None:
    """One long PDF from the corpus's English Markdown policies, up to ``words`` words."""
    import weasyprint

    texts = sorted(p for p in CORPUS.rglob("*.md")
                   if p.name not in ("NOTES.md",) and ".de." not in p.name)
    if not texts:
        return None
    parts, count = [], 0
    for path in texts:
        parts.append(f"<h1>{html.escape(str(path.relative_to(CORPUS)))}</h1>")
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if not block:
                continue
            tag = "h2" if block.startswith("#") else "p"
            parts.append(f"<{tag}>{html.escape(block.lstrip('# '))}</{tag}>")
            count += len(block.split())
            if count >= words:
                break
        if count >= words:
            break
    out = folder / f"corpus-{count}-words.pdf"
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page{size:A4;margin:20mm}"
            "body{font-family:'DejaVu Serif',serif;font-size:10pt}</style></head><body>"
            + "".join(parts) + "</body></html>")
    out.write_bytes(weasyprint.HTML(string=page).write_pdf())
    return out


def _run(command: list[str], repeat: int) -> tuple[float, str | None]:
    """Best wall time and the text; None for the text when the extractor failed."""
    best, text = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        if result.returncode == 0:
            text = result.stdout.decode("utf-8", errors="replace")
        else:
            reason = result.stderr.decode(errors="replace").strip().splitlines() or ["?"]
            print(f"  {Path(command[0]).name} failed: {reason[-1][:100]}")
            return best, None
    return best, text


def _similarity(a: str, b: str) -> float:
    from crawlers.extract import normalise_text

    wa, wb = normalise_text(a).split(), normalise_text(b).split()
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _bench(pdf: Path, repeat: int) -> None:
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(pdf))
    print(f"\n{pdf.name}: {pages} pages, {pdf.stat().st_size:,} bytes")
    baseline = shutil.which("pdftotext")
    results = {name: _run([sys.executable, "-c", code, str(pdf)], repeat)
               for name, code in EXTRACTORS.items()}
    if baseline:
        base_time, base_text = _run([baseline, "-enc", "UTF-8", str(pdf), "-"], repeat)
        print(f"  {'pdftotext (baseline)':22} {base_time:8.3f} s   1.00x   similarity 1.000")
    else:
        base_time, base_text = None, results["pypdfium2"][1]
        print("  pdftotext not found: texts compared with pypdfium2's, no time ratios")
    for name, (seconds, text) in results.items():
        ratio = f"{seconds / base_time:6.2f}x" if base_time else "     -"
        similar = ("FAILED" if text is None
                   else f"{_similarity(base_text or '', text):.3f}")
        print(f"  {name:22} {seconds:8.3f} s  {ratio}   similarity {similar}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf", type=Path, action="append", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        documents = sorted(FIXTURES.glob("*.pdf")) + args.pdf
        if CORPUS.is_dir():
            long_pdf = _corpus_pdf(Path(tmp), args.words)
            if long_pdf:
                documents.append(long_pdf)
        else:
            print(f"{CORPUS} not found: the long corpus PDF is skipped")
        for pdf in documents:
            _bench(pdf, args.repeat)


if __name__ == "__main__":
    main()
