-- Attribution, licence, DOI, imported days and synthetic flag of the DSA figures.
SELECT key, value FROM dsa_meta;
