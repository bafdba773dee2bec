"""Item pipelines: WARC archive, content-addressed snapshots, readable versions."""
