SELECT * FROM metrics_by_period;
