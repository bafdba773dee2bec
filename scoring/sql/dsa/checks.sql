-- The first problem in the staged rows (dsa_staging), if any: a required value missing, a uuid
-- that is not one, a time that does not parse, a cell that should hold a JSON array of names
-- but does not. One pass over the rows; JSON arrays (few distinct values) are checked once per
-- distinct value. Runs on DuckDB and Spark alike (see duckdb_functions.sql).
WITH flags AS (
    SELECT part, row_no, uuid, platform_name, created_at, content_date, application_date,
           uuid IS NULL OR NOT regexp_like(uuid, '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$') AS bad_uuid,
           platform_name IS NULL OR trim(platform_name) = '' AS no_platform,
           created_at IS NULL OR trim(created_at) = '' AS no_created,
           trim(content_date) <> '' AND try_cast(content_date AS TIMESTAMP) IS NULL AS bad_content,
           trim(application_date) <> '' AND try_cast(application_date AS TIMESTAMP) IS NULL AS bad_applied,
           trim(created_at) <> '' AND try_cast(created_at AS TIMESTAMP) IS NULL AS bad_created
    FROM dsa_staging
),
row_problems AS (
    SELECT part, row_no,
           CASE WHEN bad_uuid THEN 'uuid' WHEN no_platform THEN 'platform_name'
                WHEN no_created OR bad_created THEN 'created_at' WHEN bad_content THEN 'content_date'
                ELSE 'application_date' END AS column_name,
           CASE WHEN bad_uuid THEN uuid WHEN no_platform THEN platform_name
                WHEN no_created OR bad_created THEN created_at WHEN bad_content THEN content_date
                ELSE application_date END AS bad_value,
           CASE WHEN bad_uuid THEN 'uuid' WHEN no_platform OR no_created THEN 'missing'
                ELSE 'time' END AS problem
    FROM flags
    WHERE bad_uuid OR no_platform OR no_created OR bad_content OR bad_applied OR bad_created
),
-- min(x) GROUP BY x rather than x: both engines push a filter on a grouping column below the
-- grouping, which would test every row (a regular expression on long cells) instead of every
-- distinct value.
array_values AS (
    SELECT 'decision_visibility' AS column_name, min(decision_visibility) AS value
    FROM dsa_staging GROUP BY decision_visibility
    UNION ALL SELECT 'category_addition', min(category_addition) FROM dsa_staging GROUP BY category_addition
    UNION ALL SELECT 'category_specification', min(category_specification) FROM dsa_staging GROUP BY category_specification
    UNION ALL SELECT 'content_type', min(content_type) FROM dsa_staging GROUP BY content_type
    UNION ALL SELECT 'territorial_scope', min(territorial_scope) FROM dsa_staging GROUP BY territorial_scope
),
bad_arrays AS (
    SELECT column_name, value
    FROM array_values
    WHERE trim(value) <> ''
      AND NOT (left(value, 1) = '[' AND right(value, 1) = ']'
               AND regexp_like(substr(value, 2, length(value) - 2),
                               '^ *("[^"]*" *(, *"[^"]*" *)*)?$'))
),
array_problems AS (
    SELECT s.part, s.row_no, a.column_name, a.value AS bad_value, 'json_array' AS problem
    FROM dsa_staging AS s
    JOIN bad_arrays AS a
      ON (a.column_name = 'decision_visibility' AND s.decision_visibility = a.value)
      OR (a.column_name = 'category_addition' AND s.category_addition = a.value)
      OR (a.column_name = 'category_specification' AND s.category_specification = a.value)
      OR (a.column_name = 'content_type' AND s.content_type = a.value)
      OR (a.column_name = 'territorial_scope' AND s.territorial_scope = a.value)
)
SELECT part, row_no, column_name, bad_value, problem
FROM (SELECT * FROM row_problems UNION ALL SELECT * FROM array_problems) AS problems
ORDER BY part, row_no, column_name
LIMIT 1
