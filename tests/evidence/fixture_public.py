"""``public.duckdb`` (contracts §3) and ``warehouse.duckdb`` (§2) for the evidence-pack tests.

The suppression thresholds are set high (500 items) so that the hidden counts are distinctive
numbers (LIHKG 437 items / 329 removed, primary; Telegram 595 / 521, secondary) that a scan
of a public pack can look for. Telegram has case data but no crawl; Bing has a crawl but no
case data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from scoring.warehouse import connect as connect_warehouse

AS_OF = "2023-04-30T10:00:00Z"
MIN_ITEMS = 500
SECRETS = {"lihkg": {"items": 437, "removed": 329, "refused": 61, "no_response": 30,
                     "pending": 17, "cases": 43},
           "telegram": {"items": 595, "removed": 521, "refused": 44, "no_response": 19,
                        "pending": 11, "cases": 73}}
OPEN = {"facebook": {"items": 1240, "removed": 1051, "refused": 120, "no_response": 49,
                     "pending": 20, "cases": 210},
        "pornhub": {"items": 2210, "removed": 1630, "refused": 300, "no_response": 200,
                    "pending": 80, "cases": 260},
        "reddit": {"items": 880, "removed": 760, "refused": 60, "no_response": 40,
                   "pending": 20, "cases": 150}}
# slug, English name, Chinese name, category, has cases, has crawl, grade, overall
PLATFORMS = [
    ("bing", "Bing", "Bing 搜尋", "search_engine", False, True, "insufficient_data", None),
    ("facebook", "Facebook", "臉書", "social_media", True, True, "B", 71.0),
    ("lihkg", "LIHKG", "連登", "social_media", True, True, "insufficient_data", None),
    ("pornhub", "Pornhub", None, "pornographic_site", True, True, "C", 52.5),
    ("reddit", "Reddit", None, "social_media", True, True, "B", 66.0),
    ("telegram", "Telegram", None, "social_media", True, False, "D", 38.0),
]
ELEMENTS = ("ncii_prohibition", "ncii_reporting_channel", "report_without_account",
            "third_party_reporting", "traditional_chinese_reporting", "hash_matching",
            "stated_response_time", "outcome_notice_and_appeal", "synthetic_media_coverage")
STATS = ("items INTEGER, removed INTEGER, removal_rate DOUBLE, removal_ci_low DOUBLE, "
         "removal_ci_high DOUBLE, cif_removed_24h DOUBLE, cif_removed_48h DOUBLE, "
         "cif_removed_7d DOUBLE, median_first_response_hours DOUBLE, "
         "median_first_response_ci_low DOUBLE, median_first_response_ci_high DOUBLE, "
         "no_response_30d_share DOUBLE")
METHODOLOGY = """\
id: tada-ncii-responsiveness
version: "1.0.0"
date: 2025-06-01
policy_elements:
  ncii_prohibition: {weight: 1.5}
  ncii_reporting_channel: {weight: 1.5}
suppression: {min_people: 600, min_items: 500, hide_zero: false}
"""
SCHEMA = f"""
CREATE TABLE meta (key VARCHAR, value VARCHAR);
CREATE TABLE methodology (yaml VARCHAR);
CREATE TABLE platforms (slug VARCHAR, name_en VARCHAR, name_zh VARCHAR, category VARCHAR,
    has_case_data BOOLEAN, has_crawl_data BOOLEAN);
CREATE TABLE scorecard_platform (slug VARCHAR, name_en VARCHAR, name_zh VARCHAR,
    category VARCHAR, {STATS}, {", ".join(f"{e}_score DOUBLE" for e in ELEMENTS)},
    policy_score DOUBLE, responsiveness_score DOUBLE, overall_score DOUBLE, grade VARCHAR,
    rank INTEGER, methodology_version VARCHAR);
CREATE TABLE scorecard_category (category VARCHAR, {STATS}, item_share DOUBLE);
CREATE TABLE policy_elements (slug VARCHAR, element VARCHAR, value VARCHAR, score DOUBLE,
    quote VARCHAR, document_type VARCHAR, lang VARCHAR, url VARCHAR, version_id VARCHAR,
    fetched_at TIMESTAMP);
CREATE TABLE form_audits (slug VARCHAR, url VARCHAR, lang VARCHAR, version_id VARCHAR,
    fetched_at TIMESTAMP, form_present BOOLEAN, field_url BOOLEAN, field_file_upload BOOLEAN,
    field_email BOOLEAN, field_description BOOLEAN, account_required BOOLEAN, captcha BOOLEAN,
    ncii_option BOOLEAN, languages VARCHAR, needs_js BOOLEAN);
CREATE TABLE policy_versions (slug VARCHAR, document_type VARCHAR, lang VARCHAR,
    version_id VARCHAR, previous_version_id VARCHAR, fetched_at TIMESTAMP, url VARCHAR,
    markdown VARCHAR, diff VARCHAR);
CREATE TABLE cif_curve (group_type VARCHAR, group_key VARCHAR, t_hours DOUBLE, cif DOUBLE,
    ci_low DOUBLE, ci_high DOUBLE);
CREATE TABLE metrics_by_period (group_type VARCHAR, group_key VARCHAR, period VARCHAR,
    items INTEGER, removed INTEGER, removal_rate DOUBLE, removal_ci_low DOUBLE,
    removal_ci_high DOUBLE, cif_removed_48h DOUBLE, median_first_response_hours DOUBLE);
CREATE TABLE metrics_by_channel (group_type VARCHAR, group_key VARCHAR, channel VARCHAR,
    items INTEGER, removed INTEGER, removal_rate DOUBLE, removal_ci_low DOUBLE,
    removal_ci_high DOUBLE, cif_removed_48h DOUBLE, median_first_response_hours DOUBLE);
CREATE TABLE report_figures (figure VARCHAR, group_key VARCHAR, count INTEGER, share DOUBLE);
CREATE TABLE suppressed_cells (table_name VARCHAR, row_key VARCHAR, column_name VARCHAR,
    reason VARCHAR);
"""
TIMES = (2, 6, 12, 24, 36, 48, 72, 120, 168, 336, 600)


def _ts(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", ""))


def _curve(key: str, kind: str, top: float) -> list[tuple]:
    rows = []
    for i, hours in enumerate(TIMES, start=1):
        cif = round(top * i / len(TIMES), 4)
        rows.append((kind, key, float(hours), cif, max(0.0, cif - 0.05), min(1.0, cif + 0.05)))
    return rows


def _scorecard(slug: str, name_en: str, name_zh: str | None, category: str, grade: str,
               overall: float | None) -> tuple:
    counts = OPEN.get(slug)
    if counts:
        n, k = counts["items"], counts["removed"]
        rate = k / n
        stats = (n, k, rate, rate - 0.03, rate + 0.03, 0.41, 0.63, 0.8, 20.5, 14.2, 27.9, 0.05)
    elif slug == "telegram":   # counts hidden by secondary suppression, rates shown
        stats = (None, None, 0.8756, 0.84, 0.9, 0.2, 0.35, 0.6, 96.0, 70.0, 130.0, 0.03)
    elif slug == "bing":       # no case data at all
        stats = (0, 0) + (None,) * 10
    else:                      # lihkg: primary suppression
        stats = (None,) * 12
    scores = tuple(None if slug == "telegram" else 100.0 if i % 3 == 0 else 50.0
                   for i in range(len(ELEMENTS)))
    policy = None if slug == "telegram" else 61.1
    responsiveness = None if overall is None else overall - 1
    rank = None if overall is None else {"facebook": 1, "reddit": 2, "pornhub": 3,
                                         "telegram": 4}[slug]
    return (slug, name_en, name_zh, category, *stats, *scores, policy, responsiveness,
            overall, grade, rank, "1.0.0")


def _elements(index: dict[str, dict]) -> list[tuple]:
    latest = {}
    for rec in sorted(index.values(), key=lambda r: r["fetched_at"]):
        latest[(rec["platform"], rec["document_type"], rec["lang"])] = rec
    rows = []
    for (slug, doc, lang), rec in sorted(latest.items()):
        if doc == "reporting_form" or slug == "reddit":
            continue
        fetched = rec["fetched_at"]
        if slug == "facebook" and doc == "terms_of_service":
            fetched = "2023-04-20T08:09:00Z"   # the later, unchanged re-fetch is cited
        quote = rec["markdown"].split("\n\n")[1]
        for i, element in enumerate(ELEMENTS[:3] if doc != "terms_of_service" else ELEMENTS):
            value = ("yes", "partial", "no")[i % 3] if slug != "lihkg" else "partial"
            rows.append((slug, element, value, {"yes": 100.0, "partial": 50.0}.get(value, 0.0),
                         quote if value != "no" else None, doc, lang, rec["url"],
                         rec["version_id"], _ts(fetched)))
    return rows


def build_public(path: Path, index: dict[str, dict]) -> None:
    con = duckdb.connect(str(path))
    con.execute(SCHEMA)
    meta = {"methodology_id": "tada-ncii-responsiveness", "methodology_version": "1.0.0",
            "methodology_date": "2025-06-01", "generated_at": "2023-05-02T09:00:00Z",
            "data_as_of": AS_OF, "toolkit_version": "0.1.0", "synthetic": "true",
            "mirror": "true", "min_people": "600", "min_items": str(MIN_ITEMS)}
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    con.execute("INSERT INTO methodology VALUES (?)", [METHODOLOGY])
    con.executemany("INSERT INTO platforms VALUES (?, ?, ?, ?, ?, ?)",
                    [p[:6] for p in PLATFORMS])
    rows = [_scorecard(p[0], p[1], p[2], p[3], p[6], p[7]) for p in PLATFORMS]
    con.executemany(f"INSERT INTO scorecard_platform VALUES ({', '.join(['?'] * len(rows[0]))})",
                    rows)
    con.executemany(f"INSERT INTO scorecard_category VALUES ({', '.join(['?'] * 14)})", [
        ("social_media", 3152, 2661, 0.844, 0.83, 0.86, 0.33, 0.52, 0.74, 30.0, 25.0, 36.0,
         0.04, 0.5),
        ("pornographic_site", 2210, 1630, 0.7376, 0.72, 0.76, 0.21, 0.4, 0.6, 60.0, 50.0, 70.0,
         0.09, 0.35),
        ("search_engine", 0, 0, None, None, None, None, None, None, None, None, None, None,
         0.0)])
    con.executemany("INSERT INTO policy_elements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _elements(index))
    forms = [r for r in index.values() if r["document_type"] == "reporting_form"]
    con.executemany("INSERT INTO form_audits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r["platform"], r["url"], r["lang"], r["version_id"], _ts(r["fetched_at"]),
                      True, True, r["platform"] == "facebook", True, True, False, False,
                      r["platform"] == "facebook", "en,zh-Hant", False) for r in forms])
    con.executemany("INSERT INTO policy_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r["platform"], r["document_type"], r["lang"], r["version_id"],
                      r["previous_version_id"], _ts(r["fetched_at"]), r["url"], r["markdown"],
                      r["diff"]) for r in index.values()])
    curves = (_curve("facebook", "platform", 0.85) + _curve("pornhub", "platform", 0.74)
              + _curve("telegram", "platform", 0.7) + _curve("reddit", "platform", 0.86)
              + _curve("social_media", "category", 0.8)
              + _curve("pornographic_site", "category", 0.74))
    con.executemany("INSERT INTO cif_curve VALUES (?, ?, ?, ?, ?, ?)", curves)
    con.executemany("INSERT INTO metrics_by_period VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("platform", "pornhub", f"2022-Q{q}", 552, 410, 0.743, 0.70, 0.78, 0.4, 60.0)
        for q in range(1, 5)] + [
        ("platform", "facebook", f"2022-Q{q}", None, None, None, None, None, None, None)
        for q in range(1, 5)])
    con.executemany("INSERT INTO metrics_by_channel VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("platform", "facebook", "web_form", 740, 640, 0.865, 0.84, 0.89, 0.7, 12.0),
        ("platform", "facebook", "email", 500, 411, 0.822, 0.79, 0.85, 0.5, 30.0),
        ("platform", "lihkg", "web_form", None, None, None, None, None, None, None)])
    con.executemany("INSERT INTO report_figures VALUES (?, ?, ?, ?)", [
        ("totals", "items", 5362, 1.0), ("category_share", "social_media", 3152, 0.588)])
    hidden = [("scorecard_platform", "lihkg", c, "primary") for c in
              ("items", "removed", "removal_rate", "removal_ci_low", "removal_ci_high",
               "cif_removed_24h", "cif_removed_48h", "cif_removed_7d",
               "median_first_response_hours", "median_first_response_ci_low",
               "median_first_response_ci_high", "no_response_30d_share")]
    hidden += [("scorecard_platform", "telegram", c, "secondary") for c in ("items", "removed")]
    hidden += [("metrics_by_period", f"platform|facebook|2022-Q{q}", c, "primary")
               for q in range(1, 5) for c in ("items", "removed", "removal_rate")]
    hidden += [("metrics_by_channel", "platform|lihkg|web_form", c, "primary")
               for c in ("items", "removed", "removal_rate")]
    con.executemany("INSERT INTO suppressed_cells VALUES (?, ?, ?, ?)", hidden)
    con.close()


def build_warehouse(path: Path) -> None:
    """Items per platform and outcome, with the exact counts a RESTRICTED pack shows."""
    con = connect_warehouse(path)
    for slug, counts in {**OPEN, **SECRETS}.items():
        start = 0
        for outcome in ("removed", "refused", "no_response", "pending"):
            con.execute(f"""
                INSERT INTO items SELECT
                    'item-{slug}-' || (i + {start}), 'case-{slug}-' || ((i + {start}) % ?),
                    ?, NULL, 'content.example', 'digest', TIMESTAMP '2022-01-01' + to_hours(i),
                    NULL, NULL, ?, 'web_form', 0, TIMESTAMP '2023-04-30 10:00:00', 1
                FROM range(?) r(i)""", [counts["cases"], slug, outcome, counts[outcome]])
            start += counts[outcome]
    con.close()
