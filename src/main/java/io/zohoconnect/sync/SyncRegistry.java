package io.zohoconnect.sync;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

/**
 * The syncs this node runs, by id: each one a {@code zoho-crm:changes} consumer follows ({@link ConsumerSyncs}),
 * however it was declared (the consumer, its Kamelet, the {@code zoho-module-sync} template, {@code zoho.syncs}).
 */
@Component
public class SyncRegistry {

    private final Map<String, SyncSpec> specs = new ConcurrentSkipListMap<>();
    private final SyncMetrics metrics;

    SyncRegistry(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * A consumer's sync: the same sync another consumer already follows under this id, else this one, newly
     * registered; a different sync under the same id is refused.
     *
     * @return the spec to run, and whether this call registered it
     */
    Adopted adopt(SyncSpec spec) {
        SyncSpec existing = specs.putIfAbsent(spec.id(), spec);
        if (existing == null) {
            metrics.register(spec);
            return new Adopted(spec, true);
        }
        if (!existing.connectionId().equals(spec.connectionId()) || !existing.module().equals(spec.module())) {
            throw new IllegalStateException("two syncs share the id '" + spec.id() + "' (" + existing.connectionId() + "/"
                    + existing.module() + " and " + spec.connectionId() + "/" + spec.module() + "): give one a syncId");
        }
        if (!existing.equals(spec)) {
            // one module declared twice under one id with other options or another sink (two shorthands, say): one
            // checkpoint cannot serve both
            throw new IllegalStateException("two syncs share the id '" + spec.id() + "' with different options or sinks"
                    + " (" + existing.sink().replaceAll("\\?.*", "") + " and " + spec.sink().replaceAll("\\?.*", "")
                    + "): give one a syncId");
        }
        return new Adopted(existing, false);
    }

    void unregister(SyncSpec spec) {
        specs.remove(spec.id(), spec);
    }

    record Adopted(SyncSpec spec, boolean registered) {
    }

    public Optional<SyncSpec> find(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    public Collection<SyncSpec> all() {
        return specs.values();
    }
}
