-- Provenance of the DSA figures: every imported dump file with its sha1.
SELECT * FROM dsa_files ORDER BY day, dump, name;
