-- Module sync state: one row per sync (a connection + module + sink). The cursor is the
-- Modified_Time of the last record the sink accepted plus the ids delivered at exactly that
-- instant, so records sharing the boundary second are neither lost nor re-sent forever.
CREATE TABLE zoho_sync_state (
    sync_id                  VARCHAR(200)  NOT NULL PRIMARY KEY,
    connection_id            VARCHAR(64)   NOT NULL,
    module                   VARCHAR(100)  NOT NULL,
    cursor_time              TIMESTAMP WITH TIME ZONE,
    cursor_ids               TEXT,
    run_complete             BOOLEAN       NOT NULL DEFAULT TRUE,
    deletions_cursor_time    TIMESTAMP WITH TIME ZONE,
    deletions_cursor_ids     TEXT,
    records_total            BIGINT        NOT NULL DEFAULT 0,
    tombstones_total         BIGINT        NOT NULL DEFAULT 0,
    last_run_started_at      TIMESTAMP WITH TIME ZONE,
    last_run_finished_at     TIMESTAMP WITH TIME ZONE,
    last_run_records         BIGINT        NOT NULL DEFAULT 0,
    last_success_at          TIMESTAMP WITH TIME ZONE,
    last_error               VARCHAR(1000),
    lease_owner              VARCHAR(128),
    lease_until              TIMESTAMP WITH TIME ZONE,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
