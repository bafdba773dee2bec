-- Policy evidence: the element values with their quotes and sources, the reporting-form
-- audits and every archived version (readable text and diff) of each policy document.

CREATE TABLE pub.policy_elements AS
SELECT e.slug, e.element, e.value, e.score, e.quote, e.document_type, e.lang, e.url,
       e.version_id, e.fetched_at, e.captured_at
FROM platform_elements AS e
JOIN m_elements AS m USING (element)
ORDER BY e.slug, m.position;

CREATE TABLE pub.form_audits AS
SELECT v.platform AS slug, v.url, v.lang, v.version_id, v.fetched_at, v.captured_at,
       f.form_present,
       f.field_url, f.field_file_upload, f.field_email, f.field_description,
       f.account_required, f.captcha, f.ncii_option,
       (SELECT string_agg(DISTINCT l.language, ',' ORDER BY l.language)
        FROM policy_languages AS l WHERE l.version_id = v.version_id) AS languages,
       f.needs_js
FROM latest_versions AS v
JOIN form_audits AS f USING (version_id)
ORDER BY slug, v.lang;

CREATE TABLE pub.policy_versions AS
SELECT platform AS slug, document_type, lang, version_id, previous_version_id, fetched_at,
       captured_at, url, markdown, diff
FROM policy_versions
ORDER BY slug, document_type, lang, fetched_at;
