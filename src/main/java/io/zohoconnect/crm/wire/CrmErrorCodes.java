package io.zohoconnect.crm.wire;

import java.util.Set;

/** Zoho's CRM error codes the call path decides by (ZOHO-API.md §7). */
public final class CrmErrorCodes {

    /** 401 with one of these: the access token is expired or evicted — refresh once (if still the one sent) and retry. */
    public static final Set<String> TOKEN_REJECTED = Set.of("INVALID_TOKEN", "AUTHENTICATION_FAILURE");

    /** Worth another attempt later: credits or concurrency exhausted, or Zoho failed. */
    public static final Set<String> RETRYABLE = Set.of("TOO_MANY_REQUESTS", "INTERNAL_ERROR", "INTERNAL_SERVER_ERROR");

    /** A page token Zoho no longer accepts (expired, or bound to other parameters): start the listing again. */
    public static final Set<String> PAGE_TOKEN_REJECTED = Set.of("EXPIRED_VALUE", "TOKEN_BOUND_DATA_MISMATCH", "INVALID_DATA");

    public static final String SCOPE_MISMATCH = "OAUTH_SCOPE_MISMATCH";
    public static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    public static final String INVALID_URL_PATTERN = "INVALID_URL_PATTERN";

    private CrmErrorCodes() {
    }

    /** Whether an HTTP status with this code is worth retrying: 429 always, 5xx always, others never. */
    public static boolean isRetryable(int status, String code) {
        return status == 429 || status >= 500 || (status == 0 && RETRYABLE.contains(code));
    }

    public static boolean isTokenRejected(int status, String code) {
        return status == 401 && TOKEN_REJECTED.contains(code);
    }
}
