-- The most reported social-media platforms.
SELECT p.slug, p.name_en, p.name_zh, count(*) AS items,
       count(*) FILTER (WHERE i.outcome = 'removed') / count(*) AS removed_share
FROM items AS i
JOIN platforms AS p ON p.slug = i.platform_slug
WHERE p.category = 'social_media'
GROUP BY ALL
ORDER BY items DESC, p.slug;
