-- The first problem in the staged rows (dsa_staging), if any: a required value missing, a uuid
-- that is not one, a time that does not parse, a cell that should hold a JSON array of names.
-- Runs on DuckDB and Spark alike (see duckdb_functions.sql).
SELECT part, row_no, column_name, bad_value, problem
FROM (
    SELECT part, row_no, 'uuid' AS column_name, uuid AS bad_value, 'uuid' AS problem
    FROM dsa_staging WHERE uuid IS NULL OR NOT regexp_like(uuid, '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
    UNION ALL
    SELECT part, row_no, 'platform_name', platform_name, 'missing'
    FROM dsa_staging WHERE platform_name IS NULL OR trim(platform_name) = ''
    UNION ALL
    SELECT part, row_no, 'created_at', created_at, 'missing'
    FROM dsa_staging WHERE created_at IS NULL OR trim(created_at) = ''
    UNION ALL
    SELECT part, row_no, column_name, value, 'time'
    FROM (
        SELECT part, row_no, 'content_date' AS column_name, content_date AS value FROM dsa_staging
        UNION ALL SELECT part, row_no, 'application_date', application_date FROM dsa_staging
        UNION ALL SELECT part, row_no, 'created_at', created_at FROM dsa_staging
    ) AS times
    WHERE trim(value) <> '' AND try_cast(value AS TIMESTAMP) IS NULL
    UNION ALL
    SELECT part, row_no, column_name, value, 'json_array'
    FROM (
        SELECT part, row_no, 'decision_visibility' AS column_name, decision_visibility AS value FROM dsa_staging
        UNION ALL SELECT part, row_no, 'category_addition', category_addition FROM dsa_staging
        UNION ALL SELECT part, row_no, 'category_specification', category_specification FROM dsa_staging
        UNION ALL SELECT part, row_no, 'content_type', content_type FROM dsa_staging
        UNION ALL SELECT part, row_no, 'territorial_scope', territorial_scope FROM dsa_staging
    ) AS arrays
    WHERE trim(value) <> ''
      AND NOT (left(value, 1) = '[' AND right(value, 1) = ']'
               AND regexp_like(substr(value, 2, length(value) - 2),
                               '^ *("[^"]*" *(, *"[^"]*" *)*)?$'))
) AS problems
ORDER BY part, row_no, column_name
LIMIT 1
