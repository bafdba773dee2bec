-- The history of a platform's documents, newest first (texts are read one at a time).
SELECT document_type, lang, version_id, previous_version_id, fetched_at, url,
       diff IS NOT NULL AND diff <> '' AS has_diff
FROM policy_versions
WHERE slug = $slug
ORDER BY fetched_at DESC, document_type, lang;
