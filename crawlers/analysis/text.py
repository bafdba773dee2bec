"""Sentences of a policy document (English and Chinese), with where each one sits.

Every sentence keeps its exact span in the document, so a quote is always a substring of
what was analysed. Each sentence knows its heading chain and, inside a list, the sentence that
introduces the list ("You may not:"), because policies state rules that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HEADING_MARK = re.compile(r"\s{0,3}#{1,6}\s+")
_LIST_ITEM = re.compile(
    r"\s*(?:[-*+•·]|\d{1,3}[.)、]|[a-zA-Z][.)]|[（(]?[一二三四五六七八九十\d]{1,3}[)）、])\s+")
_TABLE_ROW = re.compile(r"^\s*\|")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
# End of an English sentence: . ! ? (plus closing quotes/brackets) then space and a capital,
# digit, quote or CJK character. Chinese sentences end at 。！？ whatever follows, and at a
# half-width ! or ? after a Chinese character (never inside a URL such as "answer?hl=en").
_EN_END = re.compile(r"[.!?][\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9\u4e00-\u9fff])")
_ZH_END = re.compile(r"(?:[。！？]|(?<=[\u4e00-\u9fff])[!?])[」』”’）)]*")
_LAST_WORD = re.compile(r"([\w.]+)[.!?][\"'”’)\]*_]*\s+$")
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "co", "no", "u.s", "u.k",
    "st", "jr", "sr", "cf", "approx", "art", "sec", "fig", "p", "pp", "vol", "corp", "dept",
}
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_SPACES = re.compile(r"\s+")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    raw: str                       # exact text of the document
    text: str                      # for matching: no link targets, emphasis or list markers
    headings: tuple[int, ...] = () # indices of heading sentences above, outermost first
    is_heading: bool = False
    level: int = 0                 # heading level (1-6; 7 for a short standalone line)
    in_list: bool = False
    lead: int | None = None        # the sentence that introduces the list this one is in
    section_end: int = 0           # for headings: index after the last sentence under it


@dataclass
class Document:
    text: str
    sentences: list[Sentence] = field(default_factory=list)


def clean(raw: str) -> str:
    """Sentence text as a reader sees it: link text without targets, no emphasis marks."""
    text = _LINK.sub(lambda m: m.group(1), raw)
    text = _HEADING.sub(lambda m: m.group(2), text) if text.lstrip().startswith("#") else text
    marker = _LIST_ITEM.match(text)
    text = text[marker.end():] if marker else text
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = text.replace("|", " ").replace("\\", "")
    return _SPACES.sub(" ", text).strip()


def _blocks(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) for each heading, list item, table row or paragraph."""
    blocks: list[tuple[str, int, int]] = []
    para_start: int | None = None
    para_end = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        start, body = pos, line.rstrip("\r\n")
        pos += len(line)
        end = start + len(body)
        kind = None
        if not body.strip() or _RULE.match(body):
            kind = "blank"
        elif _HEADING.match(body):
            kind = "heading"
        elif _LIST_ITEM.match(body):
            kind = "item"
        elif _TABLE_ROW.match(body):
            kind = "row"
        if kind is None:
            if para_start is None:
                para_start = start
            para_end = end
            continue
        if para_start is not None:
            blocks.append(("para", para_start, para_end))
            para_start = None
        if kind != "blank":
            blocks.append((kind, start, end))
    if para_start is not None:
        blocks.append(("para", para_start, para_end))
    return blocks


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one block."""
    chunk = text[start:end]
    cuts = set()
    for m in _ZH_END.finditer(chunk):
        cuts.add(m.end())
    for m in _EN_END.finditer(chunk):
        word = _LAST_WORD.search(chunk, max(0, m.start() - 40), m.end())
        if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS and chunk[m.start()] == ".":
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial, as in "J. Smith"
        cuts.add(m.end())
    spans, last = [], 0
    for cut in sorted(cuts):
        if chunk[last:cut].strip():
            spans.append((last, cut))
        last = cut
    if chunk[last:].strip():
        spans.append((last, len(chunk)))
    out = []
    for a, b in spans:
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        out.append((start + a + lead, start + a + trail))
    return out


def _is_title_line(text: str, raw: str) -> bool:
    """A short line standing alone with no sentence punctuation reads as a heading."""
    if "\n" in raw.strip() or not text or len(text) > 90:
        return False
    return text[-1] not in ".。!！?？:：;；,，)）\"”" and not text[0].islower()


def segment(text: str) -> Document:
    doc = Document(text)
    stack: list[Sentence] = []       # open headings
    lead: int | None = None          # the paragraph sentence before the current list
    nested: list[tuple[int, int]] = []  # (indent, index) of items ending with ":"
    for kind, b_start, b_end in _blocks(text):
        indent = len(text[b_start:b_end]) - len(text[b_start:b_end].lstrip())
        if kind in ("heading", "item"):
            # Quotes start at the words, not at the "## " or "- " that marks the line.
            marker = (_HEADING_MARK if kind == "heading" else _LIST_ITEM).match(text, b_start)
            level = len(marker.group(0).strip()) if kind == "heading" else 0
            b_start = marker.end() if marker and marker.end() < b_end else b_start
        spans = _split(text, b_start, b_end) if kind in ("para", "item") else [(b_start, b_end)]
        for n, (a, b) in enumerate(spans):
            raw = text[a:b]
            s = Sentence(len(doc.sentences), a, b, raw, clean(raw))
            if not s.text:
                continue
            if kind == "heading":
                s.is_heading, s.level = True, level
            elif kind == "para" and len(spans) == 1 and _is_title_line(s.text, raw):
                s.is_heading, s.level = True, 7
            if s.is_heading:
                while stack and stack[-1].level >= s.level:
                    stack.pop().section_end = s.index
                s.headings = tuple(h.index for h in stack)
                stack.append(s)
                lead, nested = None, []
            else:
                s.headings = tuple(h.index for h in stack)
                s.in_list = kind in ("item", "row")
                if s.in_list:
                    while nested and nested[-1][0] >= indent:
                        nested.pop()
                    s.lead = nested[-1][1] if nested else lead
                    if n == len(spans) - 1 and s.text.endswith((":", "：")):
                        nested.append((indent, s.index))  # it introduces a nested list
                elif n == len(spans) - 1:
                    # The last sentence of a paragraph introduces the list that follows it.
                    lead, nested = s.index, []
            doc.sentences.append(s)
    for h in stack:
        h.section_end = len(doc.sentences)
    return doc
