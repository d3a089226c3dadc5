package io.zohoconnect.sync;

/** Zoho no longer accepts a page token (EXPIRED_VALUE, TOKEN_BOUND_DATA_MISMATCH): restart from the checkpoint. */
final class PageTokenRejectedException extends RuntimeException {

    PageTokenRejectedException(String message) {
        super(message);
    }
}
