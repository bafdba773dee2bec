"""How every reader of ``public.duckdb`` presents the EU DSA Transparency Database's figures
(tables ``dsa_figures``, ``dsa_files``, ``dsa_meta``, ``dsa_notices``; docs/contracts.md §3):
which figures, in which order and of which kind, which period sits beside the NGO's own, which
data-quality notices apply, and the attribution every use must carry. The dashboard, the
exports and the evidence packs share these rules so they never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from core.declarations import DeclarationError
from core.errors import TadaError
from core.i18n import EN, ZH, normalise_lang
from core.paths import PLATFORMS_DIR
from core.registry import load_registry

NCII_SETS: tuple[str, ...] = ("specific", "broad")
# The published DSA tables a reader needs; a database from before them has none.
READ_TABLES: tuple[str, ...] = ("dsa_figures", "dsa_files", "dsa_meta", "dsa_notices")

# dsa_figures columns shown, grouped as readers meet them, each with how to show it:
# ``count``, ``percent`` (0-1) or ``hours``. Counts of decisions and sources are of the set's
# NCII statements; a statement may carry several decisions.
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("statements", (("ncii", "count"), ("ncii_share", "percent"))),
    ("decisions", (("removed", "count"), ("disabled", "count"), ("demoted", "count"),
                   ("age_restricted", "count"), ("interaction_restricted", "count"),
                   ("labelled", "count"), ("visibility_other", "count"),
                   ("account_suspended", "count"), ("account_terminated", "count"),
                   ("service_suspended", "count"), ("service_terminated", "count"),
                   ("monetary", "count"))),
    ("sources", (("source_notice", "count"), ("source_trusted_flagger", "count"),
                 ("source_other_notification", "count"), ("source_own_initiative", "count"))),
    ("automation", (("automated_detection_share", "percent"),
                    ("automated_decision_fully_share", "percent"),
                    ("automated_decision_partially_share", "percent"))),
    ("timing", (("delay_median_hours", "hours"), ("delay_p90_hours", "hours"),
                ("delay_statements", "count"), ("delay_negative", "count"),
                ("lag_median_hours", "hours"), ("lag_p90_hours", "hours"))),
)
MEASURES: tuple[tuple[str, str], ...] = tuple(m for _, group in GROUPS for m in group)


@dataclass(frozen=True)
class Notice:
    number: int              # 1, 2, … in the order shown, for the marks beside figures
    id: str
    columns: frozenset[str]  # the dsa_figures columns it applies to ("*" for all)
    text: dict[str, str]     # by language
    source: str | None

    def applies_to(self, column: str) -> bool:
        return "*" in self.columns or column in self.columns

    def text_in(self, lang: str | None) -> str:
        return self.text[normalise_lang(lang)]


def has_tables(tables: Iterable[str]) -> bool:
    """Whether a published database holds the DSA tables (older ones do not)."""
    return set(READ_TABLES) <= set(tables)


def period_days(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``2025-08`` (a month) or ``2025-Q3`` (a quarter)."""
    year, _, rest = period.partition("-")
    if rest.startswith("Q"):
        first_month = 3 * (int(rest[1:]) - 1) + 1
        months = 3
    else:
        first_month, months = int(rest), 1
    first = dt.date(int(year), first_month, 1)
    end_month = first_month + months
    after = dt.date(int(year) + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    return first, after - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def choose_quarter(dsa_quarters: Iterable[str], ngo_quarters: Iterable[str]
                   ) -> tuple[str | None, bool]:
    """The quarter to show beside the NGO's figures: the latest one both have (``True``),
    else the latest the DSA data has (``False``: the periods differ), else none."""
    dsa = sorted(set(dsa_quarters))
    common = sorted(set(dsa) & set(ngo_quarters))
    if common:
        return common[-1], True
    return (dsa[-1] if dsa else None), False


def applicable_notices(rows: Sequence[Mapping[str, Any]], names: Iterable[str],
                       first: dt.date | None, last: dt.date | None) -> list[Notice]:
    """The ``dsa_notices`` rows that apply to a platform (known by its slug and TDB names)
    over the days ``first``–``last``, numbered in order."""
    wanted = set(names)
    found: list[Notice] = []
    for row in rows:
        if row.get("platform") and row["platform"] not in wanted:
            continue
        start, end = row.get("from_day"), row.get("until_day")
        if first is not None and last is not None and (
                (start is not None and start > last) or (end is not None and end < first)):
            continue
        columns = frozenset(c.strip() for c in str(row.get("applies_to") or "*").split(",")
                            if c.strip())
        found.append(Notice(len(found) + 1, str(row["id"]), columns or frozenset("*"),
                            {EN: str(row["text_en"]), ZH: str(row["text_zh"])},
                            row.get("source")))
    return found


def attribution(meta: Mapping[str, str], lang: str | None) -> str:
    """The line every use of the figures carries: source, licence and DOI."""
    lang = normalise_lang(lang)
    source = meta.get(f"attribution_{lang}") or meta.get(f"attribution_{EN}") or ""
    return f"{source}, {meta.get('licence', '')}, doi:{meta.get('doi', '')}"


def is_synthetic(meta: Mapping[str, str]) -> bool:
    """Whether the imported days are synthetic dumps (the demo's), not the EU's."""
    return str(meta.get("synthetic", "")).strip().lower() == "true"


def per_day(rows: Iterable[Mapping[str, Any]], column: str = "ncii") -> float | None:
    """A count per imported day over month rows of ``dsa_figures`` (None without days)."""
    days = total = 0
    for row in rows:
        days += int(row.get("days") or 0)
        total += int(row.get(column) or 0)
    return total / days if days else None


@cache
def _declared_names() -> dict[str, tuple[str, ...]]:
    try:
        return {slug: p.dsa_names for slug, p in load_registry(PLATFORMS_DIR).items()}
    except (TadaError, DeclarationError, OSError):  # unreadable declarations: by slug only
        return {}


def platform_names(slug: str) -> set[str]:
    """A platform's slug and its declared TDB names, which a notice may name it by."""
    return {slug, *_declared_names().get(slug, ())}
