"""What every page receives: the language, the parsed URL, the open database session."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.i18n import t
from dashboard import validate
from dashboard.db import Session


@dataclass
class PageContext:
    lang: str
    path: str
    query: validate.Query
    session: Session
    meta: dict[str, str] = field(default_factory=dict)
    args: dict[str, str] = field(default_factory=dict)  # validated parts of the path
    archive: Path | None = None  # the crawl's archive beside public.duckdb (change records)

    def t(self, key: str, **fields: Any) -> str:
        return t(key, self.lang, **fields)

    def href(self, path: str, **params: str | None) -> str:
        """A link that keeps the page's language."""
        return validate.href(path, self.lang, **params)

    def flag(self, key: str) -> bool:
        return self.meta.get(key, "").strip().lower() == "true"
