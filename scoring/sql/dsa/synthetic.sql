-- Synthetic statements of reasons in the TDB's column layout (full version, schema v1 or v2),
-- rows first_row..last_row-1 of a day, for tests, the demo and benchmarks. Parameters come from
-- the one-row table syn_params (seed, day, first_row, last_row, ncii_per_million,
-- dup_per_10000, schema). Every value is a hash of (statement id, seed): the same parameters
-- give the same file. A duplicate row repeats the previous row's statement, uuid included.
WITH p AS (SELECT * FROM syn_params),
numbered AS (
    SELECT r.i,
           CASE WHEN r.i > 0 AND hash(r.i, p.seed, 'dup') % 10000 < p.dup_per_10000
                THEN r.i - 1 ELSE r.i END AS sid
    FROM p, range(p.first_row, p.last_row) AS r(i)
),
drawn AS (
    SELECT n.i, n.sid, p.schema, p.day,
           md5(concat(p.seed, '-', n.sid)) AS m,
           hash(n.sid, p.seed, 'ncii') % 1000000 < p.ncii_per_million AS is_ncii,
           hash(n.sid, p.seed, 'kind') % 10 AS kind,
           hash(n.sid, p.seed, 'platform') % 1000 AS hp,
           hash(n.sid, p.seed, 'a') AS ha, hash(n.sid, p.seed, 'b') AS hb,
           hash(n.sid, p.seed, 'c') AS hc, hash(n.sid, p.seed, 'd') AS hd
    FROM numbered AS n, p
),
timed AS (
    SELECT *,
           CAST(day AS TIMESTAMP) + to_seconds(CAST(hb % 86400 AS BIGINT)) AS created,
           date_trunc('day', CAST(day AS TIMESTAMP) - to_hours(CAST(hc % 96 AS BIGINT))) AS applied
    FROM drawn
),
valued AS (
    SELECT *,
           -- NCII statements: kind 0-4 keyword and NCII category, 5-7 category only, 8-9
           -- keyword under another category (keywords are not tied to a category).
           CASE WHEN is_ncii AND kind < 8
                THEN CASE WHEN schema = 'v1' THEN 'STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR'
                          WHEN ha % 2 = 0 THEN 'STATEMENT_CATEGORY_CYBER_VIOLENCE'
                          ELSE 'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN' END
                WHEN is_ncii THEN 'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT'
                ELSE list_element(['STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
                    'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
                    'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT',
                    'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
                    'STATEMENT_CATEGORY_VIOLENCE', 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
                    'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE'], CAST(1 + ha % 8 AS INTEGER)) END
               AS category,
           CASE WHEN is_ncii AND (kind < 5 OR kind >= 8)
                THEN CASE WHEN schema = 'v1'
                          THEN list_element(['["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"]',
                               '["KEYWORD_NON_CONSENSUAL_ITEMS_DEEPFAKE"]',
                               '["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING","KEYWORD_ADULT_SEXUAL_MATERIAL"]'],
                               CAST(1 + hd % 3 AS INTEGER))
                          ELSE list_element(['["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"]',
                               '["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN"]',
                               '["KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"]',
                               '["KEYWORD_ADULT_SEXUAL_MATERIAL","KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN"]'],
                               CAST(1 + hd % 4 AS INTEGER)) END
                WHEN hd % 10 = 0 THEN '["KEYWORD_ADULT_SEXUAL_MATERIAL"]'
                WHEN hd % 10 = 1 THEN '[]'
                ELSE '' END AS category_specification,
           CASE WHEN hp < 300 THEN 'TikTok' WHEN hp < 420 THEN 'Facebook'
                WHEN hp < 520 THEN 'Instagram' WHEN hp < 600 THEN 'YouTube'
                WHEN hp < 640 THEN 'X' WHEN hp < 690 THEN 'Snapchat' WHEN hp < 740 THEN 'Pinterest'
                WHEN hp < 840 THEN 'Google Shopping' WHEN hp < 870 THEN 'AliExpress'
                WHEN hp < 900 THEN 'Pornhub' WHEN hp < 920 THEN 'Stripchat'
                WHEN hp < 950 THEN 'Reddit' WHEN hp < 970 THEN 'LinkedIn' ELSE 'Amazon Store' END
               AS platform_name,
           list_element(['Sharing intimate images of someone without their consent is not allowed, including "deepfakes".',
                'Das Teilen intimer Bilder ohne Einwilligung verstößt gegen unsere Richtlinien.',
                'Le partage d''images intimes sans consentement enfreint nos règles, « deepfakes » compris.',
                'Udostępnianie intymnych zdjęć bez zgody narusza nasze zasady; dotyczy też treści, które „wyglądają na prawdziwe”.',
                'Η κοινοποίηση προσωπικών εικόνων χωρίς συναίνεση παραβιάζει τους κανόνες μας.',
                'Споделянето на интимни изображения без съгласие нарушава нашите правила.',
                concat('Content reported under Article 16.', chr(10), 'Reviewed by our team; removed, with notice to the uploader.'),
                concat(chr(8207), 'مشاركة الصور الخاصة دون موافقة مخالفة لقواعدنا', chr(8206), ' (policy 4.2)'),
                '未經同意分享私密影像違反我們的社群守則。',
                'La condivisione di immagini intime senza consenso viola le nostre regole, anche se l''account è privato.'],
                CAST(1 + hc % 10 AS INTEGER)) AS explanation
    FROM timed
)
SELECT
    concat(substr(m, 1, 8), '-', substr(m, 9, 4), '-4', substr(m, 14, 3), '-',
           list_element(['8', '9', 'a', 'b'], CAST(1 + ha % 4 AS INTEGER)), substr(m, 18, 3), '-',
           substr(m, 21, 12)) AS uuid,
    CASE WHEN hb % 13 = 0 THEN ''
         ELSE concat('["', list_element(['DECISION_VISIBILITY_CONTENT_REMOVED',
              'DECISION_VISIBILITY_CONTENT_DISABLED', 'DECISION_VISIBILITY_CONTENT_DEMOTED',
              'DECISION_VISIBILITY_CONTENT_REMOVED', 'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
              'DECISION_VISIBILITY_CONTENT_LABELLED', 'DECISION_VISIBILITY_OTHER'],
              CAST(1 + hd % 7 AS INTEGER)), '"]') END AS decision_visibility,
    CASE WHEN hd % 7 = 6 THEN 'Video not eligible for recommendation in the "For You" feed' ELSE '' END
        AS decision_visibility_other,
    '' AS end_date_visibility_restriction,
    CASE WHEN ha % 50 = 0 THEN 'DECISION_MONETARY_SUSPENSION' ELSE '' END AS decision_monetary,
    '' AS decision_monetary_other, '' AS end_date_monetary_restriction,
    CASE WHEN ha % 40 = 1 THEN 'DECISION_PROVISION_PARTIAL_SUSPENSION' ELSE '' END AS decision_provision,
    '' AS end_date_service_restriction,
    CASE WHEN hb % 13 = 0 THEN 'DECISION_ACCOUNT_SUSPENDED'
         WHEN hb % 29 = 0 THEN 'DECISION_ACCOUNT_TERMINATED' ELSE '' END AS decision_account,
    '' AS end_date_account_restriction,
    CASE WHEN hc % 9 = 0 THEN 'ACCOUNT_TYPE_BUSINESS' ELSE '' END AS account_type,
    CASE WHEN hd % 5 = 0 THEN 'DECISION_GROUND_ILLEGAL_CONTENT'
         ELSE 'DECISION_GROUND_INCOMPATIBLE_CONTENT' END AS decision_ground,
    '' AS decision_ground_reference_url,
    CASE WHEN hd % 5 = 0 THEN 'Art. 201a StGB' ELSE '' END AS illegal_content_legal_ground,
    CASE WHEN hd % 5 = 0 THEN explanation ELSE '' END AS illegal_content_explanation,
    CASE WHEN hd % 5 = 0 THEN '' ELSE 'Adult nudity and sexual activity' END AS incompatible_content_ground,
    CASE WHEN hd % 5 = 0 THEN '' ELSE explanation END AS incompatible_content_explanation,
    CASE WHEN hd % 5 = 0 THEN '' WHEN ha % 3 = 0 THEN 'Yes' ELSE 'No' END AS incompatible_content_illegal,
    category,
    CASE WHEN is_ncii AND kind = 7 AND schema = 'v2'
         THEN '["STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH","STATEMENT_CATEGORY_CYBER_VIOLENCE"]'
         ELSE '' END AS category_addition,
    category_specification,
    '' AS category_specification_other,
    list_element(['["CONTENT_TYPE_IMAGE"]', '["CONTENT_TYPE_VIDEO"]', '["CONTENT_TYPE_TEXT"]',
                  '["CONTENT_TYPE_IMAGE","CONTENT_TYPE_TEXT"]', '["CONTENT_TYPE_SYNTHETIC_MEDIA"]',
                  '["CONTENT_TYPE_OTHER"]'], CAST(1 + hc % 6 AS INTEGER)) AS content_type,
    CASE WHEN hc % 6 = 5 THEN 'Livestream replay' ELSE '' END AS content_type_other,
    list_element(['', 'EN', 'DE', 'FR', 'ES', 'IT', 'PL', 'NL', 'PT', 'RO', 'EL', 'HU', 'CS',
                  'SV', 'BG', 'DA', 'FI', 'SK', 'HR', 'LT', 'SL', 'LV', 'ET', 'GA', 'MT', 'ZH',
                  'AR'], CAST(1 + ha % 27 AS INTEGER)) AS content_language,
    strftime(CASE WHEN hd % 200 = 0 THEN applied + to_hours(CAST(1 + ha % 48 AS BIGINT))
                  ELSE applied - to_hours(CAST(ha % 2000 AS BIGINT)) END,
             '%Y-%m-%d %H:%M:%S') AS content_date,
    CASE WHEN schema = 'v2' AND hb % 17 = 0 THEN '4006381333931' ELSE '' END AS content_id_ean,
    '["AT","BE","BG","CY","CZ","DE","DK","EE","ES","FI","FR","GR","HR","HU","IE","IS","IT","LI","LT","LU","LV","MT","NL","NO","PL","PT","RO","SE","SI","SK"]'
        AS territorial_scope,
    strftime(applied, '%Y-%m-%d %H:%M:%S') AS application_date,
    CASE WHEN hb % 3 = 0 THEN 'The decision was taken pursuant to own-initiative investigations.'
         ELSE concat('Notice received, ', explanation) END AS decision_facts,
    list_element(['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION',
                  'SOURCE_VOLUNTARY', 'SOURCE_VOLUNTARY'], CAST(1 + hb % 5 AS INTEGER)) AS source_type,
    '' AS source_identity,
    CASE WHEN ha % 4 = 0 THEN 'No' ELSE 'Yes' END AS automated_detection,
    list_element(['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY',
                  'AUTOMATED_DECISION_NOT_AUTOMATED'], CAST(1 + hc % 3 AS INTEGER)) AS automated_decision,
    platform_name,
    CAST(hb % 10000000000000000 AS VARCHAR) AS platform_uid,
    strftime(created, '%Y-%m-%d %H:%M:%S') AS created_at
FROM valued
ORDER BY i
