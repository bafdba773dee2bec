-- The cells of `raw_log` without the surrounding spaces Python's str.strip() removes
-- (variable spaces), NULL when nothing is left. trim() with a set of characters is slow, so
-- it runs only on the few cells that start or end with one of them. (No nullif() around the
-- whole: it would compute its argument twice.)
CREATE OR REPLACE TEMP MACRO stripped(v) AS
    CASE WHEN v = '' THEN NULL
         WHEN contains(getvariable('spaces'), left(v, 1))
              OR contains(getvariable('spaces'), right(v, 1))
             THEN nullif(trim(v, getvariable('spaces')), '')
         ELSE v END;
