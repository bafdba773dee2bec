-- The crawl's records, reloaded from archive/ on every `tada score` (the archive is the source
-- of truth; these tables are a queryable copy). See docs/contracts.md section 1.

CREATE OR REPLACE TABLE crawl_items (
    crawl_id        VARCHAR NOT NULL,
    platform        VARCHAR NOT NULL,
    document_type   VARCHAR NOT NULL,
    lang            VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    final_url       VARCHAR,
    status          INTEGER,
    outcome         VARCHAR NOT NULL,
    detail          VARCHAR,
    fetched_at      TIMESTAMP NOT NULL,     -- UTC, when the response was obtained
    captured_at     TIMESTAMP NOT NULL,     -- UTC, when the page was captured as shown
    content_sha256  VARCHAR,
    text_sha256     VARCHAR,
    version_id      VARCHAR,
    warc_file       VARCHAR,
    warc_record_id  VARCHAR,
    source          VARCHAR NOT NULL,
    etag            VARCHAR,
    last_modified   VARCHAR
);

CREATE OR REPLACE TABLE policy_versions (
    version_id           VARCHAR PRIMARY KEY,
    platform             VARCHAR NOT NULL,
    document_type        VARCHAR NOT NULL,
    lang                 VARCHAR NOT NULL,
    url                  VARCHAR NOT NULL,
    fetched_at           TIMESTAMP NOT NULL,
    captured_at          TIMESTAMP NOT NULL,
    snapshot_sha256      VARCHAR,
    text_sha256          VARCHAR,
    path                 VARCHAR NOT NULL,
    diff_path            VARCHAR,
    previous_version_id  VARCHAR,
    features_path        VARCHAR,
    warc_file            VARCHAR,
    warc_record_id       VARCHAR,
    source               VARCHAR NOT NULL,
    markdown             VARCHAR,
    diff                 VARCHAR
);

-- One row per scalar feature the analyser reported for a policy document: an answer
-- (yes / partial / no / unknown) or a number (stated_response_time_hours).
CREATE OR REPLACE TABLE policy_features (
    version_id  VARCHAR NOT NULL,
    feature     VARCHAR NOT NULL,
    answer      VARCHAR,
    value_num   DOUBLE,
    PRIMARY KEY (version_id, feature)
);

-- Languages a document (policy or form) is offered in, as the analyser or form audit found.
CREATE OR REPLACE TABLE policy_languages (
    version_id  VARCHAR NOT NULL,
    language    VARCHAR NOT NULL
);

-- Quoted evidence of policy documents and form audits: {feature, quote}.
CREATE OR REPLACE TABLE policy_evidence (
    version_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    feature     VARCHAR NOT NULL,
    quote       VARCHAR NOT NULL
);

CREATE OR REPLACE TABLE form_audits (
    version_id         VARCHAR PRIMARY KEY,
    form_present       BOOLEAN,
    field_url          BOOLEAN,
    field_file_upload  BOOLEAN,
    field_email        BOOLEAN,
    field_description  BOOLEAN,
    account_required   BOOLEAN,
    captcha            BOOLEAN,
    ncii_option        BOOLEAN,
    needs_js           BOOLEAN
);
