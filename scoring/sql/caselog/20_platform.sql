-- The platform of each row: by name or alias (folded as core.registry folds them), else by
-- the content URL's host or its nearest registered parent domain. Expects `typed`, `log_cells`
-- (as `log_text`, blank rows included) and the registry tables reg_labels (label, slug) and
-- reg_domains (domain, slug). URLs and names are resolved once per distinct value.
-- A content URL is split as Python's urllib.parse.urlsplit splits it (tabs and line breaks
-- removed; scheme, netloc, path, query, fragment), so that its digest stays the one earlier
-- versions of this toolkit computed.

CREATE OR REPLACE TEMP MACRO fold_label(v) AS
    regexp_replace(lower(v), '[\s\x{0b}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}_\-/.]+', '', 'g');

CREATE OR REPLACE TEMP MACRO url_parts(v) AS regexp_extract(
    regexp_replace(v, '[\t\r\n]', '', 'g'),
    '(?si)^(https?)://([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$',
    ['scheme', 'netloc', 'path', 'query']);

-- hostname: after any user info, without the port (IPv6 literals inside brackets), lower case
CREATE OR REPLACE TEMP MACRO url_host(netloc) AS
    rtrim(lower(CASE WHEN starts_with(split_part(netloc, '@', -1), '[')
                     THEN regexp_extract(split_part(netloc, '@', -1), '^\[([^\]]*)\]', 1)
                     ELSE split_part(split_part(netloc, '@', -1), ':', 1) END), '.');

CREATE OR REPLACE TEMP TABLE log_urls AS
WITH u AS (
    -- a blank row has no URL: log_cells spares stripping the other cells
    SELECT DISTINCT content_url FROM log_cells WHERE content_url IS NOT NULL
),
p AS (
    SELECT content_url, url_parts(content_url) AS parts FROM u
)
SELECT content_url, row_number() OVER () AS url_id,
       CASE WHEN parts.scheme <> ''
                 AND (strpos(parts.netloc, '[') > 0) = (strpos(parts.netloc, ']') > 0)
            THEN nullif(url_host(parts.netloc), '') END AS host,
       lower(parts.scheme) || '://' || lower(parts.netloc) || coalesce(nullif(parts.path, ''), '/')
           || CASE WHEN parts.query <> '' THEN '?' || parts.query ELSE '' END AS normal
FROM p;

CREATE OR REPLACE TEMP TABLE log_hosts AS
SELECT h.host, arg_max(d.slug, length(d.domain)) AS slug
FROM (SELECT DISTINCT host FROM log_urls WHERE host IS NOT NULL) AS h
JOIN reg_domains AS d ON h.host = d.domain OR h.host LIKE '%.' || d.domain
GROUP BY h.host;

CREATE OR REPLACE TEMP TABLE log_labels AS
SELECT l.platform, any_value(r.slug) AS slug
FROM (SELECT DISTINCT platform FROM log_cells WHERE platform IS NOT NULL) AS l
JOIN reg_labels AS r ON fold_label(l.platform) = fold_label(r.label)
GROUP BY l.platform;

-- A view: each row joins the small per-value tables above, never a row-by-row table.
CREATE OR REPLACE TEMP VIEW resolved AS
SELECT t.*, u.host, u.url_id,
       coalesce(l.slug, h.slug) AS platform_slug,
       CASE WHEN coalesce(l.slug, h.slug) IS NULL THEN t.platform END AS unregistered_platform,
       CASE WHEN t.content_url IS NOT NULL AND u.host IS NULL THEN 'url'
            WHEN t.content_url IS NULL AND t.platform IS NULL THEN 'platform_or_url' END
           AS e_platform_url
FROM typed AS t
LEFT JOIN log_urls AS u USING (content_url)
LEFT JOIN log_labels AS l USING (platform)
LEFT JOIN log_hosts AS h ON h.host = u.host;
