-- One registered platform.
SELECT * FROM platforms WHERE slug = $slug;
