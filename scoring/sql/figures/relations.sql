-- Cases by the perpetrator's relation to the victim.
SELECT perpetrator_relation AS relation, count(*) AS cases,
       count(*) / sum(count(*)) OVER () AS share
FROM cases
WHERE case_key IN (SELECT case_key FROM items)
GROUP BY ALL
ORDER BY cases DESC, relation;
