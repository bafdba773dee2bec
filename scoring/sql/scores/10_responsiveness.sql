-- The responsiveness pillar of each platform, from its statistics over the whole period.
-- Sub-metrics on 0-100 (weights in m_submetrics, from the methodology):
--   removal_rate_lower_bound  100 x Wilson lower bound: a small base gets no benefit of doubt
--   cif_removed_48h, _7d      100 x cumulative incidence of removal at the horizon
--   first_response            100 at a median <= fr_full hours, 0 at >= fr_zero, linear between
--   answered_within_30d       100 x (1 - share with no response after 30 days)
-- A sub-metric that cannot be estimated is left out and the weights renormalised. No score
-- below the minimum base of items, nor on a base that suppression hides.

CREATE OR REPLACE TEMP TABLE platform_responsiveness AS
WITH m AS (
    SELECT c.*
    FROM cell_metrics AS c
    JOIN cell_hidden AS h USING (group_type, group_key, dim_type, dim_key)
    WHERE c.group_type = 'platform' AND c.dim_type = 'total'
      AND c.items >= getvariable('min_items_for_score') AND h.items_reason IS NULL
),
sub AS (
    SELECT group_key AS slug,
           100 * removal_ci_low  AS removal_rate_lower_bound,
           100 * cif_removed_48h AS cif_removed_48h,
           100 * cif_removed_7d  AS cif_removed_7d,
           100 * greatest(0.0, least(1.0,
               (getvariable('fr_zero') - median_first_response_hours)
               / (getvariable('fr_zero') - getvariable('fr_full')))) AS first_response,
           100 * (1 - no_response_30d_share) AS answered_within_30d
    FROM m
),
long AS (
    UNPIVOT sub ON COLUMNS(* EXCLUDE (slug)) INTO NAME submetric VALUE score
)
SELECT slug, sum(score * weight) / sum(weight) AS responsiveness_score
FROM long
JOIN m_submetrics USING (submetric)
WHERE weight > 0
GROUP BY slug;
