-- Groups with figures by quarter, platform names joined for the selector.
SELECT DISTINCT m.group_type, m.group_key, p.name_en, p.name_zh
FROM metrics_by_period AS m
LEFT JOIN platforms AS p ON m.group_type = 'platform' AND p.slug = m.group_key
ORDER BY m.group_type, m.group_key;
