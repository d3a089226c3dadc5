-- One schema for H2 (MODE=PostgreSQL) and PostgreSQL: only types and syntax both understand.

-- A Zoho OAuth connection: one Zoho user's grant for one org in one DC and environment.
-- Tokens are sealed with AES-GCM (TokenCipher); key_id names the key that sealed them.
CREATE TABLE zoho_connection (
    id                      VARCHAR(64)   NOT NULL PRIMARY KEY,
    dc                      VARCHAR(16)   NOT NULL,
    environment             VARCHAR(16)   NOT NULL,
    accounts_server         VARCHAR(255)  NOT NULL,
    api_domain              VARCHAR(255)  NOT NULL,
    scopes                  VARCHAR(2000) NOT NULL,
    refresh_token_enc       VARCHAR(1024) NOT NULL,
    access_token_enc        VARCHAR(1024),
    key_id                  VARCHAR(32)   NOT NULL,
    access_token_expires_at TIMESTAMP WITH TIME ZONE,
    status                  VARCHAR(20)   NOT NULL,
    failure_count           INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at         TIMESTAMP WITH TIME ZONE,
    last_error              VARCHAR(1000),
    last_refreshed_at       TIMESTAMP WITH TIME ZONE,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT        NOT NULL DEFAULT 0,
    lease_owner             VARCHAR(128),
    lease_until             TIMESTAMP WITH TIME ZONE
);

CREATE INDEX zoho_connection_expiry ON zoho_connection (access_token_expires_at);
CREATE INDEX zoho_connection_next_attempt ON zoho_connection (next_attempt_at);

-- Pending authorizations. Only a SHA-256 of the state is kept; a row is deleted when used.
CREATE TABLE zoho_oauth_state (
    state_hash        VARCHAR(64)   NOT NULL PRIMARY KEY,
    connection_id     VARCHAR(64)   NOT NULL,
    dc                VARCHAR(16)   NOT NULL,
    environment       VARCHAR(16)   NOT NULL,
    scopes            VARCHAR(2000) NOT NULL,
    code_verifier_enc VARCHAR(512),
    return_to         VARCHAR(2048),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX zoho_oauth_state_expiry ON zoho_oauth_state (expires_at);

-- Single-use links that let someone without the admin key connect one given connection id.
CREATE TABLE zoho_connect_link (
    link_hash     VARCHAR(64)   NOT NULL PRIMARY KEY,
    connection_id VARCHAR(64)   NOT NULL,
    dc            VARCHAR(16)   NOT NULL,
    environment   VARCHAR(16)   NOT NULL,
    scopes        VARCHAR(2000) NOT NULL,
    return_to     VARCHAR(2048),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX zoho_connect_link_expiry ON zoho_connect_link (expires_at);
