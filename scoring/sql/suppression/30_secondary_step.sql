-- One round of secondary suppression; run until it hides nothing more.
-- 1. Removals on a hidden base of items are hidden with it.
UPDATE sup_state SET reason = 'secondary'
WHERE reason IS NULL AND measure = 'removed'
  AND 'items' || substr(cell_id, length('removed') + 1) IN (
      SELECT cell_id FROM sup_state WHERE measure = 'items' AND reason IS NOT NULL);

-- 2. In each additive group with exactly one hidden cell, hide the smallest other non-zero
--    member too (or, failing one, the group's total), so that no subtraction recovers it.
UPDATE sup_state SET reason = 'secondary'
WHERE cell_id IN (
    SELECT cell_id
    FROM (
        SELECT m.group_id, s.cell_id,
               row_number() OVER (PARTITION BY m.group_id
                                  ORDER BY m.is_total, s.value, s.cell_id) AS rn
        FROM sup_members AS m
        JOIN sup_state AS s USING (cell_id)
        WHERE s.reason IS NULL AND (s.value > 0 OR m.is_total)
          AND m.group_id IN (
              SELECT m2.group_id
              FROM sup_members AS m2
              JOIN sup_state AS s2 USING (cell_id)
              GROUP BY m2.group_id
              HAVING count(*) FILTER (WHERE s2.reason IS NOT NULL) = 1)
    )
    WHERE rn = 1
);
