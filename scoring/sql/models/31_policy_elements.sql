-- One value per platform and element: the best-supported candidate, that is the highest
-- evidence tier (an observation beats a quoted claim, which beats an unquoted flag, which
-- beats nothing found); within a tier the more favourable value (as Ranking Digital Rights
-- credits a disclosure found in any of a company's documents); then the newest document.
-- A platform with at least one assessed document gets every element: an element with no
-- candidate is "no" (no disclosure found), except notice of outcome and appeal, which the
-- analyser may not assess at all and is then left out (not_applicable) rather than scored 0.
-- Elements the methodology declares not applicable to the platform's category are left out.
-- Scores follow Ranking Digital Rights: yes 100, partial 50, no 0, not applicable NULL.

CREATE OR REPLACE TEMP TABLE policy_platforms AS
SELECT DISTINCT v.platform AS slug
FROM latest_versions AS v
WHERE v.version_id IN (SELECT version_id FROM policy_features)
   OR v.version_id IN (SELECT version_id FROM form_audits);

CREATE OR REPLACE TEMP TABLE policy_best AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT c.*, row_number() OVER (
               PARTITION BY slug, element
               ORDER BY tier DESC,
                        CASE value WHEN 'yes' THEN 2 WHEN 'partial' THEN 1 ELSE 0 END DESC,
                        fetched_at DESC, version_id) AS rn
    FROM policy_candidates AS c
)
WHERE rn = 1;

CREATE OR REPLACE TEMP TABLE platform_elements AS
WITH grid AS (
    SELECT pp.slug, e.element, p.category
    FROM policy_platforms AS pp
    CROSS JOIN m_elements AS e
    LEFT JOIN platforms AS p ON p.slug = pp.slug
),
valued AS (
    SELECT g.slug, g.element, b.quote, b.document_type, b.lang, b.url, b.version_id,
           b.fetched_at, b.captured_at, b.tier,
           CASE WHEN na.element IS NOT NULL THEN 'not_applicable'
                WHEN b.value IS NOT NULL THEN b.value
                WHEN g.element = 'outcome_notice_and_appeal' THEN 'not_applicable'
                ELSE 'no' END AS value
    FROM grid AS g
    LEFT JOIN policy_best AS b USING (slug, element)
    LEFT JOIN m_element_not_applicable AS na
           ON na.element = g.element AND na.category = g.category
)
SELECT slug, element, value,
       CASE value WHEN 'yes' THEN 100 WHEN 'partial' THEN 50 WHEN 'no' THEN 0 END AS score,
       CASE WHEN value = 'not_applicable' THEN NULL ELSE quote END AS quote,
       document_type, lang, url, version_id, fetched_at, captured_at, tier
FROM valued;

-- The policy pillar: weighted mean of the assessed elements' scores (not applicable left
-- out), withheld when fewer elements than the methodology's minimum were assessed.
CREATE OR REPLACE TEMP TABLE policy_scores AS
SELECT pe.slug,
       CASE WHEN count(pe.score) FILTER (WHERE e.weight > 0) >= getvariable('min_elements')
            THEN sum(pe.score * e.weight) FILTER (WHERE pe.score IS NOT NULL)
                 / sum(e.weight) FILTER (WHERE pe.score IS NOT NULL) END AS policy_score
FROM platform_elements AS pe
JOIN m_elements AS e USING (element)
GROUP BY pe.slug;
