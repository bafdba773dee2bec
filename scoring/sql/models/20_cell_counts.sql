-- Counts per group: items, removals, refusals, and the base and numerator of the share of
-- items with no response after 30 days. That base holds only the items followed for at least
-- 30 days (as_of at least 30 days after the report), answered or not, so that recent items,
-- whose outcome at 30 days is not yet known, cannot bias the share either way.

CREATE OR REPLACE TEMP TABLE cell_counts AS
WITH fine AS (
    SELECT fine_id,
           count(*)                                                     AS items,
           count(*) FILTER (WHERE ev = 1)                               AS removed,
           count(*) FILTER (WHERE ev = 2)                               AS refused,
           count(*) FILTER (WHERE followup_h >= 720)                    AS followed_30d,
           count(*) FILTER (WHERE followup_h >= 720
                            AND NOT (responded AND t_resp_h <= 720))    AS no_response_30d,
           max(t_end_h)                                                 AS max_t_end_h,
           max(t_end_h) FILTER (WHERE ev = 0)                           AS max_censored_h
    FROM stg_items
    GROUP BY fine_id
)
SELECT c.cell_id, c.group_type, c.group_key, c.dim_type, c.dim_key,
       sum(f.items)::BIGINT AS items, sum(f.removed)::BIGINT AS removed,
       sum(f.refused)::BIGINT AS refused, sum(f.followed_30d)::BIGINT AS followed_30d,
       sum(f.no_response_30d)::BIGINT AS no_response_30d,
       max(f.max_t_end_h) AS max_t_end_h, max(f.max_censored_h) AS max_censored_h
FROM fine AS f
JOIN cell_map AS m USING (fine_id)
JOIN cells AS c USING (cell_id)
GROUP BY ALL;
