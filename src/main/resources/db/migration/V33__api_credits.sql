-- API credits (issue 22). The ledger: credits each org spent per minute, background and interactive
-- apart, shared by every node (each node adds its counts every second). The window is the last 24 hours
-- of buckets; older ones are deleted.
CREATE TABLE zoho_credit_usage (
    org_id          VARCHAR(80)               NOT NULL,
    bucket_start    TIMESTAMP WITH TIME ZONE  NOT NULL,
    background      BIGINT                    NOT NULL DEFAULT 0,
    interactive     BIGINT                    NOT NULL DEFAULT 0,
    calls           BIGINT                    NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, bucket_start)
);
CREATE INDEX zoho_credit_usage_bucket ON zoho_credit_usage (bucket_start);

-- What an org's allowance is made of: its edition and user licenses as Zoho last said them
-- (license_details of GET /crm/v8/org), and the allowance an admin set (add-on credits), which wins.
CREATE TABLE zoho_org_credits (
    org_id              VARCHAR(80)               NOT NULL PRIMARY KEY,
    edition             VARCHAR(32),
    licensed_users      INTEGER,
    allowance_override  BIGINT,
    updated_at          TIMESTAMP WITH TIME ZONE  NOT NULL
);

-- A sync that met its background share of the credits waits until then, without failing.
ALTER TABLE zoho_sync_state ADD COLUMN waiting_for_credits_until TIMESTAMP WITH TIME ZONE;
