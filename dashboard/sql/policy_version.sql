-- One archived readable version of a policy document.
SELECT *
FROM policy_versions
WHERE slug = $slug AND version_id = $version_id;
