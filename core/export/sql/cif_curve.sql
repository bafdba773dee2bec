SELECT * FROM cif_curve;
