-- mode=bulk: the Bulk Read job a sync's export is on, one row per sync while an export runs. A run that
-- stopped (crash, failed route, shutdown) resumes this job's page after rows_delivered rows, as long as
-- Zoho still serves its result (one day); the row goes when the export completed.
-- The callback token is kept only as its SHA-256: the token in the callback URL is the credential, and
-- the lookup by hash neither stores it nor compares it byte by byte.
CREATE TABLE zoho_bulk_jobs (
    sync_id                  VARCHAR(200)  NOT NULL PRIMARY KEY,
    connection_id            VARCHAR(64)   NOT NULL,
    module                   VARCHAR(100)  NOT NULL,
    fields_key               VARCHAR(64)   NOT NULL,
    job_id                   VARCHAR(64)   NOT NULL,
    job_page                 INTEGER       NOT NULL,
    rows_delivered           BIGINT        NOT NULL DEFAULT 0,
    callback_token_hash      VARCHAR(64),
    callback_state           VARCHAR(32),
    callback_at              TIMESTAMP WITH TIME ZONE,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX zoho_bulk_jobs_callback ON zoho_bulk_jobs (callback_token_hash);
