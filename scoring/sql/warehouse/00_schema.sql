-- The private warehouse: pseudonymised case-log items and the platform registry.
-- No clear case reference, content URL or free text is ever stored here.

CREATE TABLE IF NOT EXISTS platforms (
    slug      VARCHAR PRIMARY KEY,
    name_en   VARCHAR NOT NULL,
    name_zh   VARCHAR,
    category  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS case_log_imports (
    import_id      INTEGER PRIMARY KEY,
    source_name    VARCHAR NOT NULL,
    source_sha256  VARCHAR NOT NULL UNIQUE,
    as_of          TIMESTAMP NOT NULL,
    imported_at    TIMESTAMP NOT NULL,
    row_count      INTEGER NOT NULL,
    inserted       INTEGER NOT NULL,
    updated        INTEGER NOT NULL
);

-- The fingerprint of the key the pseudonyms were made with (HMAC of a constant, never the key).
CREATE TABLE IF NOT EXISTS key_fingerprint (
    fingerprint  VARCHAR NOT NULL,
    recorded_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS cases (
    case_key              VARCHAR PRIMARY KEY,   -- HMAC of case_ref
    victim_gender         VARCHAR NOT NULL,
    perpetrator_relation  VARCHAR NOT NULL
);

-- item_key is unique by construction (a log's duplicate items are refused, and only keys not
-- yet present are inserted), so it carries no index: one costs more than the whole merge.
CREATE TABLE IF NOT EXISTS items (
    item_key               VARCHAR NOT NULL,     -- HMAC of case_ref + item_ref: unique
    case_key               VARCHAR NOT NULL,
    platform_slug          VARCHAR,              -- NULL when the platform is not registered
    unregistered_platform  VARCHAR,              -- the log's platform label, when unregistered
    host                   VARCHAR,              -- host of the content URL, never the URL
    content_digest         VARCHAR,              -- HMAC of the normalised content URL
    reported_at            TIMESTAMP NOT NULL,   -- UTC
    first_response_at      TIMESTAMP,
    removed_at             TIMESTAMP,
    outcome                VARCHAR NOT NULL,
    channel                VARCHAR NOT NULL,
    follow_ups             INTEGER NOT NULL,
    as_of                  TIMESTAMP NOT NULL,   -- extraction time of the log: censoring time
    import_id              INTEGER NOT NULL
);
