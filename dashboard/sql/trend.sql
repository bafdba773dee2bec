-- One group's figures by quarter.
SELECT group_type, group_key, period, items, removed, removal_rate, removal_ci_low,
       removal_ci_high, cif_removed_48h, median_first_response_hours
FROM metrics_by_period
WHERE group_type = $group_type AND group_key = $group_key
ORDER BY period;
