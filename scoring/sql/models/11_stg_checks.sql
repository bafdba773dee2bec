-- Items the statistics cannot use: an event before the report or after the extract's as-of
-- date (censoring time), or an outcome without its time. Ingestion already rejects these;
-- a warehouse edited by hand or merged from inconsistent extracts is caught here.

CREATE OR REPLACE TEMP TABLE stg_problems AS
SELECT c.source_name, s.problem, count(*) AS items
FROM (
    SELECT import_id,
           CASE
               WHEN outcome = 'removed' AND end_at IS NULL THEN 'removed_without_time'
               WHEN outcome = 'refused' AND end_at IS NULL THEN 'refused_without_time'
               WHEN end_at > as_of OR response_at > as_of THEN 'event_after_as_of'
               WHEN end_at < reported_at OR response_at < reported_at THEN 'event_before_report'
           END AS problem
    FROM item_times
) AS s
LEFT JOIN case_log_imports AS c USING (import_id)
WHERE s.problem IS NOT NULL
GROUP BY ALL
ORDER BY ALL;
