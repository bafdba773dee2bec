SELECT count(*) AS n FROM scorecard_platform;
