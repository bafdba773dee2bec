-- The per-platform scorecard for researchers: the published scorecard plus, for every policy
-- element, its value and the evidence behind it (quote, document URL, version).
SELECT s.*,
       e.* EXCLUDE (slug)
FROM scorecard_platform AS s
LEFT JOIN (
    PIVOT (SELECT slug, element, value, quote, url, version_id FROM policy_elements)
    ON element IN ('ncii_prohibition', 'ncii_reporting_channel', 'report_without_account',
                   'third_party_reporting', 'traditional_chinese_reporting', 'hash_matching',
                   'stated_response_time', 'outcome_notice_and_appeal',
                   'synthetic_media_coverage')
    USING first(value) AS value, first(quote) AS quote, first(url) AS url,
          first(version_id) AS version_id
    GROUP BY slug
) AS e USING (slug)
ORDER BY s.rank NULLS LAST, s.slug;
