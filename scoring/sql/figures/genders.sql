-- Victims (cases) by gender.
SELECT victim_gender AS gender, count(*) AS cases, count(*) / sum(count(*)) OVER () AS share
FROM cases
WHERE case_key IN (SELECT case_key FROM items)
GROUP BY ALL
ORDER BY cases DESC, gender;
