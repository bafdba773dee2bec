-- Kaplan-Meier estimate of time to first response, per group.
-- At each distinct time t: d responses, m items leaving (responses and censorings), n at risk
-- = items whose time is >= t (so items censored at t are still at risk at t, and all events at
-- the same time are processed together).
--   S(t)  = prod_{t_i <= t} (1 - d_i / n_i)
--   V(t)  = sum_{t_i <= t} d_i / (n_i (n_i - d_i))          (Greenwood; 0 where d_i = n_i)
-- Pointwise 95% band on the log(-log) scale (exponential Greenwood):
--   exp(-exp(log(-log S) -/+ z sqrt(V) / log S))
-- The median is the first time S <= 0.5; its interval is the first times the lower and the
-- upper band reach 0.5 (the band inversion of Brookmeyer and Crowley on the log-log scale).
-- A median or bound that is never reached is NULL. Only the platforms' and categories'
-- whole-period medians are published with an interval, so only they get the band. A tolerance
-- of 1e-12 keeps a step that lands exactly on 0.5 from being missed through rounding.

-- A censoring counts only in the risk sets of the event times at or before it, so it is
-- moved to the latest event time (of any group) at or before it, and dropped before the
-- first: every n at an event time is unchanged, with a few rows per event time instead of
-- one per distinct censoring time.

CREATE OR REPLACE TEMP TABLE km_steps AS
WITH fine AS (
    SELECT fine_id, t_resp_h AS t, count(*) FILTER (WHERE responded) AS d, count(*) AS m
    FROM stg_items
    GROUP BY ALL
),
event_times AS (
    SELECT DISTINCT t FROM fine WHERE d > 0
),
pooled AS (
    SELECT f.fine_id, e.t, sum(f.d) AS d, sum(f.m) AS m
    FROM fine AS f
    ASOF JOIN event_times AS e ON f.t >= e.t
    GROUP BY ALL
),
ev AS (
    -- counts as DOUBLE (exact below 2^53): sums of BIGINT are HUGEINT, slow in windows
    SELECT m.cell_id, any_value(m.whole_curve) AS whole_curve, f.t,
           sum(f.d)::DOUBLE AS d, sum(f.m)::DOUBLE AS m
    FROM pooled AS f
    JOIN cell_map AS m USING (fine_id)
    GROUP BY m.cell_id, 3
),
risk AS (
    SELECT *, sum(m) OVER (PARTITION BY cell_id ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS n
    FROM ev
)
SELECT cell_id, whole_curve, t, d, n,
       product(1 - d / n) OVER (PARTITION BY cell_id ORDER BY t ROWS UNBOUNDED PRECEDING) AS s
FROM risk
WHERE d > 0;

-- Censoring-only times add nothing to V, so the event times suffice.
CREATE OR REPLACE TEMP TABLE km_band AS
WITH v AS (
    SELECT *, sum(CASE WHEN n > d THEN d / (n * (n - d)) ELSE 0 END) OVER (
                  PARTITION BY cell_id ORDER BY t ROWS UNBOUNDED PRECEDING) AS v
    FROM km_steps
    WHERE whole_curve
)
SELECT cell_id, t, s, v,
       CASE WHEN s >= 1 THEN 1.0
            ELSE exp(-exp(ln(-ln(s)) - getvariable('z') * sqrt(v) / ln(s))) END AS s_low,
       CASE WHEN s >= 1 THEN 1.0
            ELSE exp(-exp(ln(-ln(s)) + getvariable('z') * sqrt(v) / ln(s))) END AS s_high
FROM v;

CREATE OR REPLACE TEMP TABLE cell_km AS
WITH median AS (
    SELECT cell_id, min(t) FILTER (WHERE s <= 0.5 + 1e-12) AS median_first_response_hours
    FROM km_steps
    GROUP BY cell_id
),
band AS (
    SELECT cell_id,
           min(t) FILTER (WHERE s_low <= 0.5 + 1e-12)  AS median_first_response_ci_low,
           min(t) FILTER (WHERE s_high <= 0.5 + 1e-12) AS median_first_response_ci_high
    FROM km_band
    GROUP BY cell_id
)
SELECT * FROM median LEFT JOIN band USING (cell_id);
