package io.zohoconnect.bulk;

import java.time.Instant;

/**
 * The Bulk Read job a sync's export is on: which job, which page of the export it is, and how many of
 * its rows the sync's route already accepted.
 *
 * @param fieldsKey     a digest of the exported fields: a stored job of other fields is not resumed
 * @param page          the export's page this job reads (1, 2, … of 200,000 rows each)
 * @param rowsDelivered rows of this page the route accepted
 * @param createdAt     when we created the job (its result outlives it by about a day)
 */
record BulkJob(String syncId, String connectionId, String module, String fieldsKey, String jobId, int page,
        long rowsDelivered, Instant createdAt) {

    BulkJob delivered(long rows) {
        return new BulkJob(syncId, connectionId, module, fieldsKey, jobId, page, rows, createdAt);
    }
}
