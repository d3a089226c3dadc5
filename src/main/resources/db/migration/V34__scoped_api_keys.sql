-- V34: V33 is taken by API credits (issue 22, branch e22-credits).
-- Scoped API keys (issue 21): least privilege for the systems that consume connections.
-- The secret is never stored: only its SHA-256 (a high-entropy random value needs no slow hash), looked up
-- on every request so a deleted key is refused at once on every node. connections and permissions are
-- comma-separated lists (ids or globs like acme-*; proxy:read, proxy:write, token:read, connections:read,
-- links:create). last_used_at is written at most once a minute per key, not per request.
-- Same SQL for H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE zoho_api_key (
    id            VARCHAR(40)   PRIMARY KEY,
    name          VARCHAR(100)  NOT NULL,
    key_hash      VARCHAR(64)   NOT NULL,
    connections   VARCHAR(4000) NOT NULL,
    permissions   VARCHAR(200)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX zoho_api_key_hash ON zoho_api_key (key_hash);
