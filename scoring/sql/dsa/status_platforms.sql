-- Per TDB platform name, over every imported day: statements (after de-duplication) and NCII
-- statements of each set; the most frequent first.
SELECT platform_name, CAST(sum(statements) AS BIGINT) AS statements,
       CAST(sum(ncii_specific) AS BIGINT) AS ncii_specific,
       CAST(sum(ncii_broad) AS BIGINT) AS ncii_broad
FROM dsa_platform_days
GROUP BY platform_name
ORDER BY statements DESC, platform_name
