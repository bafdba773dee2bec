-- Every statistic of every group in one table (before suppression).

CREATE OR REPLACE TEMP TABLE cell_metrics AS
SELECT c.cell_id, c.group_type, c.group_key, c.dim_type, c.dim_key,
       c.items, c.removed, c.refused, c.followed_30d, c.no_response_30d,
       w.removal_rate, w.removal_ci_low, w.removal_ci_high,
       f.cif_removed_24h, f.cif_removed_48h, f.cif_removed_7d,
       k.median_first_response_hours, k.median_first_response_ci_low,
       k.median_first_response_ci_high,
       CASE WHEN c.followed_30d > 0 THEN c.no_response_30d / c.followed_30d END
           AS no_response_30d_share
FROM cell_counts AS c
LEFT JOIN cell_wilson AS w USING (cell_id)
LEFT JOIN cell_cif AS f USING (cell_id)
LEFT JOIN cell_km AS k USING (cell_id);
