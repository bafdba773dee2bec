-- Metrics by reporting channel of the chosen platforms.
SELECT * FROM metrics_by_channel
WHERE group_type = 'platform' AND list_contains($slugs, group_key)
ORDER BY group_key, channel;
