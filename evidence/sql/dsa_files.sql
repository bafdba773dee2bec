-- Every imported DSA dump file with its sha1 (provenance of the DSA figures).
SELECT day, dump, name, sha1, size FROM dsa_files ORDER BY day, dump, name;
