-- Quarters that have published figures.
SELECT DISTINCT period FROM metrics_by_period ORDER BY period;
