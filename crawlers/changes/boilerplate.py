"""Telling churn from wording: is the only difference between two texts boilerplate?

Changed lines are compared after dates are replaced by a placeholder, Markdown marks and
spacing are dropped, and lines that are boilerplate by their nature (cookie notices, "last
updated" stamps, copyright, navigation) are set aside. If what is left removed equals what is
left added, the change is boilerplate only. The patterns are data:
``crawlers/patterns/boilerplate.yaml``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core import safe_yaml
from core.errors import TadaError
from core.i18n import t

PATTERNS = Path(__file__).resolve().parent.parent / "patterns" / "boilerplate.yaml"
DATE_MARK = "<date>"
_MARKDOWN = re.compile(r"[#*_`>|~\[\]()!\\-]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Patterns:
    dates: tuple[re.Pattern[str], ...]
    lines: tuple[re.Pattern[str], ...]


@cache
def load_patterns(path: Path = PATTERNS) -> Patterns:
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"))
        months = data["months"]
        dates = tuple(re.compile(p.replace("{months}", months), re.I) for p in data["dates"])
        lines = tuple(re.compile(p, re.I) for p in data["lines"])
    except (OSError, safe_yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise TadaError(t("changes.bad_patterns", None, path=path, reason=exc)) from exc
    return Patterns(dates, lines)


def normalise(line: str, patterns: Patterns) -> str:
    """A line as compared: dates replaced, Markdown marks and spacing dropped, case folded."""
    for pattern in patterns.dates:
        line = pattern.sub(DATE_MARK, line)
    line = _MARKDOWN.sub(" ", line.replace(DATE_MARK, "\0"))
    return _SPACE.sub(" ", line).strip().replace("\0", DATE_MARK).casefold()


def _is_churn(line: str, patterns: Patterns) -> bool:
    return not line or any(p.search(line) for p in patterns.lines)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines only the old text has and the lines only the new one has."""
    a, b = old.splitlines(), new.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def boilerplate_only(old: str, new: str, patterns: Patterns | None = None) -> bool:
    """Whether every difference between the two texts is boilerplate."""
    patterns = patterns or load_patterns()
    removed, added = changed_lines(old, new)

    def kept(lines: list[str]) -> Counter[str]:
        normal = (normalise(line, patterns) for line in lines)
        return Counter(line for line in normal if not _is_churn(line, patterns))

    return kept(removed) == kept(added)
