-- Removal rate with the Wilson score interval (closed form), z from the confidence level:
--   centre = (p + z^2/2n) / (1 + z^2/n)
--   half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2)

CREATE OR REPLACE TEMP TABLE cell_wilson AS
WITH w AS (
    SELECT cell_id, group_type, group_key, dim_type, dim_key, items, removed,
           removed / items                 AS p,
           getvariable('z')::DOUBLE        AS z
    FROM cell_counts
    WHERE items > 0
)
SELECT cell_id, group_type, group_key, dim_type, dim_key, p AS removal_rate,
       greatest(0.0, (p + z * z / (2 * items)) / (1 + z * z / items)
           - z / (1 + z * z / items) * sqrt(p * (1 - p) / items + z * z / (4 * items * items)))
           AS removal_ci_low,
       least(1.0, (p + z * z / (2 * items)) / (1 + z * z / items)
           + z / (1 + z * z / items) * sqrt(p * (1 - p) / items + z * z / (4 * items * items)))
           AS removal_ci_high
FROM w;
