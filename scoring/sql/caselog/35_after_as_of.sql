-- Events after the log's as-of time (variable as_of, UTC): the log claims to be extracted
-- before they happened. Run only on a log that passes every other rule.

CREATE OR REPLACE TEMP TABLE log_problems AS
SELECT line, position, col, value, 'after_as_of' AS rule, NULL::BIGINT AS first_line,
       NULL AS outcome_v
FROM (SELECT * FROM checked
      WHERE greatest(reported_utc, first_response_utc, removed_utc) > getvariable('as_of')),
LATERAL (VALUES (5, 'reported_at', reported_at, reported_utc),
                (6, 'first_response_at', first_response_at, first_response_utc),
                (7, 'removed_at', removed_at, removed_utc)) AS v(position, col, value, moment)
WHERE moment > getvariable('as_of');
