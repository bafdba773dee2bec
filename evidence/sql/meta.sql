-- Key/value facts about the scoring run: methodology, dates, synthetic flags, thresholds.
SELECT key, value FROM meta ORDER BY key;
