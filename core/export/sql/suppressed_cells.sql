SELECT * FROM suppressed_cells;
