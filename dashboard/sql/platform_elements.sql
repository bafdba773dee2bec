-- A platform's policy elements with their quoted evidence and where it was found.
SELECT element, value, score, quote, document_type, lang, url, version_id, fetched_at
FROM policy_elements
WHERE slug = $slug;
