-- Published rows before suppression is applied, each with the reason its cells are hidden:
-- items_reason for a hidden base (every count and statistic on it), removed_reason for hidden
-- removals (the removal count, rate, interval and incidence, which would reveal it).
-- sup_columns says which published column each reason hides; the same list writes
-- `suppressed_cells`, so the NULLs and the list cannot disagree.

CREATE OR REPLACE MACRO shown(value, reason) AS CASE WHEN reason IS NULL THEN value END;

CREATE OR REPLACE TEMP TABLE pub_cells AS
SELECT c.*, h.items_reason, coalesce(h.items_reason, h.removed_reason) AS removed_reason
FROM cell_metrics AS c
JOIN cell_hidden AS h USING (group_type, group_key, dim_type, dim_key);

CREATE OR REPLACE TEMP TABLE sup_columns AS
SELECT t.table_name, c.column_name, c.driver
FROM (VALUES ('scorecard_platform'), ('scorecard_category'), ('metrics_by_period'),
             ('metrics_by_channel')) AS t(table_name)
CROSS JOIN (VALUES
    ('items', 'items'), ('removed', 'removed'), ('removal_rate', 'removed'),
    ('removal_ci_low', 'removed'), ('removal_ci_high', 'removed'),
    ('cif_removed_24h', 'removed'), ('cif_removed_48h', 'removed'),
    ('cif_removed_7d', 'removed'), ('median_first_response_hours', 'items'),
    ('median_first_response_ci_low', 'items'), ('median_first_response_ci_high', 'items'),
    ('no_response_30d_share', 'items'), ('item_share', 'items'),
    ('responsiveness_score', 'score'), ('overall_score', 'score')
) AS c(column_name, driver)
WHERE (t.table_name LIKE 'metrics_%' AND c.column_name IN (
           'items', 'removed', 'removal_rate', 'removal_ci_low', 'removal_ci_high',
           'cif_removed_48h', 'median_first_response_hours'))
   OR (t.table_name = 'scorecard_category' AND c.driver <> 'score')
   OR (t.table_name = 'scorecard_platform' AND c.column_name <> 'item_share')
UNION ALL
SELECT 'report_figures', column_name, column_name
FROM (VALUES ('count'), ('share')) AS c(column_name)
UNION ALL
SELECT 'cif_curve', 'cif', 'removed';
