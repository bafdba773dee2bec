-- Every readable version of the chosen platforms' documents, oldest first.
SELECT * FROM policy_versions
WHERE list_contains($slugs, slug)
ORDER BY slug, document_type, lang, fetched_at, version_id;
