package io.zohoconnect.simulator;

/**
 * A record in a module's deleted list: what {@code GET /{module}/deleted} shows.
 *
 * @param type        {@code recycle} (in the recycle bin) or {@code permanent}
 * @param deletedTime epoch seconds
 */
record DeletedRecord(int index, String id, String displayName, String type, long deletedTime, Actor deletedBy) {
}
