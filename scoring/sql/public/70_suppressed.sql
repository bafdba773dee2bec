-- Every cell hidden by suppression, with why: 'primary' (a small count) or 'secondary'
-- (hidden so that a small count cannot be recovered from totals). row_key joins the table's
-- natural key with '|' (slug; category; group_type|group_key|period or channel;
-- figure|group_key); a whole hidden curve is listed once as group_type|group_key.

CREATE TABLE pub.suppressed_cells AS
WITH rows AS (
    SELECT 'scorecard_platform' AS table_name, slug AS row_key, items_reason, removed_reason,
           score_reason, NULL AS count_reason, NULL AS share_reason
    FROM raw_scorecard_platform
    UNION ALL
    SELECT 'scorecard_category', category, items_reason, removed_reason, NULL, NULL, NULL
    FROM raw_scorecard_category
    UNION ALL
    SELECT 'metrics_by_' || dim_type, group_type || '|' || group_key || '|' || dim_key,
           items_reason, removed_reason, NULL, NULL, NULL
    FROM pub_cells WHERE dim_type IN ('period', 'channel')
    UNION ALL
    SELECT 'report_figures', figure || '|' || group_key, NULL, NULL, NULL, count_reason,
           share_reason
    FROM raw_report_figures
    UNION ALL
    SELECT 'cif_curve', group_type || '|' || group_key, items_reason, removed_reason, NULL,
           NULL, NULL
    FROM pub_cells WHERE group_type IN ('platform', 'category') AND dim_type = 'total'
)
SELECT r.table_name, r.row_key, c.column_name,
       CASE c.driver WHEN 'items' THEN r.items_reason WHEN 'removed' THEN r.removed_reason
                     WHEN 'score' THEN r.score_reason WHEN 'count' THEN r.count_reason
                     ELSE r.share_reason END AS reason
FROM rows AS r
JOIN sup_columns AS c USING (table_name)
WHERE reason IS NOT NULL
ORDER BY ALL;
