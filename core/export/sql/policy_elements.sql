SELECT * FROM policy_elements;
