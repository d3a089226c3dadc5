-- How many runs of a sync failed (issue 19): shown by GET /api/syncs as failures_total, beside last_error.
-- A run broken by a database outage is counted once the database answers again.
ALTER TABLE zoho_sync_state ADD COLUMN failures_total BIGINT NOT NULL DEFAULT 0;
