"""The schema of ``public.duckdb`` that scoring writes and every reader relies on, declared once
(docs/contracts.md section 3): its published tables, the natural key of each row that
``suppressed_cells`` names, the policy elements and the grades.

The SQL that builds the tables is checked against these declarations by the tests
(``tests/scoring/test_public_schema.py``), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.vocabulary import FORM_FIELDS, FORM_FLAGS

# The policy elements, in the order every scorecard lists them.
ELEMENTS: tuple[str, ...] = (
    "ncii_prohibition", "ncii_reporting_channel", "report_without_account",
    "third_party_reporting", "traditional_chinese_reporting", "hash_matching",
    "stated_response_time", "outcome_notice_and_appeal", "synthetic_media_coverage",
)
# The reporting-form checks of ``form_audits``, in the order reports list them.
FORM_AUDIT_CHECKS: tuple[str, ...] = (
    FORM_FLAGS[0], *(f"field_{f}" for f in FORM_FIELDS), *FORM_FLAGS[1:])
GRADES: tuple[str, ...] = ("A", "B", "C", "D", "E")
INSUFFICIENT = "insufficient_data"  # the grade where the base is too small for a number

# Published tables, in the order a reader meets them (exports keep this order).
TABLES: tuple[str, ...] = (
    "scorecard_platform", "scorecard_category", "policy_elements", "form_audits",
    "metrics_by_period", "metrics_by_channel", "cif_curve", "report_figures",
    "suppressed_cells", "meta",
)
# Figures from the EU DSA Transparency Database: public data about platforms, published with
# the TDB's CC BY 4.0 attribution and data-quality notices (dsa_meta, dsa_notices); not
# suppressed (no person is counted). Exports add four of them once a day is imported
# (``core.export.DSA_EXPORT_TABLES``); readers present them by ``core.dsa_public``'s rules.
DSA_TABLES: tuple[str, ...] = ("dsa_figures", "dsa_days", "dsa_files", "dsa_meta", "dsa_notices")

# The natural key of each table whose hidden cells ``suppressed_cells`` lists; its
# ``row_key`` joins the key's values with ``ROW_KEY_SEPARATOR``. A hidden curve is listed once
# for the whole curve (group_type|group_key).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "scorecard_platform": ("slug",),
    "scorecard_category": ("category",),
    "metrics_by_period": ("group_type", "group_key", "period"),
    "metrics_by_channel": ("group_type", "group_key", "channel"),
    "report_figures": ("figure", "group_key"),
    "cif_curve": ("group_type", "group_key"),
}
ROW_KEY_SEPARATOR = "|"


def row_key(table: str, row: Mapping[str, Any]) -> str:
    """The ``row_key`` under which ``suppressed_cells`` names a cell of ``row``."""
    return ROW_KEY_SEPARATOR.join(str(row[column]) for column in ROW_KEYS[table])


def row_key_parts(key: str) -> tuple[str, ...]:
    """The natural-key values a ``row_key`` joins."""
    return tuple(key.split(ROW_KEY_SEPARATOR))
