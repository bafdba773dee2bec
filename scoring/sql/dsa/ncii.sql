-- The statements that match the NCII definition, typed (before de-duplication).
SELECT dump_day, dump, part, row_no, uuid, platform_name,
       CAST(nullif(trim(created_at), '') AS TIMESTAMP) AS created_at,
       CAST(nullif(trim(application_date), '') AS TIMESTAMP) AS application_date,
       CAST(nullif(trim(content_date), '') AS TIMESTAMP) AS content_date,
       nullif(decision_visibility, '') AS decision_visibility,
       nullif(decision_monetary, '') AS decision_monetary,
       nullif(decision_provision, '') AS decision_provision,
       nullif(decision_account, '') AS decision_account,
       nullif(account_type, '') AS account_type,
       nullif(decision_ground, '') AS decision_ground,
       nullif(incompatible_content_illegal, '') AS incompatible_content_illegal,
       nullif(category, '') AS category,
       nullif(category_addition, '') AS category_addition,
       nullif(category_specification, '') AS category_specification,
       nullif(content_type, '') AS content_type,
       nullif(content_language, '') AS content_language,
       nullif(territorial_scope, '') AS territorial_scope,
       nullif(source_type, '') AS source_type,
       CASE automated_detection WHEN 'Yes' THEN TRUE WHEN 'No' THEN FALSE END AS automated_detection,
       nullif(automated_decision, '') AS automated_decision,
       ncii_specific, ncii_broad
FROM dsa_flagged
WHERE ncii_specific OR ncii_broad
