-- Cumulative incidence of removal for the chosen platforms and their categories.
SELECT * FROM cif_curve
WHERE (group_type = 'platform' AND list_contains($slugs, group_key))
   OR (group_type = 'category' AND list_contains($categories, group_key))
ORDER BY group_type, group_key, t_hours;
