-- Every platform's names, for labels and filters.
SELECT slug, name_en, name_zh FROM platforms ORDER BY name_en;
