-- Headline figures of the service report: cases, items, share removed, reporting period.
SELECT count(DISTINCT case_key)                        AS cases,
       count(*)                                        AS items,
       count(*) FILTER (WHERE outcome = 'removed')     AS removed,
       count(*) FILTER (WHERE outcome = 'removed') / count(*) AS removed_share,
       min(reported_at)                                AS first_reported,
       max(reported_at)                                AS last_reported
FROM items;
