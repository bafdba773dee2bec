"""A realistic ``public.duckdb`` built to docs/contracts.md section 3, for the dashboard tests.

Several platforms across all five categories, one with ``insufficient_data``, suppressed cells
(NULL and listed in ``suppressed_cells``), quoted policy evidence in English and Chinese, two
versions of one policy with a diff, removal curves, quarterly metrics and the report figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path

import duckdb
import yaml

from core.methodology import DEFAULT_PATH
from core.public_schema import ELEMENTS

# slug, name_en, name_zh, category, items, removed, speed (hours), grade, overall, answers
PLATFORMS = [
    ("google_search", "Google Search", "Google 搜尋", "search_engine", 305, 296, 20, "A", 86,
     "yyyyyyyyp"),
    ("bing", "Bing", "Bing 搜尋", "search_engine", 40, 37, 50, "B", 71, "yypyynnyn"),
    ("facebook", "Facebook", "臉書", "social_media", 80, 66, 60, "C", 58, "yyynyyyyn"),
    ("instagram", "Instagram", None, "social_media", 90, 70, 70, "C", 55, "yyynyyyyn"),
    ("telegram", "Telegram", None, "social_media", 110, 77, 200, "D", 38, "pnynnnnnn"),
    ("lihkg", "LIHKG", "連登", "social_media", 50, 36, 150, "D", 35, "ynnnyznnn"),
    ("discord", "Discord", None, "social_media", 3, 2, 30, "insufficient_data", None,
     "yyynnynyn"),
    ("pornhub", "Pornhub", None, "pornographic_site", 300, 250, 120, "C", 52, "yyyynyyyy"),
    ("xvideos", "XVideos", None, "pornographic_site", 264, 211, 300, "E", 22, "pnnnnnnnn"),
    ("imgur", "Imgur", None, "image_hosting", 67, 64, 40, "B", 68, "yynynnnyn"),
    ("kknews", "KKNews", "每日頭條", "content_farm", 71, 68, 90, "B", 62, "pnyyynnnn"),
]
QUOTES = {
    "ncii_prohibition": "Do not share intimate images of someone without their consent.",
    "ncii_reporting_channel": "Use our dedicated form to report intimate images shared "
                              "without consent.",
    "report_without_account": "You do not need an account to submit this form.",
    "third_party_reporting": "Trusted partners and NGOs may report on behalf of a victim.",
    "traditional_chinese_reporting": "The form is available in Traditional Chinese.",
    "hash_matching": "We work with StopNCII.org to block known images by their hash.",
    "stated_response_time": "We review reports within 48 hours.",
    "outcome_notice_and_appeal": "We will notify you of our decision and you may appeal.",
    "synthetic_media_coverage": "This includes realistic images created or altered with AI.",
}
ZH_QUOTE = "嚴禁在未經同意下發布他人的私密影像，包括報復式色情。"
PERIODS = ["2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4",
           "2023-Q1"]
# The real methodology file as another version would publish it, plus a setting this
# toolkit does not know yet (shown as it is).
_FIXTURE_METHODOLOGY = {
    "id": "tada-ncii", "version": "1.2.0", "date": dt.date(2024, 5, 1),
    "changelog": [{"version": "1.2.0", "date": "2024-05-01",
                   "changes": "Synthetic images element added."}],
    "future_setting": {"note": "kept for a later version"},
}
METHODOLOGY = "# Fixture methodology, shaped like core/methodology.yaml.\n" + yaml.safe_dump(
    {**yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8")), **_FIXTURE_METHODOLOGY},
    allow_unicode=True, sort_keys=False)
DIFF = """--- a/terms_of_service.en
+++ b/terms_of_service.en
@@ -1,3 +1,4 @@
 # Terms of Service
-Do not post nudity.
+Do not post nudity.
+Do not share intimate images of someone without their consent.
 Contact us with questions.
"""


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _curve(rate: float, speed: float, n: int) -> list[tuple[float, float, float, float]]:
    points = []
    for i in range(1, 41):
        t = speed * (i / 8) ** 1.6
        if t > 720:
            break
        cif = rate * (1 - math.exp(-t / speed))
        half = 1.96 * math.sqrt(max(cif * (1 - cif), 1e-6) / n)
        points.append((round(t, 2), cif, max(0.0, cif - half), min(1.0, cif + half)))
    return points


def _stats(items: int, removed: int, speed: float) -> dict:
    rate = removed / items
    low, high = wilson(removed, items)
    return {"items": items, "removed": removed, "removal_rate": rate, "removal_ci_low": low,
            "removal_ci_high": high, "cif_removed_24h": rate * (1 - math.exp(-24 / speed)),
            "cif_removed_48h": rate * (1 - math.exp(-48 / speed)),
            "cif_removed_7d": rate * (1 - math.exp(-168 / speed)),
            "median_first_response_hours": speed / 2, "median_first_response_ci_low": speed / 3,
            "median_first_response_ci_high": speed, "no_response_30d_share": 0.05}


STAT_COLUMNS = list(_stats(10, 5, 10).keys())


def build(path: Path, synthetic: bool = True, mirror: bool = True) -> Path:
    """Write the fixture database at ``path`` (replacing it) and return the path."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    element_cols = ", ".join(f"{e}_score DOUBLE" for e in ELEMENTS)
    stat_cols = ", ".join(f"{c} DOUBLE" for c in STAT_COLUMNS)
    con.execute(f"""
        CREATE TABLE meta (key VARCHAR, value VARCHAR);
        CREATE TABLE methodology (yaml VARCHAR);
        CREATE TABLE platforms (slug VARCHAR, name_en VARCHAR, name_zh VARCHAR,
            category VARCHAR, has_case_data BOOLEAN, has_crawl_data BOOLEAN);
        CREATE TABLE scorecard_platform (slug VARCHAR, name_en VARCHAR, name_zh VARCHAR,
            category VARCHAR, {stat_cols}, {element_cols}, policy_score DOUBLE,
            responsiveness_score DOUBLE, overall_score DOUBLE, grade VARCHAR, rank INTEGER,
            methodology_version VARCHAR);
        CREATE TABLE scorecard_category (category VARCHAR, {stat_cols}, item_share DOUBLE);
        CREATE TABLE policy_elements (slug VARCHAR, element VARCHAR, value VARCHAR,
            score DOUBLE, quote VARCHAR, document_type VARCHAR, lang VARCHAR, url VARCHAR,
            version_id VARCHAR, fetched_at TIMESTAMP);
        CREATE TABLE form_audits (slug VARCHAR, url VARCHAR, lang VARCHAR, version_id VARCHAR,
            fetched_at TIMESTAMP, form_present BOOLEAN, field_url BOOLEAN,
            field_file_upload BOOLEAN, field_email BOOLEAN, field_description BOOLEAN,
            account_required BOOLEAN, captcha BOOLEAN, ncii_option BOOLEAN, languages VARCHAR,
            needs_js BOOLEAN);
        CREATE TABLE policy_versions (slug VARCHAR, document_type VARCHAR, lang VARCHAR,
            version_id VARCHAR, previous_version_id VARCHAR, fetched_at TIMESTAMP, url VARCHAR,
            markdown VARCHAR, diff VARCHAR);
        CREATE TABLE cif_curve (group_type VARCHAR, group_key VARCHAR, t_hours DOUBLE,
            cif DOUBLE, ci_low DOUBLE, ci_high DOUBLE);
        CREATE TABLE metrics_by_period (group_type VARCHAR, group_key VARCHAR, period VARCHAR,
            items INTEGER, removed INTEGER, removal_rate DOUBLE, removal_ci_low DOUBLE,
            removal_ci_high DOUBLE, cif_removed_48h DOUBLE, median_first_response_hours DOUBLE);
        CREATE TABLE metrics_by_channel (group_type VARCHAR, group_key VARCHAR, channel VARCHAR,
            items INTEGER, removed INTEGER, removal_rate DOUBLE, removal_ci_low DOUBLE,
            removal_ci_high DOUBLE, cif_removed_48h DOUBLE, median_first_response_hours DOUBLE);
        CREATE TABLE report_figures (figure VARCHAR, group_key VARCHAR, count INTEGER,
            share DOUBLE);
        CREATE TABLE suppressed_cells (table_name VARCHAR, row_key VARCHAR,
            column_name VARCHAR, reason VARCHAR);
    """)
    meta = {"methodology_id": "tada-ncii", "methodology_version": "1.2.0",
            "methodology_date": "2024-05-01", "generated_at": "2024-06-01T10:00:00Z",
            "data_as_of": "2023-04-30", "toolkit_version": "0.1.0",
            "synthetic": str(synthetic).lower(), "mirror": str(mirror).lower(),
            "min_people": "10", "min_items": "5"}
    con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
    con.execute("INSERT INTO methodology VALUES (?)", [METHODOLOGY])
    _platforms(con)
    _evidence(con)
    _periods_and_figures(con)
    con.close()
    return path


def _suppress(con, table: str, key: str, columns: list[str], reason: str = "primary") -> None:
    con.executemany("INSERT INTO suppressed_cells VALUES (?, ?, ?, ?)",
                    [(table, key, c, reason) for c in columns])


def _platforms(con) -> None:
    ranked = [p for p in PLATFORMS if p[7] != "insufficient_data"]
    ranked.sort(key=lambda p: -p[8])
    ranks = {p[0]: i + 1 for i, p in enumerate(ranked)}
    by_cat: dict[str, list] = {}
    for slug, en, zh, cat, items, removed, speed, grade, overall, answers in PLATFORMS:
        con.execute("INSERT INTO platforms VALUES (?, ?, ?, ?, true, true)", [slug, en, zh, cat])
        stats = _stats(items, removed, speed)
        scores = [{"y": 100.0, "p": 50.0, "n": 0.0}.get(a) for a in answers]
        policy = sum(s for s in scores if s is not None) / len([s for s in scores if s is not None])
        insufficient = grade == "insufficient_data"
        if insufficient:  # 3 items: every count and rate is hidden
            stats = {k: None for k in stats}
            _suppress(con, "scorecard_platform", slug, STAT_COLUMNS)
        if slug == "lihkg":  # a secondary suppression of one cell
            stats["cif_removed_48h"] = None
            _suppress(con, "scorecard_platform", slug, ["cif_removed_48h"], "secondary")
        con.execute(
            "INSERT INTO scorecard_platform VALUES (" + ", ".join(["?"] * (4 + len(STAT_COLUMNS)
                                                                          + len(ELEMENTS) + 6))
            + ")",
            [slug, en, zh, cat, *stats.values(), *scores, policy,
             None if insufficient else overall * 1.05, overall, grade,
             ranks.get(slug), "1.2.0"])
        by_cat.setdefault(cat, []).append((items, removed, speed))
        if not insufficient:
            con.executemany("INSERT INTO cif_curve VALUES ('platform', ?, ?, ?, ?, ?)",
                            [(slug, *pt) for pt in _curve(removed / items, speed, items)])
    total = sum(p[4] for p in PLATFORMS)
    for cat, rows in by_cat.items():
        items, removed = sum(r[0] for r in rows), sum(r[1] for r in rows)
        speed = sum(r[2] * r[0] for r in rows) / items
        stats = _stats(items, removed, speed)
        con.execute("INSERT INTO scorecard_category VALUES (?, " + ", ".join(
            ["?"] * (len(STAT_COLUMNS) + 1)) + ")", [cat, *stats.values(), items / total])
        con.executemany("INSERT INTO cif_curve VALUES ('category', ?, ?, ?, ?, ?)",
                        [(cat, *pt) for pt in _curve(removed / items, speed, items)])


def _version_of(slug: str) -> str:
    if slug == "facebook":
        return "20240301T090000Z-bbbbbbbbbbbb"
    if slug == "lihkg":
        return "20240115T080000Z-ffffffffffff"
    return "20240115T080000Z-" + hashlib.sha256(slug.encode()).hexdigest()[:12]


def _evidence(con) -> None:
    for slug, _en, _zh, _cat, *_rest, answers in PLATFORMS:
        for element, answer in zip(ELEMENTS, answers, strict=True):
            value = {"y": "yes", "p": "partial", "n": "no"}.get(answer, "not_applicable")
            quote = None if value in ("no", "not_applicable") else (
                ZH_QUOTE if slug == "lihkg" else QUOTES[element])
            lang = "zh-Hant" if slug == "lihkg" else "en"
            doc = "reporting_form" if "reporting" in element else "terms_of_service"
            version = _version_of(slug)
            con.execute("INSERT INTO policy_elements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [slug, element, value, {"yes": 100, "partial": 50, "no": 0}.get(value),
                         quote, doc, lang, f"https://{slug}.example/{doc}", version,
                         "2024-03-01 09:00:00" if slug == "facebook" else "2024-01-15 08:00:00"])
        if slug not in ("facebook", "lihkg"):
            text = "# Terms\n" + "\n".join(QUOTES[e] for e, a in zip(ELEMENTS, answers,
                                                                      strict=True) if a != "n")
            con.execute("INSERT INTO policy_versions VALUES (?, 'terms_of_service', 'en', ?, "
                        "NULL, '2024-01-15 08:00:00', ?, ?, NULL)",
                        [slug, _version_of(slug), f"https://{slug}.example/terms", text])
    con.execute("""INSERT INTO form_audits VALUES
        ('facebook', 'https://facebook.example/help/contact/ncii', 'en',
         '20240115T080000Z-cccccccccccc', '2024-01-15 08:00:00', true, true, true, true, true,
         false, false, true, 'en,zh-Hant', false),
        ('facebook', 'https://facebook.example/help/contact/ncii?locale=zh_HK', 'zh-Hant',
         '20240115T080000Z-dddddddddddd', '2024-01-15 08:00:00', true, true, true, true, true,
         false, false, true, 'zh-Hant', false),
        ('telegram', 'https://telegram.example/support', 'en', '20240115T080000Z-eeeeeeeeeeee',
         '2024-01-15 08:00:00', true, false, false, true, true, true, true, false, 'en',
         true)""")
    con.execute("""INSERT INTO policy_versions VALUES
        ('facebook', 'terms_of_service', 'en', '20240115T080000Z-aaaaaaaaaaaa', NULL,
         '2024-01-15 08:00:00', 'https://facebook.example/terms',
         '# Terms of Service\nDo not post nudity.\nContact us with questions.\n', NULL),
        ('facebook', 'terms_of_service', 'en', '20240301T090000Z-bbbbbbbbbbbb',
         '20240115T080000Z-aaaaaaaaaaaa', '2024-03-01 09:00:00', 'https://facebook.example/terms',
         '# Terms of Service\nDo not post nudity.\nDo not share intimate images of someone '
         || 'without their consent.\nContact us with questions.\n', ?),
        ('lihkg', 'community_guidelines', 'zh-Hant', '20240115T080000Z-ffffffffffff', NULL,
         '2024-01-15 08:00:00', 'https://lihkg.example/rules',
         '# 討論區守則\n嚴禁在未經同意下發布他人的私密影像，包括報復式色情。\n', NULL)""", [DIFF])


def _periods_and_figures(con) -> None:
    rows = []
    for i, period in enumerate(PERIODS):
        for group_type, key, items, removed in [("all", "all", 160 + 5 * i, 140 + 5 * i),
                                                ("category", "social_media", 40 + i, 30 + i),
                                                ("platform", "facebook", 10 + i, 8 + i),
                                                ("platform", "google_search", 38, 37 - i % 2),
                                                ("platform", "telegram", 3 + i, 2)]:
            low, high = wilson(removed, items)
            rows.append((group_type, key, period, items, removed, removed / items, low, high,
                         removed / items * 0.7, 12.0 + i))
    con.executemany("INSERT INTO metrics_by_period VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for period in PERIODS[:2]:  # telegram's first quarters had fewer than 5 items
        con.execute("""UPDATE metrics_by_period SET items = NULL, removed = NULL,
            removal_rate = NULL, removal_ci_low = NULL, removal_ci_high = NULL,
            cif_removed_48h = NULL, median_first_response_hours = NULL
            WHERE group_key = 'telegram' AND period = ?""", [period])
        _suppress(con, "metrics_by_period", f"platform|telegram|{period}",
                  ["items", "removed", "removal_rate", "removal_ci_low", "removal_ci_high",
                   "cif_removed_48h", "median_first_response_hours"])
    con.execute("""INSERT INTO metrics_by_channel
        SELECT group_type, group_key, 'web_form', items, removed, removal_rate, removal_ci_low,
               removal_ci_high, cif_removed_48h, median_first_response_hours
        FROM metrics_by_period WHERE period = '2022-Q3'""")
    figures = [("totals", "cases", 171, None), ("totals", "items", 1342, None),
               ("totals", "removed", 1194, 0.89)]
    cats = {"pornographic_site": (564, 0.42, 0.85), "social_media": (336, 0.25, 0.80),
            "search_engine": (305, 0.227, 0.97), "image_hosting": (67, 0.05, 0.96),
            "content_farm": (71, 0.053, 0.96)}
    for cat, (n, share, removed) in cats.items():
        figures += [("category_share", cat, n, share),
                    ("category_removed_share", cat, round(n * removed), removed)]
    figures += [("gender_share", "female", 122, 0.713), ("gender_share", "male", 38, 0.222),
                ("gender_share", "other", None, None), ("gender_share", "undisclosed", 8, 0.047),
                ("relation_share", "intimate_partner", 47, 0.275),
                ("relation_share", "online_acquaintance", 27, 0.158),
                ("relation_share", "unknown", 56, 0.327), ("relation_share", "other", 41, 0.24),
                ("top_social_media", "telegram", 110, 0.70),
                ("top_social_media", "instagram", 90, 0.78),
                ("top_social_media", "facebook", 80, 0.825),
                ("top_social_media", "lihkg", 50, 0.72)]
    con.executemany("INSERT INTO report_figures VALUES (?, ?, ?, ?)", figures)
    _suppress(con, "report_figures", "gender_share|other", ["count", "share"])
