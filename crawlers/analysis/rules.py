"""The analyser's vocabulary: regular expressions per concept, read from
``crawlers/patterns/analyser.yaml`` so researchers can read and extend them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core import safe_yaml

PATTERNS_FILE = Path(__file__).parent.parent / "patterns" / "analyser.yaml"


FORMS_FILE = Path(__file__).parent.parent / "patterns" / "forms.yaml"


class VocabularyError(ValueError):
    """The pattern file is malformed; names the concept and the entry."""


@dataclass(frozen=True)
class Concept:
    name: str
    pattern: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)

    def __call__(self, text: str) -> bool:
        return self.pattern.search(text) is not None


def _compile(name: str, entries: dict[str, list[str]]) -> Concept:
    parts = []
    for lang, patterns in entries.items():
        if not isinstance(patterns, list):
            raise VocabularyError(f"{PATTERNS_FILE.name}: {name}.{lang} must be a list")
        for entry in patterns:
            try:
                re.compile(entry)
            except re.error as exc:
                raise VocabularyError(f"{PATTERNS_FILE.name}: {name}.{lang}: {entry!r}: {exc}") \
                    from exc
            # English words need boundaries ("hash" is not "hashtag"); Chinese has no spaces.
            parts.append(f"(?<!\\w)(?:{entry})(?!\\w)" if lang == "en" else f"(?:{entry})")
    return Concept(name, re.compile("|".join(parts), re.IGNORECASE))


@cache
def vocabulary(path: Path = PATTERNS_FILE) -> dict[str, Concept]:
    data = safe_yaml.load(path.read_text(encoding="utf-8"))
    return {name: _compile(name, entries) for name, entries in data.items()
            if name != "language_names"}


@cache
def language_names(path: Path = PATTERNS_FILE) -> dict[str, list[str]]:
    data = safe_yaml.load(path.read_text(encoding="utf-8"))
    return {lang: [n.lower() for n in names] for lang, names in data["language_names"].items()}
