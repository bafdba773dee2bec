-- Every platform's scorecard, optionally one category; overall figures for the whole log.
SELECT *
FROM scorecard_platform
WHERE $category IS NULL OR category = $category
ORDER BY rank NULLS LAST, name_en;
