-- The DSA figures' attribution, licence, DOI, NCII definition, imported days, synthetic flag.
SELECT * FROM dsa_meta ORDER BY key;
