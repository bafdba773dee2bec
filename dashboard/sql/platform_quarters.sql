-- The NGO's figures for one platform, by quarter (to set beside the DSA figures).
SELECT period, items, removed, removal_rate, median_first_response_hours
FROM metrics_by_period
WHERE group_type = 'platform' AND group_key = $slug
ORDER BY period;
