-- Each platform's answer to each policy element (for the overview's badges).
SELECT slug, element, value FROM policy_elements ORDER BY slug, element;
