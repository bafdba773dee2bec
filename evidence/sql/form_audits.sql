-- Reporting-form audits of the chosen platforms.
SELECT * FROM form_audits WHERE list_contains($slugs, slug) ORDER BY slug, url, lang;
