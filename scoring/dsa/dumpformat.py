"""The TDB's dump format: file names, the columns of each schema and version, header checks.

Columns are always read by name, never by position.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.i18n import t

# The full schema as of v2 (2025), in the TDB's order; v1 lacks content_id_ean.
COLUMNS: tuple[str, ...] = (
    "uuid", "decision_visibility", "decision_visibility_other", "end_date_visibility_restriction",
    "decision_monetary", "decision_monetary_other", "end_date_monetary_restriction",
    "decision_provision", "end_date_service_restriction", "decision_account",
    "end_date_account_restriction", "account_type", "decision_ground",
    "decision_ground_reference_url", "illegal_content_legal_ground",
    "illegal_content_explanation", "incompatible_content_ground",
    "incompatible_content_explanation", "incompatible_content_illegal", "category",
    "category_addition", "category_specification", "category_specification_other",
    "content_type", "content_type_other", "content_language", "content_date", "content_id_ean",
    "territorial_scope", "application_date", "decision_facts", "source_type", "source_identity",
    "automated_detection", "automated_decision", "platform_name", "platform_uid", "created_at",
)
COLUMNS_V1 = tuple(c for c in COLUMNS if c != "content_id_ean")
LIGHT_DROPS = frozenset({"illegal_content_explanation", "incompatible_content_explanation",
                         "territorial_scope", "decision_facts"})
# content_id_ean appeared in March 2025, before the v2 vocabulary: optional until v2.
OPTIONAL_BEFORE_V2 = frozenset({"content_id_ean"})

# The columns the import reads (the staging table's raw text columns).
STAGED: tuple[str, ...] = (
    "uuid", "decision_visibility", "decision_monetary", "decision_provision", "decision_account",
    "account_type", "decision_ground", "incompatible_content_illegal", "category",
    "category_addition", "category_specification", "content_type", "content_language",
    "content_date", "territorial_scope", "application_date", "source_type",
    "automated_detection", "automated_decision", "platform_name", "created_at",
)
JSON_ARRAYS = ("decision_visibility", "category_addition", "category_specification",
               "content_type", "territorial_scope")
TIMES = ("content_date", "application_date", "created_at")
REQUIRED_VALUES = ("uuid", "platform_name", "created_at")

_STEM = r"sor-(?P<slug>[a-z0-9][a-z0-9_-]*?)-(?P<date>\d{4}-\d{2}-\d{2})-(?P<version>full|light)"
DAY_ZIP = re.compile(_STEM + r"\.zip$")
PART_ZIP = re.compile(_STEM + r"-(?P<part>\d{5})\.csv\.zip$")
PART_CSV = re.compile(_STEM + r"-(?P<part>\d{5})-(?P<sub>\d{5})\.csv$")


@dataclass(frozen=True)
class DumpName:
    """What a dump file's name says: the dump (global or a platform), its day and version."""

    slug: str
    day: dt.date
    version: str  # full or light
    kind: str  # day_zip, part_zip or part_csv


def parse_name(name: str) -> DumpName | None:
    for kind, pattern in (("day_zip", DAY_ZIP), ("part_zip", PART_ZIP), ("part_csv", PART_CSV)):
        match = pattern.match(name)
        if match:
            try:
                day = dt.date.fromisoformat(match["date"])
            except ValueError:
                return None
            return DumpName(match["slug"], day, match["version"], kind)
    return None


def expected_columns(version: str, schema: str) -> tuple[frozenset[str], frozenset[str]]:
    """(required, allowed) column names of a part of this dump version and schema."""
    allowed = frozenset(COLUMNS) - (LIGHT_DROPS if version == "light" else frozenset())
    required = allowed - (OPTIONAL_BEFORE_V2 if schema == "v1" else frozenset())
    return required, allowed


def header_problem(header: list[str], version: str, schema: str) -> tuple[str, str] | None:
    """(column, problem) for the first thing wrong with a part's header, or None."""
    required, allowed = expected_columns(version, schema)
    seen: set[str] = set()
    for name in header:
        if name not in allowed:
            return name, t("dsa.column.unknown", None, version=version, schema=schema)
        if name in seen:
            return name, t("dsa.column.twice")
        seen.add(name)
    for name in COLUMNS:
        if name in required and name not in seen:
            return name, t("dsa.column.missing", None, version=version, schema=schema)
    return None
