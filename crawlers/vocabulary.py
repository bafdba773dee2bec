"""The archive's vocabulary (docs/contracts.md section 1), shared by the crawl and its readers.

Kept free of Scrapy so that scoring and the evidence packs can read the archive without
loading the crawler.
"""

from __future__ import annotations

DOCUMENT_TYPES: tuple[str, ...] = (
    "terms_of_service",
    "community_guidelines",
    "ncii_policy",
    "reporting_form",
)
# The ``outcome`` of an ``items.jsonl`` record: what one fetch attempt ended as.
OUTCOMES: tuple[str, ...] = (
    "ok",
    "unchanged",
    "http_error",
    "timeout",
    "robots_disallowed",
    "too_large",
    "wrong_content_type",
    "needs_js",
    "login_wall",
    "redirect_loop",
    "extraction_failed",
)
# Outcomes that leave a current version for the document.
SUCCESS: frozenset[str] = frozenset({"ok", "unchanged"})
