SELECT * FROM metrics_by_channel;
