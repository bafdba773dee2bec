-- Scorecard rows of the chosen platforms' categories, for comparison.
SELECT * FROM scorecard_category WHERE list_contains($categories, category) ORDER BY category;
