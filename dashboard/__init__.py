"""The bilingual Dash dashboard over ``public.duckdb`` (read-only, aggregates only)."""
