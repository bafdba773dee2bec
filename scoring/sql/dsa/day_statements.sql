-- The day's NCII statements, one per uuid (the first copy read). Reads dsa_day_ncii (ncii.sql
-- over every part of the day); columns in the order of the warehouse's dsa_statements.
SELECT CAST(dump_day AS DATE) AS day, dump, uuid, platform_name,
       created_at, application_date, content_date, decision_visibility, decision_monetary,
       decision_provision, decision_account, account_type, decision_ground,
       incompatible_content_illegal, category, category_addition, category_specification,
       content_type, content_language, territorial_scope, source_type, automated_detection,
       automated_decision, ncii_specific, ncii_broad, part, row_no
FROM (
    SELECT n.*, row_number() OVER (PARTITION BY dump_day, dump, uuid ORDER BY part, row_no) AS copy_no
    FROM dsa_day_ncii AS n
) AS copies
WHERE copy_no = 1
