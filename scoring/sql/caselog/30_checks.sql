-- Rules across cells and rows, then one row per problem. Cross-cell rules apply only to rows
-- whose cells are each valid; duplicate items and disagreeing case profiles only to rows
-- that pass every other rule (a duplicate is not compared again). `position` orders the
-- problems of one row as people read it: cells in column order, then the platform, then
-- rules across cells, then rules across rows.

-- The one row-by-row table: typed, resolved and checked rows. The rules broken by single
-- cells are kept as one list, NULL on the (many) rows that break none. Expects the variable
-- as_of_given (the --as-of moment in UTC, NULL when the log's own date is used).
CREATE OR REPLACE TEMP TABLE checked AS
WITH base AS (
    SELECT * EXCLUDE (e_case_ref, e_item_ref, e_platform, e_content_url, e_reported_at,
                      e_first_response_at, e_removed_at, e_outcome, e_channel, e_follow_ups,
                      e_victim_gender, e_perpetrator_relation, e_platform_url),
           coalesce(e_case_ref, e_item_ref, e_platform, e_content_url, e_reported_at,
                    e_first_response_at, e_removed_at, e_outcome, e_channel, e_follow_ups,
                    e_victim_gender, e_perpetrator_relation, e_platform_url) IS NULL AS cells_ok,
           [e_case_ref, e_item_ref, e_platform, e_content_url, e_reported_at,
            e_first_response_at, e_removed_at, e_outcome, e_channel, e_follow_ups,
            e_victim_gender, e_perpetrator_relation, e_platform_url] AS cell_rules
    FROM resolved
),
flagged AS (
    -- times as typed: for cell and cross-cell problems, and events after a given as-of
    SELECT *, NOT cells_ok
              OR outcome_v <> 'removed' AND removed_at IS NOT NULL
              OR outcome_v = 'no_response' AND first_response_at IS NOT NULL
              OR first_response_utc < reported_utc OR removed_utc < reported_utc
              OR greatest(reported_utc, first_response_utc, removed_utc)
                 > getvariable('as_of_given') AS show_times
    FROM base
)
-- The cells as typed are kept only where a problem may have to show them: that keeps
-- `checked` small enough to stay in memory.
SELECT * REPLACE (
           CASE WHEN NOT cells_ok THEN cell_rules END AS cell_rules,
           CASE WHEN NOT cells_ok THEN platform END AS platform,
           CASE WHEN NOT cells_ok THEN content_url END AS content_url,
           CASE WHEN NOT cells_ok THEN outcome END AS outcome,
           CASE WHEN NOT cells_ok THEN channel END AS channel,
           CASE WHEN NOT cells_ok THEN follow_ups END AS follow_ups,
           CASE WHEN NOT cells_ok THEN victim_gender END AS victim_gender,
           CASE WHEN NOT cells_ok THEN perpetrator_relation END AS perpetrator_relation,
           CASE WHEN show_times THEN reported_at END AS reported_at,
           CASE WHEN show_times THEN first_response_at END AS first_response_at,
           CASE WHEN show_times THEN removed_at END AS removed_at),
       CASE WHEN NOT cells_ok THEN NULL
            WHEN outcome_v = 'removed' AND removed_at IS NULL THEN 'removed_needs_time'
            WHEN outcome_v <> 'removed' AND removed_at IS NOT NULL
                THEN 'removed_time_but_not_removed'
       END AS x_removed,
       CASE WHEN NOT cells_ok THEN NULL
            WHEN outcome_v = 'refused' AND first_response_at IS NULL THEN 'refused_needs_time'
            WHEN outcome_v = 'no_response' AND first_response_at IS NOT NULL
                THEN 'no_response_has_time'
       END AS x_first_response,
       cells_ok AND first_response_utc < reported_utc AS x_first_before,
       cells_ok AND removed_utc < reported_utc AS x_removed_before
FROM flagged;

-- Most logs have neither repeated items nor disagreeing case profiles: a GROUP BY (hashing)
-- finds the few such groups, and the window functions (sorting) run on their rows only.
CREATE OR REPLACE TEMP TABLE row_checks AS
WITH clean AS (
    SELECT line, case_ref, item_ref, victim_gender_v, perpetrator_relation_v
    FROM checked
    WHERE cells_ok AND x_removed IS NULL AND x_first_response IS NULL
      AND NOT x_first_before AND NOT x_removed_before
),
repeated AS (
    SELECT c.line, c.item_ref, min(c.line) OVER (PARTITION BY c.case_ref, c.item_ref)
               AS first_item_line
    FROM clean AS c
    SEMI JOIN (SELECT case_ref, item_ref FROM clean GROUP BY ALL HAVING count(*) > 1) AS r
        ON c.case_ref = r.case_ref AND c.item_ref = r.item_ref
),
firsts AS (
    -- every item's first row: a later copy is a duplicate, not compared again
    SELECT * FROM clean
    ANTI JOIN (SELECT line FROM repeated WHERE line <> first_item_line) AS later USING (line)
),
profiles AS (
    SELECT f.*, arg_min(f.victim_gender_v, f.line) OVER w AS first_gender,
           arg_min(f.perpetrator_relation_v, f.line) OVER w AS first_relation,
           min(f.line) OVER w AS first_case_line
    FROM firsts AS f
    SEMI JOIN (SELECT case_ref FROM firsts GROUP BY case_ref
               HAVING count(DISTINCT victim_gender_v) > 1
                   OR count(DISTINCT perpetrator_relation_v) > 1) AS d
        ON f.case_ref = d.case_ref
    WINDOW w AS (PARTITION BY f.case_ref)
)
SELECT line, 'item_ref' AS col, item_ref AS value, 'duplicate' AS rule,
       first_item_line AS first_line
FROM repeated
WHERE line <> first_item_line
UNION ALL
SELECT line,
       CASE WHEN victim_gender_v <> first_gender THEN 'victim_gender'
            ELSE 'perpetrator_relation' END,
       CASE WHEN victim_gender_v <> first_gender THEN victim_gender_v
            ELSE perpetrator_relation_v END,
       'case_disagrees', first_case_line
FROM profiles
WHERE victim_gender_v <> first_gender OR perpetrator_relation_v <> first_relation;

CREATE OR REPLACE TEMP TABLE log_problems AS
WITH cells AS (
    SELECT line, position, col, value, rule, NULL::BIGINT AS first_line, outcome_v
    FROM (SELECT * FROM checked WHERE NOT cells_ok) AS c,
    LATERAL (VALUES
        (1, 'case_ref', case_ref, cell_rules[1]), (2, 'item_ref', item_ref, cell_rules[2]),
        (3, 'platform', platform, cell_rules[3]),
        (4, 'content_url', content_url, cell_rules[4]),
        (5, 'reported_at', reported_at, cell_rules[5]),
        (6, 'first_response_at', first_response_at, cell_rules[6]),
        (7, 'removed_at', removed_at, cell_rules[7]), (8, 'outcome', outcome, cell_rules[8]),
        (9, 'channel', channel, cell_rules[9]), (10, 'follow_ups', follow_ups, cell_rules[10]),
        (11, 'victim_gender', victim_gender, cell_rules[11]),
        (12, 'perpetrator_relation', perpetrator_relation, cell_rules[12]),
        (20, CASE cell_rules[13] WHEN 'url' THEN 'content_url' ELSE 'platform' END,
         content_url, cell_rules[13])
    ) AS v(position, col, value, rule)
    WHERE rule IS NOT NULL
),
cross_cells AS (
    SELECT line, position, col, value, rule, NULL::BIGINT, outcome_v
    FROM (SELECT * FROM checked
          WHERE x_removed IS NOT NULL OR x_first_response IS NOT NULL OR x_first_before
             OR x_removed_before) AS c,
    LATERAL (VALUES
        (30, 'removed_at', removed_at, x_removed),
        (31, 'first_response_at', first_response_at, x_first_response),
        (32, 'first_response_at', first_response_at,
         CASE WHEN x_first_before THEN 'before_report' END),
        (33, 'removed_at', removed_at, CASE WHEN x_removed_before THEN 'before_report' END)
    ) AS v(position, col, value, rule)
    WHERE rule IS NOT NULL
)
SELECT * FROM cells
UNION ALL
SELECT * FROM cross_cells
UNION ALL
SELECT line, 40, col, value, rule, first_line, NULL FROM row_checks;
