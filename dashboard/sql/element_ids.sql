SELECT DISTINCT element FROM policy_elements ORDER BY element;
