-- The DSA SQL files are written in the SQL that Spark runs natively; DuckDB lacks two of its
-- functions, defined here for the session (the only engine-specific SQL of the import).
CREATE OR REPLACE TEMP MACRO unix_seconds(ts) AS CAST(epoch(ts) AS BIGINT);
CREATE OR REPLACE TEMP MACRO regexp_like(str, pattern) AS regexp_matches(str, pattern);
