-- Time-resolved statistics: the cumulative incidence curve of removal (platform and category,
-- whole period), and the main statistics by calendar quarter and by reporting channel.

CREATE TABLE pub.cif_curve AS
SELECT c.group_type, c.group_key, s.t AS t_hours, s.cif, s.ci_low, s.ci_high
FROM pub_cells AS c
JOIN (
    -- every curve starts at 0 (unless removals at time 0 make its first step there)
    SELECT cell_id, 0.0 AS t, 0.0 AS cif, NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high
    FROM cells
    WHERE whole_curve AND cell_id NOT IN (SELECT cell_id FROM aj_band WHERE t = 0)
    UNION ALL
    SELECT cell_id, t, cif, ci_low, ci_high
    FROM aj_band
) AS s USING (cell_id)
WHERE c.removed_reason IS NULL
ORDER BY c.group_type, c.group_key, t_hours;

CREATE OR REPLACE MACRO dim_metrics(which) AS TABLE
SELECT group_type, group_key, dim_key,
       shown(items, items_reason)                       AS items,
       shown(removed, removed_reason)                   AS removed,
       shown(removal_rate, removed_reason)              AS removal_rate,
       shown(removal_ci_low, removed_reason)            AS removal_ci_low,
       shown(removal_ci_high, removed_reason)           AS removal_ci_high,
       shown(cif_removed_48h, removed_reason)           AS cif_removed_48h,
       shown(median_first_response_hours, items_reason) AS median_first_response_hours
FROM pub_cells
WHERE dim_type = which
ORDER BY group_type, group_key, dim_key;

CREATE TABLE pub.metrics_by_period AS
SELECT * RENAME (dim_key AS period) FROM dim_metrics('period');

CREATE TABLE pub.metrics_by_channel AS
SELECT * RENAME (dim_key AS channel) FROM dim_metrics('channel');
