-- The service report's figures; platform names joined for the most-reported platforms.
SELECT f.figure, f.group_key, f.count, f.share, p.name_en, p.name_zh
FROM report_figures AS f
LEFT JOIN platforms AS p ON f.figure = 'top_social_media' AND p.slug = f.group_key
ORDER BY f.figure, f.count DESC NULLS LAST, f.group_key;
