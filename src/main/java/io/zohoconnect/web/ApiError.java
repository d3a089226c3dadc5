package io.zohoconnect.web;

/** Every error: the status says what kind, {@code error} which one, {@code message} what to do. */
record ApiError(String error, String message) {
}
