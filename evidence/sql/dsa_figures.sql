-- EU DSA Transparency Database figures of the chosen platforms (registered platforms only).
SELECT * FROM dsa_figures
WHERE list_contains($slugs, slug)
ORDER BY slug, period_type, period, ncii_set;
