-- One archived readable version of a policy document.
SELECT slug, document_type, lang, version_id, previous_version_id, fetched_at, url, markdown,
       diff
FROM policy_versions
WHERE slug = $slug AND version_id = $version_id;
