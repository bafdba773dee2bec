-- RESTRICTED packs only: exact, unsuppressed counts per platform from the private warehouse.
-- Aggregates only: no item key, case key, host or digest leaves this query.
SELECT
    platform_slug                                   AS slug,
    count(DISTINCT case_key)                        AS cases,
    count(*)                                        AS items,
    count(*) FILTER (WHERE outcome = 'removed')     AS removed,
    count(*) FILTER (WHERE outcome = 'refused')     AS refused,
    count(*) FILTER (WHERE outcome = 'no_response') AS no_response,
    count(*) FILTER (WHERE outcome = 'pending')     AS pending
FROM items
WHERE list_contains($slugs, platform_slug)
GROUP BY platform_slug
ORDER BY platform_slug;
