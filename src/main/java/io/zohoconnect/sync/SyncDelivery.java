package io.zohoconnect.sync;

/**
 * Where a sync's messages go: a sink endpoint (the sync's {@code sink} URI), or the route of a
 * {@code zoho-crm:changes} consumer. A run checkpoints a page only once every message of it was
 * delivered, so a delivery that throws stops the run at that page and the next run sends it again.
 */
@FunctionalInterface
public interface SyncDelivery {

    void deliver(SyncMessage message) throws Exception;
}
