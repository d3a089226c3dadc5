-- The API credits each sync run spent (issue 22): the last run's on the sync's state, each run's in the history.
ALTER TABLE zoho_sync_state ADD COLUMN last_run_credits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE zoho_sync_run ADD COLUMN credits BIGINT NOT NULL DEFAULT 0;
