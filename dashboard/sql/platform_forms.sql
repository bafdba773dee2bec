-- Audits of a platform's reporting forms.
SELECT * FROM form_audits WHERE slug = $slug ORDER BY lang, url;
