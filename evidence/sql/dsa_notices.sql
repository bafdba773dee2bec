-- Data-quality notices about the DSA figures.
SELECT id, applies_to, platform, from_day, until_day, source, text_en, text_zh
FROM dsa_notices ORDER BY id;
