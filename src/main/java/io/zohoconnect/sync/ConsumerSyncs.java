package io.zohoconnect.sync;

import org.springframework.stereotype.Component;

/**
 * The sync engine as the {@code zoho-crm:changes} consumer uses it — the one way a sync runs: a consumer
 * registers its sync (so {@code /api/syncs}, metrics and {@code POST /api/syncs/{id}/run} know it) with the
 * delivery into its route, runs it on its schedule, and lets go when it stops.
 */
@Component
public class ConsumerSyncs {

    /**
     * The route property that names where a sync's route sends its records, shown as the sync's sink (the
     * shorthands set it to their sink); a route without it shows {@code route:<syncId>}.
     */
    public static final String SINK_ROUTE_PROPERTY = "zohoSyncSink";

    private final SyncRegistry registry;
    private final ModuleSync sync;

    ConsumerSyncs(SyncRegistry registry, ModuleSync sync) {
        this.registry = registry;
        this.sync = sync;
    }

    /** Runs of this sync deliver into {@code delivery} until the returned registration is closed. */
    public Registration follow(SyncSpec spec, SyncDelivery delivery) {
        SyncRegistry.Adopted adopted = registry.adopt(spec);
        sync.attach(adopted.spec().id(), delivery);
        return new Registration(adopted.spec(), () -> {
            sync.detach(adopted.spec().id(), delivery);
            if (adopted.registered()) {
                registry.unregister(adopted.spec());
            }
        });
    }

    /** One run now, on the caller's thread: the lease makes a run elsewhere a skip. */
    public SyncReport run(SyncSpec spec) {
        return sync.run(spec);
    }

    /** A consumer's hold on its sync. */
    public static final class Registration implements AutoCloseable {

        private final SyncSpec spec;
        private final Runnable release;

        Registration(SyncSpec spec, Runnable release) {
            this.spec = spec;
            this.release = release;
        }

        public SyncSpec spec() {
            return spec;
        }

        @Override
        public void close() {
            release.run();
        }
    }
}
