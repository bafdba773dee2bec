-- Scorecard rows of the chosen platforms.
SELECT * FROM scorecard_platform WHERE list_contains($slugs, slug) ORDER BY slug;
