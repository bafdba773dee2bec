-- The groups every statistic is computed for: (group_type, group_key) is all items, a platform
-- category or a registered platform; (dim_type, dim_key) is the whole period ('total'), a
-- calendar quarter or a reporting channel. Items of unregistered platforms count in 'all' and
-- in the category 'unregistered', never as a platform of their own.
-- cells numbers the groups; cell_map lists the fine groups (10_stg_items.sql) each is made of,
-- so the statistics aggregate the fine groups instead of copying every item nine times.

CREATE OR REPLACE TEMP TABLE cell_levels AS
SELECT * FROM (VALUES ('all'), ('category'), ('platform')) AS g(group_type)
CROSS JOIN (VALUES ('total'), ('period'), ('channel')) AS d(dim_type);

CREATE OR REPLACE TEMP TABLE fine_cells AS
SELECT f.fine_id, l.group_type,
       CASE l.group_type WHEN 'all' THEN 'all'
                         WHEN 'category' THEN f.category
                         ELSE f.platform_slug END                 AS group_key,
       l.dim_type,
       CASE l.dim_type WHEN 'total' THEN 'total'
                       WHEN 'period' THEN f.period
                       ELSE f.channel END                         AS dim_key
FROM fine_keys AS f
CROSS JOIN cell_levels AS l
WHERE l.group_type <> 'platform' OR f.platform_slug IS NOT NULL;

CREATE OR REPLACE TEMP TABLE cells AS
SELECT row_number() OVER (ORDER BY group_type, group_key, dim_type, dim_key)::INTEGER AS cell_id,
       group_type, group_key, dim_type, dim_key,
       group_type IN ('platform', 'category') AND dim_type = 'total' AS whole_curve
FROM (SELECT DISTINCT group_type, group_key, dim_type, dim_key FROM fine_cells);

CREATE OR REPLACE TEMP TABLE cell_map AS
SELECT f.fine_id, c.cell_id, c.whole_curve
FROM fine_cells AS f
JOIN cells AS c USING (group_type, group_key, dim_type, dim_key);
