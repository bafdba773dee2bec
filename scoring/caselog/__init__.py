"""Case logs: reading spreadsheets of take-down requests, validating and ingesting them."""
