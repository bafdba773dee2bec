-- One group's cumulative incidence of removal, thinned to the last step in each time bucket
-- of $width hours up to $horizon (one more bucket holds everything later, so the curve's end
-- is known). A hash aggregate: the page's cost does not grow with the curve's length.
SELECT least(ceil(t_hours / $width), $buckets + 1) AS bucket,
       max(t_hours)                    AS t_hours,
       arg_max(cif, t_hours)           AS cif,
       arg_max(ci_low, t_hours)        AS ci_low,
       arg_max(ci_high, t_hours)       AS ci_high
FROM cif_curve
WHERE group_type = $group_type AND group_key = $group_key AND cif IS NOT NULL
GROUP BY ALL
ORDER BY bucket;
