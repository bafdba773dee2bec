-- NCII statements (specific set) per imported day, per registered platform: over every
-- imported month, or over one quarter when the overview is filtered to it.
SELECT slug, CAST(sum(ncii) AS DOUBLE) / sum(days) AS dsa_ncii_per_day
FROM dsa_figures
WHERE slug IS NOT NULL AND ncii_set = 'specific'
  AND CASE WHEN $period IS NULL THEN period_type = 'month'
           ELSE period_type = 'quarter' AND period = $period END
GROUP BY slug
HAVING sum(days) > 0;
