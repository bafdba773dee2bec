-- Aalen-Johansen cumulative incidence of removal, refusal competing, per group.
-- At each distinct time t: d1 removals, d2 refusals, d = d1 + d2, m items leaving, n at risk
-- (time >= t: removals, refusals and censorings at t are all in the risk set at t, and the
-- events at one time are processed together).
--   S(t-)  = prod_{t_i < t} (1 - d_i / n_i)     event-free survival just before t
--   F(t)   = sum_{t_i <= t} S(t_i-) d1_i / n_i
-- Only the curves of platforms and categories over the whole period are published whole; the
-- other groups publish F at 48 hours at most, so their times beyond 7 days are pooled into one
-- row at +infinity: it keeps every earlier risk set exact and saves most of the work.
-- Censorings are moved to the latest event time at or before them, as for Kaplan-Meier
-- (22_km_first_response.sql): the risk sets at the event times are unchanged.

CREATE OR REPLACE TEMP TABLE aj_steps AS
WITH fine AS (
    SELECT fine_id, t_end_h AS t,
           count(*) FILTER (WHERE ev = 1) AS d1,
           count(*) FILTER (WHERE ev = 2) AS d2,
           count(*)                       AS m
    FROM stg_items
    GROUP BY ALL
),
event_times AS (
    SELECT DISTINCT t FROM fine WHERE d1 + d2 > 0
),
pooled AS (
    SELECT f.fine_id, e.t, sum(f.d1) AS d1, sum(f.d2) AS d2, sum(f.m) AS m
    FROM fine AS f
    ASOF JOIN event_times AS e ON f.t >= e.t
    GROUP BY ALL
),
ev AS (
    -- counts as DOUBLE (exact below 2^53): sums of BIGINT are HUGEINT, slow in windows
    SELECT m.cell_id, any_value(m.whole_curve) AS whole_curve,
           CASE WHEN m.whole_curve OR f.t <= 168 THEN f.t ELSE 'infinity'::DOUBLE END AS t,
           sum(f.d1)::DOUBLE AS d1, sum(f.d2)::DOUBLE AS d2, sum(f.m)::DOUBLE AS m
    FROM pooled AS f
    JOIN cell_map AS m USING (fine_id)
    GROUP BY m.cell_id, 3
),
risk AS (
    SELECT *, d1 + d2 AS d,
           sum(m) OVER (PARTITION BY cell_id ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS n
    FROM ev
),
surv AS (
    SELECT *,
           coalesce(product(1 - d / n) OVER (PARTITION BY cell_id ORDER BY t
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                    1.0) AS s_minus
    FROM risk
    WHERE d > 0 AND isfinite(t)
)
SELECT *, sum(s_minus * d1 / n) OVER (PARTITION BY cell_id ORDER BY t
                                      ROWS UNBOUNDED PRECEDING) AS cif
FROM surv;

-- The incidence at the published horizons: the last step at or before the horizon. Past the
-- longest follow-up it is not estimable (NULL) when that last time leaves items censored,
-- whose fate is unknown; when every item's fate is known by then, the curve is flat after it.
CREATE OR REPLACE MACRO cif_at(horizon, cif, t, max_t, max_censored) AS
    CASE WHEN max_t >= horizon OR max_censored IS NULL OR max_censored < max_t
         THEN coalesce(max_by(cif, t) FILTER (WHERE t <= horizon), 0) END;

CREATE OR REPLACE TEMP TABLE cell_cif AS
SELECT c.cell_id,
       cif_at(24, a.cif, a.t, c.max_t_end_h, c.max_censored_h)  AS cif_removed_24h,
       cif_at(48, a.cif, a.t, c.max_t_end_h, c.max_censored_h)  AS cif_removed_48h,
       cif_at(168, a.cif, a.t, c.max_t_end_h, c.max_censored_h) AS cif_removed_7d
FROM cell_counts AS c
LEFT JOIN aj_steps AS a USING (cell_id)
GROUP BY c.cell_id, c.max_t_end_h, c.max_censored_h;
