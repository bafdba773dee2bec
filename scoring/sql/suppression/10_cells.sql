-- Every published count is a cell: items and removals of each group (see models/12), and
-- people (cases) in the report's figures. Cells are linked in additive groups, each a set of
-- members whose sum is a published total; a hidden member of a group with only one hidden
-- cell could be recovered by subtraction, which secondary suppression prevents.

-- The contributor rule needs to know only whether a group's items come from at least
-- min_cases distinct cases. The min_cases smallest case hashes of each fine group together
-- hold at least min(min_cases, the group's distinct cases) distinct ones, so counting those
-- decides it without counting every group's cases exactly. (A hash collision can only
-- undercount, which hides more, never less.)
-- Each fine group's smallest hashes come from one bounded pass: its 8 x min_cases smallest,
-- repeats included. When those hold min_cases distinct hashes, or are all of the group's
-- items, their smallest distinct ones are the group's; only a group where one or two cases
-- fill all of them (many items of one victim) has its hashes deduplicated in full.
CREATE OR REPLACE TEMP TABLE sup_cell_cases AS
WITH heads AS (
    SELECT fine_id, count(*) AS items,
           list_sort(min(case_h, 8 * getvariable('min_cases'))) AS smallest
    FROM stg_items
    GROUP BY fine_id
),
settled AS (
    SELECT fine_id, list_distinct(smallest) AS distinct_smallest,
           len(list_distinct(smallest)) >= getvariable('min_cases')
               OR items = len(smallest) AS settled
    FROM heads
),
fine AS (
    SELECT fine_id,
           unnest(list_slice(list_sort(distinct_smallest), 1, getvariable('min_cases')))
               AS case_h
    FROM settled
    WHERE settled
    UNION ALL
    SELECT fine_id, case_h
    FROM stg_items
    WHERE fine_id IN (SELECT fine_id FROM settled WHERE NOT settled)
    GROUP BY fine_id, case_h
    QUALIFY row_number() OVER (PARTITION BY fine_id ORDER BY case_h) <= getvariable('min_cases')
)
SELECT m.cell_id, count(DISTINCT f.case_h) AS cases
FROM fine AS f
JOIN cell_map AS m USING (fine_id)
GROUP BY m.cell_id;

CREATE OR REPLACE TEMP TABLE sup_cells AS
SELECT m.measure || '|' || group_type || '|' || group_key || '|' || dim_type || '|' || dim_key
           AS cell_id,
       m.measure, group_type, group_key, dim_type, dim_key,
       CASE m.measure WHEN 'items' THEN items ELSE removed END AS value,
       m.measure = 'items' AND coalesce(k.cases, 0) < getvariable('min_cases') AS few_cases
FROM cell_metrics AS c
LEFT JOIN sup_cell_cases AS k USING (cell_id)
CROSS JOIN (VALUES ('items'), ('removed')) AS m(measure)
UNION ALL
SELECT 'cases|' || breakdown || '|' || group_key || '|total|total', 'cases', breakdown, group_key,
       'total', 'total', cases, false
FROM people_counts;

CREATE OR REPLACE TEMP TABLE sup_members AS
-- categories add up to all items, for the whole period and for each quarter and channel
SELECT 'categories|' || measure || '|' || dim_type || '|' || dim_key AS group_id, cell_id,
       group_type = 'all' AS is_total
FROM sup_cells
WHERE measure <> 'cases' AND group_type IN ('all', 'category')
UNION ALL
-- platforms add up to their category
SELECT 'platforms|' || c.measure || '|' || coalesce(p.category, c.group_key) || '|'
           || c.dim_type || '|' || c.dim_key,
       c.cell_id, c.group_type = 'category'
FROM sup_cells AS c
LEFT JOIN platforms AS p ON c.group_type = 'platform' AND p.slug = c.group_key
WHERE c.measure <> 'cases' AND c.group_type IN ('category', 'platform')
UNION ALL
-- quarters, and channels, add up to the group's total
SELECT 'dims|' || c.measure || '|' || c.group_type || '|' || c.group_key || '|' || d.dim_type,
       c.cell_id, c.dim_type = 'total'
FROM sup_cells AS c
CROSS JOIN (VALUES ('period'), ('channel')) AS d(dim_type)
WHERE c.measure <> 'cases' AND c.dim_type IN ('total', d.dim_type)
UNION ALL
-- victims by gender, and by relation, add up to all victims
SELECT 'people|' || b.breakdown, c.cell_id, c.group_type = 'all'
FROM sup_cells AS c
CROSS JOIN (VALUES ('gender'), ('relation')) AS b(breakdown)
WHERE c.measure = 'cases' AND c.group_type IN ('all', b.breakdown);
