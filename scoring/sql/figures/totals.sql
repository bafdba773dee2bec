-- Headline figures of the service report: cases, items, share removed, reporting period.
-- Times are stored in UTC; the period's dates are given in Hong Kong time, as staff log them.
SELECT count(DISTINCT case_key)                        AS cases,
       count(*)                                        AS items,
       count(*) FILTER (WHERE outcome = 'removed')     AS removed,
       count(*) FILTER (WHERE outcome = 'removed') / count(*) AS removed_share,
       min((reported_at AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Hong_Kong') AS first_reported,
       max((reported_at AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Hong_Kong') AS last_reported
FROM items;
