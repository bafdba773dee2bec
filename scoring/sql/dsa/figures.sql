-- Figures per platform, month and quarter, for each NCII set (specific, broad), from the
-- imported days (dsa_platform_days, dsa_statements) and the name mapping (dsa_platform_names).
-- A platform is its registry slug, or its TDB name when no declaration claims that name.
-- Periods are the dumps' days (the day a statement reached the TDB); `days` says how many
-- imported days a period holds. Delays are the platform's own report: content_date (when the
-- content was posted, as the platform claims) to application_date (decision applied); lag is
-- application_date to created_at (the statement reached the TDB). Negative delays are data
-- errors: counted in delay_negative, left out of the percentiles. Percentiles are exact
-- (percentile_cont), and every fraction is a DOUBLE (no decimal literals), so DuckDB and
-- Spark give the same numbers.
WITH periods AS (
    SELECT DISTINCT day, 'month' AS period_type,
           concat(CAST(year(day) AS STRING), '-', lpad(CAST(month(day) AS STRING), 2, '0')) AS period
    FROM dsa_platform_days
    UNION ALL
    SELECT DISTINCT day, 'quarter',
           concat(CAST(year(day) AS STRING), '-Q', CAST(quarter(day) AS STRING))
    FROM dsa_platform_days
),
ncii_sets AS (
    SELECT 'specific' AS ncii_set UNION ALL SELECT 'broad'
),
totals AS (
    SELECT coalesce(m.slug, d.platform_name) AS platform, m.slug, p.period_type, p.period,
           count(DISTINCT d.day) AS days, CAST(sum(d.statements) AS BIGINT) AS statements
    FROM dsa_platform_days AS d
    JOIN periods AS p ON p.day = d.day
    LEFT JOIN dsa_platform_names AS m ON m.platform_name = d.platform_name
    GROUP BY coalesce(m.slug, d.platform_name), m.slug, p.period_type, p.period
),
timed AS (
    SELECT s.*,
           (unix_seconds(application_date) - unix_seconds(content_date)) / CAST(3600 AS DOUBLE) AS delay_hours,
           (unix_seconds(created_at) - unix_seconds(application_date)) / CAST(3600 AS DOUBLE) AS lag_hours
    FROM dsa_statements AS s
),
ncii AS (
    SELECT coalesce(m.slug, s.platform_name) AS platform, p.period_type, p.period, k.ncii_set,
           count(*) AS ncii,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_CONTENT_REMOVED"') > 0) AS removed,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_CONTENT_DISABLED"') > 0) AS disabled,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_CONTENT_DEMOTED"') > 0) AS demoted,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"') > 0) AS age_restricted,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"') > 0) AS interaction_restricted,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_CONTENT_LABELLED"') > 0) AS labelled,
           count_if(instr(s.decision_visibility, '"DECISION_VISIBILITY_OTHER"') > 0) AS visibility_other,
           count_if(s.decision_account = 'DECISION_ACCOUNT_SUSPENDED') AS account_suspended,
           count_if(s.decision_account = 'DECISION_ACCOUNT_TERMINATED') AS account_terminated,
           count_if(s.decision_provision IN ('DECISION_PROVISION_PARTIAL_SUSPENSION',
                                             'DECISION_PROVISION_TOTAL_SUSPENSION')) AS service_suspended,
           count_if(s.decision_provision IN ('DECISION_PROVISION_PARTIAL_TERMINATION',
                                             'DECISION_PROVISION_TOTAL_TERMINATION')) AS service_terminated,
           count_if(s.decision_monetary IS NOT NULL) AS monetary,
           count_if(s.source_type = 'SOURCE_ARTICLE_16') AS source_notice,
           count_if(s.source_type = 'SOURCE_TRUSTED_FLAGGER') AS source_trusted_flagger,
           count_if(s.source_type = 'SOURCE_TYPE_OTHER_NOTIFICATION') AS source_other_notification,
           count_if(s.source_type = 'SOURCE_VOLUNTARY') AS source_own_initiative,
           avg(CASE WHEN s.automated_detection THEN 1 WHEN NOT s.automated_detection THEN 0 END)
               AS automated_detection_share,
           avg(CASE WHEN s.automated_decision = 'AUTOMATED_DECISION_FULLY' THEN 1
                    WHEN s.automated_decision IS NOT NULL THEN 0 END) AS automated_decision_fully_share,
           avg(CASE WHEN s.automated_decision = 'AUTOMATED_DECISION_PARTIALLY' THEN 1
                    WHEN s.automated_decision IS NOT NULL THEN 0 END) AS automated_decision_partially_share,
           count_if(s.delay_hours >= 0) AS delay_statements,
           count_if(s.delay_hours < 0) AS delay_negative,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN s.delay_hours >= 0 THEN s.delay_hours END)
               AS delay_median_hours,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN s.delay_hours >= 0 THEN s.delay_hours END)
               AS delay_p90_hours,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.lag_hours) AS lag_median_hours,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY s.lag_hours) AS lag_p90_hours
    FROM timed AS s
    JOIN periods AS p ON p.day = s.day
    JOIN ncii_sets AS k
      ON (k.ncii_set = 'specific' AND s.ncii_specific) OR (k.ncii_set = 'broad' AND s.ncii_broad)
    LEFT JOIN dsa_platform_names AS m ON m.platform_name = s.platform_name
    GROUP BY coalesce(m.slug, s.platform_name), p.period_type, p.period, k.ncii_set
)
SELECT t.platform, t.slug, t.period_type, t.period, k.ncii_set, t.days, t.statements,
       coalesce(c.ncii, 0) AS ncii,
       CAST(coalesce(c.ncii, 0) AS DOUBLE) / t.statements AS ncii_share,
       coalesce(c.removed, 0) AS removed, coalesce(c.disabled, 0) AS disabled,
       coalesce(c.demoted, 0) AS demoted, coalesce(c.age_restricted, 0) AS age_restricted,
       coalesce(c.interaction_restricted, 0) AS interaction_restricted,
       coalesce(c.labelled, 0) AS labelled, coalesce(c.visibility_other, 0) AS visibility_other,
       coalesce(c.account_suspended, 0) AS account_suspended,
       coalesce(c.account_terminated, 0) AS account_terminated,
       coalesce(c.service_suspended, 0) AS service_suspended,
       coalesce(c.service_terminated, 0) AS service_terminated,
       coalesce(c.monetary, 0) AS monetary,
       coalesce(c.source_notice, 0) AS source_notice,
       coalesce(c.source_trusted_flagger, 0) AS source_trusted_flagger,
       coalesce(c.source_other_notification, 0) AS source_other_notification,
       coalesce(c.source_own_initiative, 0) AS source_own_initiative,
       c.automated_detection_share, c.automated_decision_fully_share,
       c.automated_decision_partially_share,
       coalesce(c.delay_statements, 0) AS delay_statements,
       coalesce(c.delay_negative, 0) AS delay_negative,
       c.delay_median_hours, c.delay_p90_hours, c.lag_median_hours, c.lag_p90_hours
FROM totals AS t
CROSS JOIN ncii_sets AS k
LEFT JOIN ncii AS c
  ON c.platform = t.platform AND c.period_type = t.period_type AND c.period = t.period
 AND c.ncii_set = k.ncii_set
