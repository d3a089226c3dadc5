package io.zohoconnect.web;

/**
 * A request we refuse or cannot serve, with the status, a stable error code and a message written
 * for the person who sent it. Turned into {@code {"error":…,"message":…}} (or a page) by
 * {@link WebErrorHandling}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String error, String message) {
        return new ApiException(400, error, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: no stack to capture or leak
    }
}
