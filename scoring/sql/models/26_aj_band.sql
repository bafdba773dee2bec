-- The 95% band of the published incidence curves (platforms and categories, whole period).
-- Variance by the delta method (Greenwood type; Collett 2015, p. 411; as SAS and lifelines):
--   Var F(t) = sum a_i (F(t) - F(t_i))^2 + sum S(t_i-)^2 d1_i (n_i - d1_i) / n_i^3
--              - 2 sum c_i (F(t) - F(t_i)),   a_i = d_i / (n_i (n_i - d_i)), c_i = S(t_i-) d1_i / n_i^2
-- expanded into running sums so that one ordered window pass computes it. Times with no event
-- add nothing to any sum, so the event times suffice. The band is on the log(-log) scale; it
-- is NULL where undefined (F = 0 or 1, or once d_i = n_i).

CREATE OR REPLACE TEMP TABLE aj_band AS
WITH terms AS (
    SELECT *, d / (n * (n - d)) AS a, s_minus * d1 / (n * n) AS c
    FROM aj_steps
    WHERE whole_curve
),
sums AS (
    SELECT *,
           sum(a) OVER w                                               AS a0,
           sum(a * cif) OVER w                                         AS a1,
           sum(a * cif * cif) OVER w                                   AS a2,
           sum(s_minus * s_minus * d1 * (n - d1) / (n * n * n)) OVER w AS b,
           sum(c) OVER w                                               AS c0,
           sum(c * cif) OVER w                                         AS c1
    FROM terms
    WINDOW w AS (PARTITION BY cell_id ORDER BY t ROWS UNBOUNDED PRECEDING)
),
var AS (
    SELECT *, cif * cif * a0 - 2 * cif * a1 + a2 + b - 2 * (cif * c0 - c1) AS variance
    FROM sums
),
band AS (
    SELECT *, sqrt(variance) / (cif * abs(ln(cif))) AS se
    FROM var
)
SELECT cell_id, t, cif, variance,
       CASE WHEN isfinite(se) THEN exp(-exp(ln(-ln(cif)) + getvariable('z') * se)) END AS ci_low,
       CASE WHEN isfinite(se) THEN exp(-exp(ln(-ln(cif)) - getvariable('z') * se)) END AS ci_high
FROM band;
