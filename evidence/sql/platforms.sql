-- Every platform the scoring run knows, with what data it has.
SELECT * FROM platforms ORDER BY slug;
