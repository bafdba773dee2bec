-- Items per platform category, and the share of each category's items that were removed.
SELECT coalesce(p.category, 'unregistered')                         AS category,
       count(*)                                                     AS items,
       count(*) / sum(count(*)) OVER ()                             AS share,
       count(*) FILTER (WHERE i.outcome = 'removed')                AS removed,
       count(*) FILTER (WHERE i.outcome = 'removed') / count(*)     AS removed_share
FROM items AS i
LEFT JOIN platforms AS p ON p.slug = i.platform_slug
GROUP BY ALL
ORDER BY items DESC, category;
