-- Staging: one row per case-log item, with the times the statistics need, in hours.
-- Time origin is reported_at. Competing-risks coding for time to removal:
--   ev = 1 removal (at removed_at), ev = 2 refusal (at first_response_at, the refusal's time),
--   ev = 0 censored at the extract's as_of (pending, no_response).
-- Time to first response: the effective first response is the earlier of first_response_at
-- and removed_at (a removal is a response); items without one are censored at as_of.
-- Calendar quarters are cut in the methodology's time zone (variable period_tz).
-- fine_id numbers the finest grouping (platform, category, quarter, channel); every group the
-- statistics are computed for is a union of these (see 12_stg_cells.sql). stg_items keeps
-- only what the statistics read: the checks (11) read item_times, the run facts read items.

CREATE OR REPLACE TEMP VIEW item_times AS
SELECT *,
       CASE outcome WHEN 'removed' THEN removed_at
                    WHEN 'refused' THEN first_response_at
                    ELSE as_of END                      AS end_at,
       least(first_response_at, removed_at)             AS response_at
FROM items;

CREATE OR REPLACE TEMP MACRO local_quarter(utc) AS
    strftime((utc AT TIME ZONE 'UTC') AT TIME ZONE getvariable('period_tz'), '%Y') || '-Q' ||
    quarter((utc AT TIME ZONE 'UTC') AT TIME ZONE getvariable('period_tz'));

-- The quarter of every UTC hour in which items were reported, when the whole hour lies in one
-- quarter at one offset from UTC (its first and last microsecond agree on both): a time zone
-- lookup per hour instead of per item. Hours that cross a quarter's start (zones with a
-- half-hour offset) or a change of offset are left NULL, and report_moments has the quarter
-- of each moment in them.
CREATE OR REPLACE TEMP TABLE report_hours AS
WITH hours AS (
    SELECT hour, hour + INTERVAL '3599999999 microseconds' AS last
    FROM (SELECT DISTINCT date_trunc('hour', reported_at) AS hour FROM items)
)
SELECT hour,
       CASE WHEN local_quarter(hour) = local_quarter(last)
                 AND timezone(getvariable('period_tz'), timezone('UTC', hour)) - hour
                     = timezone(getvariable('period_tz'), timezone('UTC', last)) - last
            THEN local_quarter(hour) END AS period
FROM hours;

CREATE OR REPLACE TEMP TABLE report_moments AS
SELECT reported_at, local_quarter(reported_at) AS period
FROM (SELECT DISTINCT reported_at FROM items
      WHERE date_trunc('hour', reported_at) IN (SELECT hour FROM report_hours
                                                WHERE period IS NULL));

CREATE OR REPLACE TEMP VIEW item_keys AS
SELECT i.*, coalesce(h.period, m.period) AS period
FROM item_times AS i
JOIN report_hours AS h ON h.hour = date_trunc('hour', i.reported_at)
LEFT JOIN report_moments AS m ON m.reported_at = i.reported_at;

-- The category follows from the platform: looked up per key, not per item.
CREATE OR REPLACE TEMP TABLE fine_keys AS
SELECT row_number() OVER (ORDER BY platform_slug, category, period, channel)::INTEGER AS fine_id,
       platform_slug, category, period, channel
FROM (
    SELECT k.platform_slug, coalesce(p.category, 'unregistered') AS category, k.period,
           k.channel
    FROM (SELECT DISTINCT platform_slug, period, channel FROM item_keys) AS k
    LEFT JOIN platforms AS p ON p.slug = k.platform_slug
);

CREATE OR REPLACE TEMP TABLE stg_items AS
SELECT f.fine_id,
       hash(i.case_key)                                                     AS case_h,
       (CASE i.outcome WHEN 'removed' THEN 1 WHEN 'refused' THEN 2 ELSE 0 END)::TINYINT AS ev,
       (epoch_us(i.end_at) - epoch_us(i.reported_at)) / 3600000000.0        AS t_end_h,
       i.response_at IS NOT NULL                                            AS responded,
       (epoch_us(coalesce(i.response_at, i.as_of)) - epoch_us(i.reported_at)) / 3600000000.0
                                                                            AS t_resp_h,
       (epoch_us(i.as_of) - epoch_us(i.reported_at)) / 3600000000.0         AS followup_h
FROM item_keys AS i
JOIN fine_keys AS f
  ON f.platform_slug IS NOT DISTINCT FROM i.platform_slug AND f.period = i.period
 AND f.channel = i.channel;
