package io.zohoconnect.sync;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code zoho.syncs[n].*}: syncs declared in configuration, a shorthand of the {@code zoho-crm:changes} consumer
 * for a sync that only forwards records to one endpoint ({@link ModuleSyncTemplate} builds the route).
 *
 * @param syncs Module syncs declared by configuration, each a shorthand of from(zoho-crm:changes/module).to(sink)
 *              with the record as JSON text: id, connection-id, module, sink (any Camel endpoint URI) and optionally
 *              fields, schedule, mode, deletions, batch, bulk-criteria, with the meaning of the consumer's options of
 *              those names (id is its syncId).
 */
@ConfigurationProperties("zoho")
public record DeclaredSyncs(List<SyncSettings.Declared> syncs) {

    public DeclaredSyncs {
        syncs = syncs == null ? List.of() : List.copyOf(syncs);
    }
}
