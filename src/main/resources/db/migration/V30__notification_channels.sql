-- Zoho watch channels (mode=notifications): one per sync. Every node reads them to accept a
-- callback (channel id + token, the token sealed like the connection tokens); the node holding the
-- sync's lease (zoho_sync_state) creates, renews, re-creates and disables it.
CREATE TABLE zoho_notification_channel (
    sync_id         VARCHAR(200)  NOT NULL PRIMARY KEY,
    channel_id      VARCHAR(19)   NOT NULL,
    connection_id   VARCHAR(64)   NOT NULL,
    module          VARCHAR(100)  NOT NULL,
    token_enc       VARCHAR(500)  NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX zoho_notification_channel_id ON zoho_notification_channel (channel_id);

-- The ids Zoho notified, stored before the callback is answered so that a node dying after its 200
-- loses nothing; a row goes once its record was delivered. One row per sync, record and operation:
-- a repeated callback only counts up 'notified', so a change notified while its record is being
-- read keeps the row for one more read.
CREATE TABLE zoho_notification_inbox (
    sync_id         VARCHAR(200)  NOT NULL,
    record_id       VARCHAR(64)   NOT NULL,
    operation       VARCHAR(10)   NOT NULL,
    server_time     BIGINT,
    notified        INTEGER       NOT NULL DEFAULT 1,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sync_id, record_id, operation)
);
CREATE INDEX zoho_notification_inbox_received ON zoho_notification_inbox (sync_id, received_at);

-- What notifications delivered (a record at its Modified_Time, or a deletion), so the gap fill does
-- not send it again; pruned once the sync's checkpoint has passed it.
CREATE TABLE zoho_notification_delivered (
    sync_id         VARCHAR(200)  NOT NULL,
    record_id       VARCHAR(64)   NOT NULL,
    modified_at     BIGINT        NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sync_id, record_id, modified_at)
);
