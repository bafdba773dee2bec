-- A platform's figures from the EU DSA Transparency Database (every period and NCII set);
-- unmapped TDB names have no slug and are never shown as platforms.
SELECT *
FROM dsa_figures
WHERE slug = $slug
ORDER BY period_type, period, ncii_set;
