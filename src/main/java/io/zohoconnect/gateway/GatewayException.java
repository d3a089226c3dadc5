package io.zohoconnect.gateway;

/** An answer of the gateway itself (not Zoho's): its status, error code and a message that echoes nothing raw. */
final class GatewayException extends RuntimeException {

    private final int status;
    private final String error;
    private final String retryAfter;

    GatewayException(int status, String error, String message) {
        this(status, error, message, null);
    }

    GatewayException(int status, String error, String message, String retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String retryAfter() {
        return retryAfter;
    }
}
