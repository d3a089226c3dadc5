package io.zohoconnect.sync;

import java.util.List;

/**
 * {@code mode=bulk}: a sync run that reads the whole module through Zoho's Bulk Read jobs instead of
 * listing pages. It runs inside {@link ModuleSync}'s run — under the sync's lease, into the sync's
 * delivery — and reports its progress through {@link Progress}, so the sync's state, metrics and
 * lease work as for the other modes.
 */
public interface BulkExport {

    /**
     * Exports every record of the module (resuming an export a stopped run left), delivering records
     * in the sync's batch shape.
     *
     * @param fields the fields to export (named by the sync or discovered); {@code Modified_Time} among them
     */
    void export(SyncSpec spec, List<String> fields, Progress progress) throws Exception;

    /** What the export tells the run it is part of. */
    interface Progress {

        /** Where messages go (the consumer's route or the sync's sink). */
        SyncDelivery delivery();

        /** After messages the delivery accepted: counts them and renews the lease; throws when the lease was lost. */
        void delivered(long records);

        /** While waiting for Zoho: renews the lease; throws when it was lost. */
        void keepAlive();

        /** The node is shutting down: stop at the next safe point (progress is kept). */
        boolean stopping();
    }
}
