-- Staging: one row per case-log item, with the times the statistics need, in hours.
-- Time origin is reported_at. Competing-risks coding for time to removal:
--   ev = 1 removal (at removed_at), ev = 2 refusal (at first_response_at, the refusal's time),
--   ev = 0 censored at the extract's as_of (pending, no_response).
-- Time to first response: the effective first response is the earlier of first_response_at
-- and removed_at (a removal is a response); items without one are censored at as_of.
-- Calendar quarters are cut in the methodology's time zone (variable period_tz).
-- fine_id numbers the finest grouping (platform, category, quarter, channel); every group the
-- statistics are computed for is a union of these (see 12_stg_cells.sql).

CREATE OR REPLACE TEMP TABLE stg_base AS
WITH base AS (
    SELECT i.platform_slug,
           hash(i.case_key)                                           AS case_h,
           coalesce(p.category, 'unregistered')                       AS category,
           i.channel,
           i.outcome,
           i.import_id,
           i.reported_at,
           i.as_of,
           CASE i.outcome WHEN 'removed' THEN i.removed_at
                          WHEN 'refused' THEN i.first_response_at
                          ELSE i.as_of END                             AS end_at,
           least(i.first_response_at, i.removed_at)                    AS response_at
    FROM items AS i
    LEFT JOIN platforms AS p ON p.slug = i.platform_slug
)
SELECT platform_slug, case_h, category, channel, outcome, import_id, reported_at, as_of,
       end_at, response_at,
       (CASE outcome WHEN 'removed' THEN 1 WHEN 'refused' THEN 2 ELSE 0 END)::TINYINT AS ev,
       (epoch_us(end_at) - epoch_us(reported_at)) / 3600000000.0            AS t_end_h,
       response_at IS NOT NULL                                              AS responded,
       (epoch_us(coalesce(response_at, as_of)) - epoch_us(reported_at)) / 3600000000.0
                                                                            AS t_resp_h,
       (epoch_us(as_of) - epoch_us(reported_at)) / 3600000000.0             AS followup_h,
       strftime((reported_at AT TIME ZONE 'UTC') AT TIME ZONE getvariable('period_tz'),
                '%Y') || '-Q' ||
       quarter((reported_at AT TIME ZONE 'UTC') AT TIME ZONE getvariable('period_tz'))
                                                                            AS period
FROM base;

CREATE OR REPLACE TEMP TABLE fine_keys AS
SELECT row_number() OVER (ORDER BY platform_slug, category, period, channel)::INTEGER AS fine_id,
       platform_slug, category, period, channel
FROM (SELECT DISTINCT platform_slug, category, period, channel FROM stg_base);

CREATE OR REPLACE TEMP TABLE stg_items AS
SELECT s.*, f.fine_id
FROM stg_base AS s
JOIN fine_keys AS f
  ON f.platform_slug IS NOT DISTINCT FROM s.platform_slug AND f.category = s.category
 AND f.period = s.period AND f.channel = s.channel;

DROP TABLE stg_base;
