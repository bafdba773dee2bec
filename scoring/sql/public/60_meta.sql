-- Provenance: the methodology and run facts (filled in by scoring/score.py), and the platform
-- registry with what data each platform has.

CREATE TABLE pub.meta AS SELECT key, value FROM meta_values ORDER BY key;

CREATE TABLE pub.methodology AS SELECT yaml FROM methodology_text;

CREATE TABLE pub.platforms AS
SELECT p.slug, p.name_en, p.name_zh, p.category,
       p.slug IN (SELECT platform_slug FROM fine_keys WHERE platform_slug IS NOT NULL)
           AS has_case_data,
       p.slug IN (SELECT platform FROM policy_versions) AS has_crawl_data
FROM platforms AS p
ORDER BY p.slug;
