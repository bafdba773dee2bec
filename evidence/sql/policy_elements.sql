-- Policy elements of the chosen platforms with their quoted evidence and snapshot.
SELECT * FROM policy_elements WHERE list_contains($slugs, slug) ORDER BY slug, element;
