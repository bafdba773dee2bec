-- Which NULL cells are NULL because the suppression rules hid them.
SELECT * FROM suppressed_cells ORDER BY table_name, row_key, column_name;
