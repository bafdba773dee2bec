-- The DSA figures' attribution, NCII definition, imported days and synthetic flag.
SELECT key, value FROM dsa_meta;
