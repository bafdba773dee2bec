-- Data-quality notices about the DSA figures, with the columns, platform and days they cover.
SELECT * FROM dsa_notices ORDER BY id;
