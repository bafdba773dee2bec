-- Primary suppression: counts of people below min_people and counts of items below min_items
-- (zero is shown unless hide_zero: it reveals nobody), and, by the contributor rule, the
-- items of a group that come from fewer than min_cases distinct cases ('contributors': one
-- victim's items are about one person), with everything computed on them.

CREATE OR REPLACE TEMP TABLE sup_state AS
SELECT cell_id, measure, value,
       CASE WHEN value < CASE measure WHEN 'cases' THEN getvariable('min_people')
                                      ELSE getvariable('min_items') END
                 AND (value > 0 OR getvariable('hide_zero'))
            THEN 'primary'
            WHEN few_cases AND value > 0 THEN 'contributors' END AS reason
FROM sup_cells;
