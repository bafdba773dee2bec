-- Warehouse tables of the DSA Transparency Database import (DuckDB DDL; see docs/contracts.md).
-- A day is one day of one dump (the global dump, or a platform's): imported whole or not at all.
CREATE TABLE IF NOT EXISTS dsa_days (
    day DATE NOT NULL,                 -- the dump's day (its file name; statements created that day)
    dump VARCHAR NOT NULL,             -- 'global' or the platform slug of a per-platform dump
    version VARCHAR NOT NULL,          -- 'full' or 'light'
    schema VARCHAR NOT NULL,           -- 'v1' or 'v2' (categories and keywords of 2025-07-01)
    definition_id VARCHAR NOT NULL,    -- the NCII definition the flags were computed with
    definition_version VARCHAR NOT NULL,
    platforms VARCHAR NOT NULL,        -- the --platform filter (TDB names, comma-separated), '' = all
    rows_read BIGINT NOT NULL,         -- CSV rows, duplicates included
    statements BIGINT NOT NULL,        -- distinct uuids
    imported_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS dsa_files (
    day DATE NOT NULL, dump VARCHAR NOT NULL,
    name VARCHAR NOT NULL,             -- the file as given: a day zip, a part zip or a CSV part
    sha1 VARCHAR NOT NULL, size BIGINT NOT NULL
);
-- Every platform's totals per day, for context (shares of all statements).
CREATE TABLE IF NOT EXISTS dsa_platform_days (
    day DATE NOT NULL, dump VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL, statements BIGINT NOT NULL,
    ncii_specific BIGINT NOT NULL, ncii_broad BIGINT NOT NULL
);
-- The statements that match the NCII definition (specific or broad), one per uuid and day.
CREATE TABLE IF NOT EXISTS dsa_statements (
    day DATE NOT NULL, dump VARCHAR NOT NULL, uuid VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    created_at TIMESTAMP, application_date TIMESTAMP, content_date TIMESTAMP,
    decision_visibility VARCHAR,       -- JSON arrays are kept as the TDB wrote them
    decision_monetary VARCHAR, decision_provision VARCHAR, decision_account VARCHAR,
    account_type VARCHAR, decision_ground VARCHAR, incompatible_content_illegal VARCHAR,
    category VARCHAR, category_addition VARCHAR, category_specification VARCHAR,
    content_type VARCHAR, content_language VARCHAR, territorial_scope VARCHAR,
    source_type VARCHAR, automated_detection BOOLEAN, automated_decision VARCHAR,
    ncii_specific BOOLEAN NOT NULL, ncii_broad BOOLEAN NOT NULL,
    part VARCHAR NOT NULL, row_no BIGINT NOT NULL  -- where it was read (first copy)
);
-- TDB platform_name -> registry slug, from the declarations' dsa_names (refreshed each run).
CREATE TABLE IF NOT EXISTS dsa_platform_names (platform_name VARCHAR NOT NULL, slug VARCHAR NOT NULL);
