-- Primary suppression: counts of people below min_people and counts of items below min_items
-- (zero is shown unless hide_zero: it reveals nobody).

CREATE OR REPLACE TEMP TABLE sup_state AS
SELECT cell_id, measure, value,
       CASE WHEN value < CASE measure WHEN 'cases' THEN getvariable('min_people')
                                      ELSE getvariable('min_items') END
                 AND (value > 0 OR getvariable('hide_zero'))
            THEN 'primary' END AS reason
FROM sup_cells;
