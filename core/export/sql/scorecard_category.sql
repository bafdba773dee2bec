SELECT * FROM scorecard_category;
