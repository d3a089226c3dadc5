-- Trust (issue 9). Same SQL for H2 (MODE=PostgreSQL) and PostgreSQL.

-- The Zoho org a connection's grant belongs to, read from GET /crm/v8/org after each consent:
-- a re-consent that lands in another org is refused unless explicitly allowed.
ALTER TABLE zoho_connection ADD COLUMN org_id VARCHAR(64);
ALTER TABLE zoho_connection ADD COLUMN org_name VARCHAR(255);
ALTER TABLE zoho_connection ADD COLUMN org_edition VARCHAR(32);

-- A lease owner is now a random token per acquisition (node id + random part), not the node id.
ALTER TABLE zoho_connection ALTER COLUMN lease_owner SET DATA TYPE VARCHAR(200);

-- Each authorization is bound to the browser that started it: the SHA-256 of a random value held
-- in an HttpOnly cookie of that browser. And whether this flow may move the connection to another org.
ALTER TABLE zoho_oauth_state ADD COLUMN browser_hash VARCHAR(64);
ALTER TABLE zoho_oauth_state ADD COLUMN allow_org_change BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE zoho_connect_link ADD COLUMN allow_org_change BOOLEAN NOT NULL DEFAULT FALSE;

-- Refresh tokens that were replaced (re-consent) but whose revocation Zoho has not confirmed yet.
-- The timer retries them with backoff until Zoho confirms; a live token is never forgotten.
CREATE TABLE zoho_pending_revocation (
    id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    connection_id     VARCHAR(64)   NOT NULL,
    dc                VARCHAR(16)   NOT NULL,
    refresh_token_enc VARCHAR(1024) NOT NULL,
    key_id            VARCHAR(32)   NOT NULL,
    attempts          INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error        VARCHAR(1000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner       VARCHAR(200),
    lease_until       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX zoho_pending_revocation_due ON zoho_pending_revocation (next_attempt_at);
