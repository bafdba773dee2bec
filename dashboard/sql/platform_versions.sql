-- The history of a platform's documents, newest first (texts are read one at a time; every
-- other column, as captured_at is absent from files built before it existed).
SELECT * EXCLUDE (slug, markdown, diff), diff IS NOT NULL AND diff <> '' AS has_diff
FROM policy_versions
WHERE slug = $slug
ORDER BY fetched_at DESC, document_type, lang;
