-- Every statement read, narrowed to what the day's totals need (before de-duplication).
SELECT dump_day, dump, uuid, platform_name, ncii_specific, ncii_broad
FROM dsa_flagged
