package io.zohoconnect.sync;

/**
 * One message of a sync: a {@link CrmRecord} (also a tombstone {@code {"id","deleted":true,"deleted_time","type"}})
 * or, with {@code batch=page}, a {@link CrmRecordPage}; with what its headers say.
 *
 * @param recordId     the record's id (null for a page)
 * @param modifiedTime Modified_Time of the record (of the page's last record for a page; deleted_time for a tombstone)
 * @param records      how many records the body holds
 */
public record SyncMessage(SyncSpec spec, Object body, String recordId, String modifiedTime, boolean deleted, int records) {
}
