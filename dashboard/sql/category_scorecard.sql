SELECT * FROM scorecard_category ORDER BY category;
