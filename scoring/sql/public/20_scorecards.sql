-- Scorecards: one row per registered platform and one per platform category.

CREATE OR REPLACE TEMP TABLE raw_scorecard_platform AS
SELECT p.slug, p.name_en, p.name_zh, p.category, c.*, s.*,
       -- a score withheld only because suppression hid its base
       CASE WHEN c.items_reason IS NOT NULL AND c.items >= getvariable('min_items_for_score')
            THEN c.items_reason END AS score_reason
FROM platforms AS p
LEFT JOIN pub_cells AS c
       ON c.group_type = 'platform' AND c.group_key = p.slug AND c.dim_type = 'total'
LEFT JOIN platform_scores AS s ON s.slug = p.slug;

CREATE TABLE pub.scorecard_platform AS
SELECT r.slug, r.name_en, r.name_zh, r.category,
       coalesce(shown(r.items, r.items_reason), CASE WHEN r.items IS NULL THEN 0 END) AS items,
       coalesce(shown(r.removed, r.removed_reason), CASE WHEN r.items IS NULL THEN 0 END)
           AS removed,
       shown(r.removal_rate, r.removed_reason)                  AS removal_rate,
       shown(r.removal_ci_low, r.removed_reason)                AS removal_ci_low,
       shown(r.removal_ci_high, r.removed_reason)               AS removal_ci_high,
       shown(r.cif_removed_24h, r.removed_reason)               AS cif_removed_24h,
       shown(r.cif_removed_48h, r.removed_reason)               AS cif_removed_48h,
       shown(r.cif_removed_7d, r.removed_reason)                AS cif_removed_7d,
       shown(r.median_first_response_hours, r.items_reason)     AS median_first_response_hours,
       shown(r.median_first_response_ci_low, r.items_reason)    AS median_first_response_ci_low,
       shown(r.median_first_response_ci_high, r.items_reason)   AS median_first_response_ci_high,
       shown(r.no_response_30d_share, r.items_reason)           AS no_response_30d_share,
       max(e.score) FILTER (WHERE e.element = 'ncii_prohibition')       AS ncii_prohibition_score,
       max(e.score) FILTER (WHERE e.element = 'ncii_reporting_channel') AS ncii_reporting_channel_score,
       max(e.score) FILTER (WHERE e.element = 'report_without_account') AS report_without_account_score,
       max(e.score) FILTER (WHERE e.element = 'third_party_reporting')  AS third_party_reporting_score,
       max(e.score) FILTER (WHERE e.element = 'traditional_chinese_reporting')
           AS traditional_chinese_reporting_score,
       max(e.score) FILTER (WHERE e.element = 'hash_matching')          AS hash_matching_score,
       max(e.score) FILTER (WHERE e.element = 'stated_response_time')   AS stated_response_time_score,
       max(e.score) FILTER (WHERE e.element = 'outcome_notice_and_appeal')
           AS outcome_notice_and_appeal_score,
       max(e.score) FILTER (WHERE e.element = 'synthetic_media_coverage')
           AS synthetic_media_coverage_score,
       r.policy_score,
       shown(r.responsiveness_score, r.score_reason)            AS responsiveness_score,
       shown(r.overall_score, r.score_reason)                   AS overall_score,
       r.grade,
       r.rank,
       getvariable('methodology_version')                       AS methodology_version
FROM raw_scorecard_platform AS r
LEFT JOIN platform_elements AS e ON e.slug = r.slug
GROUP BY ALL
ORDER BY r.rank NULLS LAST, r.slug;

CREATE OR REPLACE TEMP TABLE raw_scorecard_category AS
WITH cats AS (
    SELECT DISTINCT category FROM platforms
    UNION
    SELECT group_key FROM pub_cells WHERE group_type = 'category'
)
SELECT k.category, c.*, a.items AS all_items
FROM cats AS k
LEFT JOIN pub_cells AS c
       ON c.group_type = 'category' AND c.group_key = k.category AND c.dim_type = 'total'
LEFT JOIN pub_cells AS a ON a.group_type = 'all' AND a.dim_type = 'total';

CREATE TABLE pub.scorecard_category AS
SELECT r.category,
       coalesce(shown(r.items, r.items_reason), CASE WHEN r.items IS NULL THEN 0 END) AS items,
       coalesce(shown(r.removed, r.removed_reason), CASE WHEN r.items IS NULL THEN 0 END)
           AS removed,
       shown(r.removal_rate, r.removed_reason)                  AS removal_rate,
       shown(r.removal_ci_low, r.removed_reason)                AS removal_ci_low,
       shown(r.removal_ci_high, r.removed_reason)               AS removal_ci_high,
       shown(r.cif_removed_24h, r.removed_reason)               AS cif_removed_24h,
       shown(r.cif_removed_48h, r.removed_reason)               AS cif_removed_48h,
       shown(r.cif_removed_7d, r.removed_reason)                AS cif_removed_7d,
       shown(r.median_first_response_hours, r.items_reason)     AS median_first_response_hours,
       shown(r.median_first_response_ci_low, r.items_reason)    AS median_first_response_ci_low,
       shown(r.median_first_response_ci_high, r.items_reason)   AS median_first_response_ci_high,
       shown(r.no_response_30d_share, r.items_reason)           AS no_response_30d_share,
       shown(r.items / r.all_items, r.items_reason)             AS item_share,
       getvariable('methodology_version')                       AS methodology_version
FROM raw_scorecard_category AS r
ORDER BY r.items DESC NULLS LAST, r.category;
