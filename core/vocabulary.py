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
    "too_complex",
)
# Outcomes that leave a current version for the document.
SUCCESS: frozenset[str] = frozenset({"ok", "unchanged"})
# Where a fetch came from: the offline mirror, the live web, or a WARC made elsewhere.
SOURCES: tuple[str, ...] = ("mirror", "live", "warc")

# ``features.json`` of a policy document: the analyser's answers, in the order it writes them
# (``evidence`` follows them: a list of ``{feature, quote}``).
POLICY_FEATURES: tuple[str, ...] = (
    "prohibits_ncii", "ncii_reporting_channel", "third_party_reporting", "hash_matching",
    "stated_response_time_hours", "covers_synthetic_media", "account_required_to_report",
    "notice_of_outcome", "appeal", "languages", "language_supported",
)
# The policy answers that are yes / partial / no / unknown (the rest are a number and a list;
# ``language_supported`` is a boolean, read as yes / no).
POLICY_FLAGS: tuple[str, ...] = tuple(
    f for f in POLICY_FEATURES if f not in ("stated_response_time_hours", "languages"))
# ``features.json`` of a reporting form: the form audit's answers.
FORM_FEATURES: tuple[str, ...] = (
    "form_present", "fields", "account_required", "captcha", "ncii_option", "languages",
    "needs_js",
)
FORM_FLAGS: tuple[str, ...] = tuple(f for f in FORM_FEATURES if f not in ("fields", "languages"))
# The kinds of input a form's ``fields`` says it has.
FORM_FIELDS: tuple[str, ...] = ("url", "file_upload", "email", "description")

# The ``kind`` of a change record: a policy element changed, the text changed but no element
# did, or only boilerplate changed (dates, navigation, cookie notices left after extraction).
CHANGE_KINDS: tuple[str, ...] = ("element", "access", "wording", "boilerplate")
# Kinds that change what a platform promises victims: these reach the feeds and alerts.
SIGNIFICANT_CHANGES: frozenset[str] = frozenset({"element", "access"})
