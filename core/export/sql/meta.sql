SELECT * FROM meta;
