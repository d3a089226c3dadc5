-- RabbitMQ write messages (profile rabbitmq). One row per message (its message_id, or a digest of
-- its content when it has none): how often it was delivered (a poison message is dead-lettered
-- after zoho.amqp.max-redeliveries) and when every record had an outcome. Done rows are kept for
-- zoho.amqp.replay-window so a redelivered or republished message is not written to Zoho twice.
CREATE TABLE zoho_amqp_write (
    message_key   VARCHAR(200)  NOT NULL PRIMARY KEY,
    deliveries    INTEGER       NOT NULL,
    last_error    VARCHAR(1000),
    done_at       TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX zoho_amqp_write_updated ON zoho_amqp_write (updated_at);

-- The per-record results of each batch of 100 Zoho answered, stored before the next batch is
-- sent: a message redelivered after a crash resumes after the last stored batch.
CREATE TABLE zoho_amqp_write_batch (
    message_key   VARCHAR(200)  NOT NULL,
    batch_index   INTEGER       NOT NULL,
    results       TEXT          NOT NULL,
    PRIMARY KEY (message_key, batch_index)
);
