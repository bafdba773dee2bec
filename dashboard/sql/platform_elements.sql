-- A platform's policy elements with their quoted evidence and where it was found (every
-- column: captured_at, the capture date shown, is absent from files built before it existed).
SELECT * EXCLUDE (slug)
FROM policy_elements
WHERE slug = $slug;
