-- Policy evidence, element by element, from the latest version of each document
-- (platform x document type x language) that the analyser or the form audit assessed.
-- Each candidate has a value (yes / partial / no) and an evidence tier:
--   4 a login wall met on the latest fetch of a reporting form (the newest observation),
--   3 observed by the reporting-form audit, 2 a quoted policy statement,
--   1 an analyser flag without a quote, 0 nothing found ("no disclosure found").

CREATE OR REPLACE TEMP TABLE latest_versions AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY platform, document_type, lang
                                   ORDER BY fetched_at DESC, version_id DESC) AS rn
    FROM policy_versions AS v
)
WHERE rn = 1;

CREATE OR REPLACE TEMP TABLE first_quote AS
SELECT version_id, feature, arg_min(quote, position) AS quote
FROM policy_evidence
GROUP BY ALL;

-- A document is in Traditional Chinese by its language or the languages it says it offers.
CREATE OR REPLACE TEMP TABLE traditional_chinese_versions AS
SELECT version_id FROM latest_versions
WHERE lower(lang) IN ('zh-hant', 'zh-hk', 'zh-tw', 'zh-mo') OR lower(lang) LIKE 'zh-hant-%'
UNION
SELECT version_id FROM policy_languages
WHERE lower(replace(language, '_', '-')) IN ('zh-hant', 'zh-hk', 'zh-tw', 'zh-mo')
   OR lower(replace(language, '_', '-')) LIKE 'zh-hant-%';

-- Elements read from one analyser answer. `polarity` 'good' means the answer "yes" earns a
-- yes; 'bad' means the feature is bad news (an account is required to report), so its "no"
-- earns a yes.
CREATE OR REPLACE TEMP TABLE element_flag_rules AS
SELECT * FROM (VALUES
    ('ncii_prohibition',         'prohibits_ncii',             'good'),
    ('ncii_reporting_channel',   'ncii_reporting_channel',     'good'),
    ('third_party_reporting',    'third_party_reporting',      'good'),
    ('hash_matching',            'hash_matching',              'good'),
    ('synthetic_media_coverage', 'covers_synthetic_media',     'good'),
    ('report_without_account',   'account_required_to_report', 'bad')
) AS r(element, feature, polarity);

CREATE OR REPLACE TEMP TABLE policy_candidates AS
WITH docs AS (
    SELECT v.platform AS slug, v.version_id, v.document_type, v.lang, v.url, v.fetched_at,
           v.captured_at
    FROM latest_versions AS v
),
flags AS (
    -- "unknown" (or a "no" for a good feature) is nothing found: value no, tier 0, unless
    -- the analyser quotes a sentence for it.
    SELECT r.element, d.*, q.quote,
           CASE WHEN r.polarity = 'good' THEN
                    CASE f.answer WHEN 'yes' THEN 'yes' WHEN 'partial' THEN 'partial'
                                  ELSE 'no' END
                ELSE CASE f.answer WHEN 'no' THEN 'yes' WHEN 'partial' THEN 'partial'
                                   ELSE 'no' END
           END AS value,
           CASE WHEN q.quote IS NOT NULL THEN 2
                WHEN f.answer IN ('yes', 'partial') OR (r.polarity = 'bad' AND f.answer = 'no')
                    THEN 1
                ELSE 0 END AS tier
    FROM element_flag_rules AS r
    JOIN policy_features AS f ON f.feature = r.feature
    JOIN docs AS d USING (version_id)
    LEFT JOIN first_quote AS q ON q.version_id = f.version_id AND q.feature = f.feature
),
response_time AS (
    SELECT 'stated_response_time' AS element, d.*, q.quote,
           CASE WHEN f.value_num <= getvariable('rt_full') THEN 'yes'
                WHEN f.value_num <= getvariable('rt_partial') THEN 'partial'
                ELSE 'no' END AS value,
           CASE WHEN f.value_num IS NULL THEN 0 WHEN q.quote IS NOT NULL THEN 2 ELSE 1 END AS tier
    FROM policy_features AS f
    JOIN docs AS d USING (version_id)
    LEFT JOIN first_quote AS q ON q.version_id = f.version_id AND q.feature = f.feature
    WHERE f.feature = 'stated_response_time_hours'
),
notice_appeal AS (
    SELECT 'outcome_notice_and_appeal' AS element, d.*,
           -- one sentence often states both: quote it once
           nullif(concat_ws(' / ', qn.quote,
                            CASE WHEN qa.quote IS DISTINCT FROM qn.quote THEN qa.quote END),
                  '') AS quote,
           CASE coalesce((n.answer = 'yes')::INT, 0) + coalesce((a.answer = 'yes')::INT, 0)
                WHEN 2 THEN 'yes' WHEN 1 THEN 'partial'
                ELSE CASE WHEN ('partial' IN (n.answer, a.answer)) IS TRUE THEN 'partial'
                          ELSE 'no' END
           END AS value,
           CASE WHEN qn.quote IS NOT NULL OR qa.quote IS NOT NULL THEN 2
                WHEN n.answer IN ('yes', 'partial') OR a.answer IN ('yes', 'partial') THEN 1
                ELSE 0 END AS tier
    FROM docs AS d
    LEFT JOIN policy_features AS n ON n.version_id = d.version_id AND n.feature = 'notice_of_outcome'
    LEFT JOIN policy_features AS a ON a.version_id = d.version_id AND a.feature = 'appeal'
    LEFT JOIN first_quote AS qn ON qn.version_id = d.version_id AND qn.feature = 'notice_of_outcome'
    LEFT JOIN first_quote AS qa ON qa.version_id = d.version_id AND qa.feature = 'appeal'
    WHERE n.version_id IS NOT NULL OR a.version_id IS NOT NULL
),
forms AS (
    SELECT d.*, fa.*
    EXCLUDE (version_id),
           coalesce(qo.quote, qp.quote) AS option_quote, qa.quote AS account_quote,
           d.version_id IN (SELECT version_id FROM traditional_chinese_versions) AS traditional
    FROM docs AS d
    JOIN form_audits AS fa USING (version_id)
    LEFT JOIN first_quote AS qo ON qo.version_id = d.version_id AND qo.feature = 'ncii_option'
    LEFT JOIN first_quote AS qp ON qp.version_id = d.version_id AND qp.feature = 'form_present'
    LEFT JOIN first_quote AS qa ON qa.version_id = d.version_id AND qa.feature = 'account_required'
    WHERE fa.form_present
),
form_observed AS (
    SELECT 'ncii_reporting_channel' AS element, slug, version_id, document_type, lang, url,
           fetched_at, captured_at, option_quote AS quote,
           CASE WHEN ncii_option THEN 'yes' ELSE 'partial' END AS value, 3 AS tier
    FROM forms
    UNION ALL
    SELECT 'report_without_account', slug, version_id, document_type, lang, url, fetched_at,
           captured_at, account_quote, CASE WHEN account_required THEN 'no' ELSE 'yes' END, 3
    FROM forms WHERE account_required IS NOT NULL
    UNION ALL
    SELECT 'traditional_chinese_reporting', slug, version_id, document_type, lang, url,
           fetched_at, captured_at, NULL, 'yes', 3
    FROM forms WHERE traditional
),
login_wall AS (
    -- The crawler met a login wall on the reporting form: an account is required.
    SELECT 'report_without_account' AS element, c.platform AS slug, c.version_id,
           c.document_type, c.lang, c.final_url AS url, c.fetched_at, c.captured_at,
           NULL AS quote,
           'no' AS value, 4 AS tier
    FROM (
        SELECT *, row_number() OVER (PARTITION BY platform, lang
                                     ORDER BY fetched_at DESC) AS rn
        FROM crawl_items
        WHERE document_type = 'reporting_form'
    ) AS c
    WHERE c.rn = 1 AND c.outcome = 'login_wall'
),
traditional_policy AS (
    -- A policy in Traditional Chinese without a reporting form in it earns a partial.
    SELECT 'traditional_chinese_reporting' AS element, d.*, NULL AS quote,
           'partial' AS value, 2 AS tier
    FROM docs AS d
    WHERE d.document_type <> 'reporting_form'
      AND d.version_id IN (SELECT version_id FROM traditional_chinese_versions)
)
SELECT element, slug, version_id, document_type, lang, url, fetched_at, captured_at, quote,
       value, tier
FROM flags
UNION ALL BY NAME SELECT * FROM response_time
UNION ALL BY NAME SELECT * FROM notice_appeal
UNION ALL BY NAME SELECT * FROM form_observed
UNION ALL BY NAME SELECT * FROM login_wall
UNION ALL BY NAME SELECT * FROM traditional_policy;
