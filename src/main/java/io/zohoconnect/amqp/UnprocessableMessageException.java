package io.zohoconnect.amqp;

/** A write message that can never succeed as it is (bad JSON, missing header, unknown connection…). */
public final class UnprocessableMessageException extends RuntimeException {

    public UnprocessableMessageException(String reason) {
        super(reason);
    }
}
