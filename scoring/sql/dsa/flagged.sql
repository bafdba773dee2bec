-- Every staged statement with its two NCII flags (view dsa_flagged). The definition's names
-- are in dsa_ncii_terms (ncii_set, term); a keyword or an additional category matches as a
-- quoted name inside the cell's JSON array, tested once per distinct cell value.
SELECT s.*,
       kw.category_specification IS NOT NULL AS ncii_specific,
       bc.term IS NOT NULL OR ba.category_addition IS NOT NULL AS ncii_broad
FROM dsa_staging AS s
LEFT JOIN (
    SELECT DISTINCT v.category_specification
    FROM (SELECT DISTINCT category_specification FROM dsa_staging) AS v
    JOIN dsa_ncii_terms AS k
      ON k.ncii_set = 'specific' AND instr(v.category_specification, concat('"', k.term, '"')) > 0
) AS kw ON s.category_specification = kw.category_specification
LEFT JOIN (SELECT term FROM dsa_ncii_terms WHERE ncii_set = 'broad') AS bc ON s.category = bc.term
LEFT JOIN (
    SELECT DISTINCT v.category_addition
    FROM (SELECT DISTINCT category_addition FROM dsa_staging) AS v
    JOIN dsa_ncii_terms AS k
      ON k.ncii_set = 'broad' AND instr(v.category_addition, concat('"', k.term, '"')) > 0
) AS ba ON s.category_addition = ba.category_addition
