-- Scorecards with the responsiveness figures of one quarter in place of the overall ones.
-- Grades and scores stay those of the whole log: the methodology scores the whole period.
SELECT s.slug, s.name_en, s.name_zh, s.category, s.grade, s.rank,
       s.overall_score, s.policy_score, s.responsiveness_score,
       m.period, m.items, m.removed, m.removal_rate, m.removal_ci_low, m.removal_ci_high,
       m.cif_removed_48h, m.median_first_response_hours
FROM scorecard_platform AS s
LEFT JOIN metrics_by_period AS m
       ON m.group_type = 'platform' AND m.group_key = s.slug AND m.period = $period
WHERE $category IS NULL OR s.category = $category
ORDER BY s.rank NULLS LAST, s.name_en;
