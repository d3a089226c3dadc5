package io.zohoconnect.sync;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Starts a sync now, in the background, for the admin API ({@code POST /api/syncs/{id}/run}). */
@Component
public class SyncRuns implements DisposableBean {

    private final SyncRegistry registry;
    private final SyncStateStore store;
    private final ModuleSync sync;
    private final ExecutorServiceManager pools;
    private final ExecutorService runner;

    SyncRuns(SyncRegistry registry, SyncStateStore store, ModuleSync sync, CamelContext camel) {
        this.registry = registry;
        this.store = store;
        this.sync = sync;
        // a Camel-managed pool: named, daemon, listed and shut down with the Camel context
        this.pools = camel.getExecutorServiceManager();
        this.runner = pools.newCachedThreadPool(this, "ZohoSyncRun");
    }

    /** Empty when no such sync; a future of the run otherwise (it reports SKIPPED when one is running). */
    public Optional<Future<SyncReport>> start(String syncId) {
        return registry.find(syncId).map(spec -> runner.submit(() -> sync.run(spec)));
    }

    public boolean isRunning(String syncId) {
        return store.find(syncId).map(SyncState::running).orElse(false);
    }

    @Override
    public void destroy() {
        pools.shutdownNow(runner);
    }
}
