-- Counts of people (victims, one per case) for the report's figures: all cases with at least
-- one item, and cases by victim gender and by the perpetrator's relation to the victim.

CREATE OR REPLACE TEMP TABLE people_counts AS
WITH c AS (
    SELECT victim_gender, perpetrator_relation
    FROM cases
    WHERE case_key IN (SELECT case_key FROM items)
)
SELECT 'all' AS breakdown, 'all' AS group_key, count(*) AS cases FROM c
UNION ALL
SELECT 'gender', victim_gender, count(*) FROM c GROUP BY ALL
UNION ALL
SELECT 'relation', perpetrator_relation, count(*) FROM c GROUP BY ALL;
