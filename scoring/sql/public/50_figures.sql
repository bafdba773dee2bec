-- The service report's figures. `count` is a number of people (cases) for totals/cases,
-- gender_share and relation_share, otherwise of items; `share` is the share of all items
-- (category_share), of all victims (gender_share, relation_share) or the share removed
-- (totals/removed, category_removed_share, top_social_media).

CREATE OR REPLACE TEMP TABLE raw_report_figures AS
WITH all_items AS (
    SELECT * FROM pub_cells WHERE group_type = 'all' AND dim_type = 'total'
),
people AS (
    SELECT p.*, h.reason, sum(p.cases) FILTER (WHERE p.breakdown = 'all') OVER () AS all_cases
    FROM people_counts AS p
    JOIN people_hidden AS h USING (breakdown, group_key)
)
SELECT 'totals' AS figure, 'cases' AS group_key, cases AS count, NULL::DOUBLE AS share,
       reason AS count_reason, NULL AS share_reason, 1 AS position
FROM people WHERE breakdown = 'all'
UNION ALL
SELECT 'totals', 'items', items, NULL, items_reason, NULL, 2 FROM all_items
UNION ALL
SELECT 'totals', 'removed', removed, removal_rate, removed_reason, removed_reason, 3
FROM all_items
UNION ALL
SELECT 'category_share', c.group_key, c.items, c.items / a.items, c.items_reason,
       c.items_reason, 4
FROM pub_cells AS c, all_items AS a
WHERE c.group_type = 'category' AND c.dim_type = 'total'
UNION ALL
SELECT 'category_removed_share', group_key, removed, removal_rate, removed_reason,
       removed_reason, 5
FROM pub_cells WHERE group_type = 'category' AND dim_type = 'total'
UNION ALL
SELECT breakdown || '_share', group_key, cases, cases / all_cases, reason, reason,
       CASE breakdown WHEN 'gender' THEN 6 ELSE 7 END
FROM people WHERE breakdown IN ('gender', 'relation')
UNION ALL
SELECT 'top_social_media', c.group_key, c.items, c.removal_rate, c.items_reason,
       c.removed_reason, 8
FROM pub_cells AS c
JOIN platforms AS p ON p.slug = c.group_key AND p.category = 'social_media'
WHERE c.group_type = 'platform' AND c.dim_type = 'total';

CREATE TABLE pub.report_figures AS
SELECT figure, group_key, shown(count, count_reason) AS count,
       shown(share, share_reason) AS share
FROM raw_report_figures
ORDER BY position, count DESC NULLS LAST, group_key;
