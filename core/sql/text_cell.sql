-- A text cell as a spreadsheet will read it: text that a spreadsheet would run as a formula
-- (it starts with = + - @ tab or carriage return, and is not simply a number) gets a leading
-- apostrophe, as OWASP recommends for CSV. The patterns come from core/cells.py.
CREATE OR REPLACE TEMP MACRO tada_text_cell(v) AS
    CASE WHEN regexp_matches(v, {risky}) AND NOT regexp_full_match(v, {number})
         THEN '''' || v
         ELSE v
    END;
