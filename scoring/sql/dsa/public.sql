-- The published DSA tables besides dsa_figures (see scoring/dsa/publish.py): provenance of
-- every imported day (file names and sha1s, for evidence packs), the attribution and the
-- NCII definition (dsa_meta), and the data-quality notices (dsa_notices).
CREATE TABLE pub.dsa_days AS
SELECT day, dump, version, schema, definition_id, definition_version, statements
FROM dsa_days
ORDER BY day, dump;

CREATE TABLE pub.dsa_files AS
SELECT day, dump, name, sha1, size
FROM dsa_files
ORDER BY day, dump, name;

CREATE TABLE pub.dsa_meta AS
SELECT key, value FROM dsa_meta_values
UNION ALL SELECT 'days', CAST(count(*) AS VARCHAR) FROM dsa_days
UNION ALL SELECT 'first_day', coalesce(CAST(min(day) AS VARCHAR), '') FROM dsa_days
UNION ALL SELECT 'last_day', coalesce(CAST(max(day) AS VARCHAR), '') FROM dsa_days
ORDER BY key;

CREATE TABLE pub.dsa_notices AS
SELECT id, applies_to, platform, from_day, until_day, source, text_en, text_zh
FROM dsa_notice_values
ORDER BY id;
