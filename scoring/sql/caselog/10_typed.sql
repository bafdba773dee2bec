-- Typed case-log rows, each cell checked against the rules of case-log.schema.json.
-- Expects `log_text` (line, one stripped text column per schema column, NULL when empty) and
-- the variables set by scoring/caselog/validate.py: required (list of required columns),
-- enum_<column> (allowed values), tz (the log's time zone), earliest_plausible (local time)
-- and latest_plausible (UTC). Each e_<column> is the rule the cell breaks, NULL when fine.

-- 'Web Form' and 'web-form' mean web_form.
CREATE OR REPLACE TEMP MACRO folded(v) AS replace(replace(lower(v), ' ', '_'), '-', '_');
CREATE OR REPLACE TEMP MACRO is_required(name) AS list_contains(getvariable('required'), name);

-- ISO 8601 date or date-time, with an optional UTC offset; the parts as text ('' if absent).
CREATE OR REPLACE TEMP MACRO iso_parts(v) AS regexp_extract(v,
    '^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$',
    ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z', 'sign', 'oh', 'om']);

-- The moment as written (no zone applied); NULL for an impossible date or time of day.
CREATE OR REPLACE TEMP MACRO iso_local(p) AS
    CASE WHEN p.y > '0000'
              AND (p.h = '' OR (p.h < '24' AND p.mi < '60' AND (p.s = '' OR p.s < '60')))
              AND (p.z IN ('', 'Z') OR (p.oh < '24' AND p.om < '60'))
         THEN try_cast(p.y || '-' || p.mo || '-' || p.d AS DATE)
              + to_microseconds(
                    (coalesce(nullif(p.h, ''), '0')::BIGINT * 3600
                     + coalesce(nullif(p.mi, ''), '0')::BIGINT * 60
                     + coalesce(nullif(p.s, ''), '0')::BIGINT) * 1000000
                    + coalesce(nullif(rpad(left(p.f, 6), 6, '0'), '000000'), '0')::BIGINT)
    END;

-- The plain forms most logs use (date, or date and time to the minute or second, no
-- fraction, no offset) skip the general parse: the same result, computed several times faster.
-- The length pins every field to its full width (strptime alone would take '2023-3-5').
-- One constant format per branch: strptime with a list of formats is many times slower.
CREATE OR REPLACE TEMP MACRO plain_local(v) AS
    CASE WHEN left(v, 4) <= '0000' THEN NULL
         WHEN length(v) = 16 AND substr(v, 11, 1) = ' ' THEN try_strptime(v, '%Y-%m-%d %H:%M')
         WHEN length(v) = 10 THEN try_strptime(v, '%Y-%m-%d')
         WHEN length(v) = 19 AND substr(v, 11, 1) = ' ' THEN try_strptime(v, '%Y-%m-%d %H:%M:%S')
         WHEN length(v) = 16 THEN try_strptime(v, '%Y-%m-%dT%H:%M')
         WHEN length(v) = 19 THEN try_strptime(v, '%Y-%m-%dT%H:%M:%S')
    END;

-- A moment written without an offset is in the log's time zone.
CREATE OR REPLACE TEMP MACRO zone_utc(local) AS
    (local AT TIME ZONE getvariable('tz')) AT TIME ZONE 'UTC';

-- The zone's shift (UTC minus local) for every local day of the plausible window whose shift
-- is the same at its first and last microsecond (no zone changes its offset twice in a day):
-- adding it is zone_utc() for any moment of that day, without a time zone lookup per cell.
-- Days with a change of offset are left out, and their moments converted one by one.
CREATE OR REPLACE TEMP TABLE zone_days AS
WITH days AS (
    SELECT day, zone_utc(day) - day AS shift,
           zone_utc(day + INTERVAL '86399999999 microseconds')
               - (day + INTERVAL '86399999999 microseconds') AS end_shift
    FROM generate_series(date_trunc('day', getvariable('earliest_plausible')::TIMESTAMP)
                             - INTERVAL 1 DAY,
                         getvariable('latest_plausible')::TIMESTAMP + INTERVAL 1 DAY,
                         INTERVAL 1 DAY) AS g(day)
)
SELECT day, shift FROM days WHERE shift = end_shift;

-- In UTC: a written offset wins, otherwise the log's time zone applies.
CREATE OR REPLACE TEMP MACRO iso_utc(p, local) AS
    CASE WHEN p.z = '' THEN zone_utc(local)
         WHEN p.z = 'Z' THEN local
         ELSE local - (CASE p.sign WHEN '-' THEN -1 ELSE 1 END)
                      * to_minutes(p.oh::BIGINT * 60 + p.om::BIGINT)
    END;

CREATE OR REPLACE TEMP MACRO time_rule(v, local, utc, name) AS
    CASE WHEN v IS NULL THEN CASE WHEN is_required(name) THEN 'required' END
         WHEN utc IS NULL THEN 'time_format'
         WHEN local < getvariable('earliest_plausible') THEN 'too_early'
         WHEN utc > getvariable('latest_plausible') THEN 'too_late'
    END;

CREATE OR REPLACE TEMP MACRO text_rule(v, name) AS
    CASE WHEN v IS NULL AND is_required(name) THEN 'required'
         WHEN length(v) > getvariable('max_cell') THEN 'too_long' END;

CREATE OR REPLACE TEMP MACRO enum_rule(v, allowed, name) AS
    CASE WHEN v IS NULL THEN CASE WHEN is_required(name) THEN 'required' END
         WHEN NOT list_contains(allowed, folded(v)) THEN 'enum' END;

-- A view: the cells are typed once, while 30_checks.sql builds `checked`.
CREATE OR REPLACE TEMP VIEW typed AS
WITH plain AS (
    SELECT *, plain_local(reported_at) AS rep_p, plain_local(first_response_at) AS fr_p,
           plain_local(removed_at) AS rem_p,
           regexp_matches(follow_ups, '^[+-]?[0-9]+$') AS fu_digits
    FROM log_text
),
parts AS (
    -- parts only of the values not in a plain form (NULL for the plain ones)
    SELECT *, CASE WHEN rep_p IS NULL THEN iso_parts(reported_at) END AS rp,
           CASE WHEN fr_p IS NULL THEN iso_parts(first_response_at) END AS fp,
           CASE WHEN rem_p IS NULL THEN iso_parts(removed_at) END AS dp
    FROM plain
),
local AS (
    SELECT *,
           CASE WHEN rp IS NULL THEN rep_p ELSE iso_local(rp) END AS rep_l,
           CASE WHEN fp IS NULL THEN fr_p ELSE iso_local(fp) END AS fr_l,
           CASE WHEN dp IS NULL THEN rem_p ELSE iso_local(dp) END AS rem_l
    FROM parts
),
utc AS (
    SELECT l.*,
           CASE WHEN rp IS NULL THEN CASE WHEN zr.shift IS NULL THEN zone_utc(rep_l) ELSE rep_l + zr.shift END
                ELSE iso_utc(rp, rep_l) END AS reported_utc,
           CASE WHEN fp IS NULL THEN CASE WHEN zf.shift IS NULL THEN zone_utc(fr_l) ELSE fr_l + zf.shift END
                ELSE iso_utc(fp, fr_l) END AS first_response_utc,
           CASE WHEN dp IS NULL THEN CASE WHEN zd.shift IS NULL THEN zone_utc(rem_l) ELSE rem_l + zd.shift END
                ELSE iso_utc(dp, rem_l) END AS removed_utc,
           CASE WHEN fu_digits THEN try_cast(follow_ups AS INTEGER) END AS follow_ups_n
    FROM local AS l
    LEFT JOIN zone_days AS zr ON zr.day = date_trunc('day', l.rep_l)
    LEFT JOIN zone_days AS zf ON zf.day = date_trunc('day', l.fr_l)
    LEFT JOIN zone_days AS zd ON zd.day = date_trunc('day', l.rem_l)
)
SELECT line, case_ref, item_ref, platform, content_url, reported_at, first_response_at,
       removed_at, outcome, channel, follow_ups, victim_gender, perpetrator_relation,
       reported_utc, first_response_utc, removed_utc,
       folded(outcome) AS outcome_v, folded(channel) AS channel_v,
       folded(victim_gender) AS victim_gender_v,
       folded(perpetrator_relation) AS perpetrator_relation_v,
       coalesce(follow_ups_n, 0) AS follow_ups_v,
       text_rule(case_ref, 'case_ref') AS e_case_ref,
       text_rule(item_ref, 'item_ref') AS e_item_ref,
       text_rule(platform, 'platform') AS e_platform,
       text_rule(content_url, 'content_url') AS e_content_url,
       time_rule(reported_at, rep_l, reported_utc, 'reported_at') AS e_reported_at,
       time_rule(first_response_at, fr_l, first_response_utc, 'first_response_at')
           AS e_first_response_at,
       time_rule(removed_at, rem_l, removed_utc, 'removed_at') AS e_removed_at,
       enum_rule(outcome, getvariable('enum_outcome'), 'outcome') AS e_outcome,
       enum_rule(channel, getvariable('enum_channel'), 'channel') AS e_channel,
       CASE WHEN follow_ups IS NULL THEN CASE WHEN is_required('follow_ups') THEN 'required' END
            WHEN NOT fu_digits OR follow_ups_n < 0 THEN 'count'
            WHEN follow_ups_n IS NULL OR follow_ups_n > getvariable('max_count') THEN 'count_large'
       END AS e_follow_ups,
       enum_rule(victim_gender, getvariable('enum_victim_gender'), 'victim_gender')
           AS e_victim_gender,
       enum_rule(perpetrator_relation, getvariable('enum_perpetrator_relation'),
                 'perpetrator_relation') AS e_perpetrator_relation
FROM utc;
