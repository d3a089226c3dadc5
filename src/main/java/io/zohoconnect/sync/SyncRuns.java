package io.zohoconnect.sync;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Starts a sync now, in the background, for the admin API ({@code POST /api/syncs/{id}/run}). */
@Component
public class SyncRuns implements DisposableBean {

    private final SyncRegistry registry;
    private final SyncStateStore store;
    private final ModuleSync sync;
    private final ExecutorService runner;

    SyncRuns(SyncRegistry registry, SyncStateStore store, ModuleSync sync) {
        this.registry = registry;
        this.store = store;
        this.sync = sync;
        AtomicInteger n = new AtomicInteger();
        this.runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "zoho-sync-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        runner.shutdownNow();
    }
}
