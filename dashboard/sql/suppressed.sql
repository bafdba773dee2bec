-- Cells hidden by the suppression rules of one published table.
SELECT row_key, column_name, reason FROM suppressed_cells WHERE table_name = $table_name;
