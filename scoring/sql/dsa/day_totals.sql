-- Per day, dump and platform: rows read, statements (distinct uuids) and NCII statements.
-- Reads dsa_day_rows (rows.sql over every part of the day).
SELECT CAST(dump_day AS DATE) AS day, dump, platform_name,
       CAST(sum(copies) AS BIGINT) AS rows_read,
       count(*) AS statements,
       count_if(ncii_specific) AS ncii_specific,
       count_if(ncii_broad) AS ncii_broad
FROM (
    SELECT dump_day, dump, uuid, count(*) AS copies,
           min(platform_name) AS platform_name,
           max(CASE WHEN ncii_specific THEN 1 ELSE 0 END) = 1 AS ncii_specific,
           max(CASE WHEN ncii_broad THEN 1 ELSE 0 END) = 1 AS ncii_broad
    FROM dsa_day_rows
    GROUP BY dump_day, dump, uuid
) AS statements
GROUP BY dump_day, dump, platform_name
