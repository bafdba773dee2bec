-- Overall score: the pillars combined by their weights. With missing_pillar = 'insufficient'
-- a platform lacking a weighted pillar gets no overall score; with 'renormalise' the pillars
-- present share the weight. Scores are rounded to one decimal before grading, so that the
-- published score and grade always agree. Grade: the best grade whose threshold the score
-- reaches; no score is 'insufficient_data'. Rank by overall score, ties broken by the Wilson
-- lower bound of the removal rate (which, unlike the point estimate, penalises small bases).

CREATE OR REPLACE TEMP TABLE platform_scores AS
WITH pillars AS (
    SELECT p.slug, ps.policy_score, pr.responsiveness_score,
           getvariable('w_policy') AS wp, getvariable('w_responsiveness') AS wr
    FROM platforms AS p
    LEFT JOIN policy_scores AS ps USING (slug)
    LEFT JOIN platform_responsiveness AS pr USING (slug)
),
overall AS (
    SELECT *,
           CASE WHEN getvariable('missing_pillar') = 'insufficient'
                     AND ((wp > 0 AND policy_score IS NULL)
                          OR (wr > 0 AND responsiveness_score IS NULL)) THEN NULL
                ELSE (CASE WHEN policy_score IS NOT NULL THEN wp * policy_score ELSE 0 END
                      + CASE WHEN responsiveness_score IS NOT NULL
                             THEN wr * responsiveness_score ELSE 0 END)
                     / nullif(CASE WHEN policy_score IS NOT NULL THEN wp ELSE 0 END
                              + CASE WHEN responsiveness_score IS NOT NULL THEN wr ELSE 0 END,
                              0)
           END AS overall_raw
    FROM pillars
),
graded AS (
    SELECT o.slug, round(o.policy_score, 1) AS policy_score,
           round(o.responsiveness_score, 1) AS responsiveness_score,
           round(o.overall_raw, 1) AS overall_score,
           coalesce((SELECT g.grade FROM m_grades AS g
                     WHERE g.min_score <= round(o.overall_raw, 1)
                     ORDER BY g.min_score DESC LIMIT 1), 'insufficient_data') AS grade
    FROM overall AS o
)
SELECT g.*,
       CASE WHEN g.overall_score IS NOT NULL THEN
           rank() OVER (ORDER BY g.overall_score IS NULL, g.overall_score DESC,
                        w.removal_ci_low DESC NULLS LAST) END AS rank
FROM graded AS g
LEFT JOIN cell_wilson AS w
       ON w.group_type = 'platform' AND w.group_key = g.slug AND w.dim_type = 'total';
