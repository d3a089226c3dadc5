package io.zohoconnect.crm;

/**
 * Zoho answered a CRM call with an error that retrying will not fix (or retries ran out). Carries
 * Zoho's {@code code} (e.g. OAUTH_SCOPE_MISMATCH, NO_PERMISSION, INVALID_URL_PATTERN), its message
 * and the HTTP status, so routes can decide with {@code onException}.
 */
public class ZohoCrmException extends RuntimeException {

    private final int status;
    private final String code;
    private final String zohoMessage;
    private final String responseBody;

    public ZohoCrmException(int status, String code, String zohoMessage, String message) {
        this(status, code, zohoMessage, message, null);
    }

    public ZohoCrmException(int status, String code, String zohoMessage, String message, String responseBody) {
        super(message);
        this.status = status;
        this.code = code;
        this.zohoMessage = zohoMessage;
        this.responseBody = responseBody;
    }

    public ZohoCrmException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "IO_ERROR";
        this.zohoMessage = null;
        this.responseBody = null;
    }

    /** HTTP status of Zoho's answer, 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Zoho's error code, e.g. INVALID_TOKEN, or IO_ERROR / MALFORMED_RESPONSE when Zoho's answer was unusable. */
    public String code() {
        return code;
    }

    public String zohoMessage() {
        return zohoMessage;
    }

    /** Zoho's JSON answer when it sent one (e.g. per-record errors of a write), else null. Never logged. */
    public String responseBody() {
        return responseBody;
    }
}
