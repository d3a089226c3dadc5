package io.zohoconnect.bulk;

import java.util.Locale;

/**
 * A Bulk Read job as {@code GET /crm/bulk/v8/read/{id}} describes it: its state and, once COMPLETED,
 * its page's result.
 */
record BulkJobStatus(String state, int count, boolean moreRecords, String nextPageToken, String downloadUrl) {

    boolean completed() {
        return "COMPLETED".equals(normalized());
    }

    boolean failed() {
        return "FAILURE".equals(normalized()) || "FAILED".equals(normalized());
    }

    private String normalized() {
        return state == null ? "" : state.trim().toUpperCase(Locale.ROOT);
    }
}
