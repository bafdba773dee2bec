-- The outcome per group: why its items and its removals are hidden (NULL when shown).

CREATE OR REPLACE TEMP TABLE cell_hidden AS
SELECT c.group_type, c.group_key, c.dim_type, c.dim_key,
       max(s.reason) FILTER (WHERE c.measure = 'items')   AS items_reason,
       max(s.reason) FILTER (WHERE c.measure = 'removed') AS removed_reason
FROM sup_cells AS c
JOIN sup_state AS s USING (cell_id)
WHERE c.measure <> 'cases'
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE people_hidden AS
SELECT c.group_type AS breakdown, c.group_key, s.reason
FROM sup_cells AS c
JOIN sup_state AS s USING (cell_id)
WHERE c.measure = 'cases';
