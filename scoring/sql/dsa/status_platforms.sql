-- Per TDB platform name, over every imported day: statements (after de-duplication) and NCII
-- statements of each set; the most frequent first.
SELECT platform_name, sum(statements) AS statements,
       sum(ncii_specific) AS ncii_specific, sum(ncii_broad) AS ncii_broad
FROM dsa_platform_days
GROUP BY platform_name
ORDER BY statements DESC, platform_name
