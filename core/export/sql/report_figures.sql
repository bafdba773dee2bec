SELECT * FROM report_figures;
