"""One thing wrong with a pack, naming the file (relative to the bag's top folder)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.i18n import t


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return t(self.key, lang, **dict(self.fields))


def problem(file: str, key: str, **fields: Any) -> Problem:
    return Problem(file, key, tuple(sorted(fields.items())))


def parse_oxum(value: object) -> tuple[int, int] | None:
    """``Payload-Oxum`` (``bytes.files``) as two numbers; None when absent or malformed."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    octets, _, count = value.strip().partition(".")
    if not (octets.isdigit() and count.isdigit()):
        return None
    return int(octets), int(count)
