package io.zohoconnect.sync;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

/** The syncs this node knows (declared by properties, YAML or Java), by id. */
@Component
public class SyncRegistry {

    private final Map<String, SyncSpec> specs = new ConcurrentSkipListMap<>();
    private final SyncMetrics metrics;

    SyncRegistry(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    void register(SyncSpec spec) {
        SyncSpec previous = specs.putIfAbsent(spec.id(), spec);
        if (previous != null && !previous.equals(spec)) {
            throw new IllegalStateException("two syncs share the id '" + spec.id() + "': give one a syncId");
        }
        metrics.register(spec);
    }

    public Optional<SyncSpec> find(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    public Collection<SyncSpec> all() {
        return specs.values();
    }
}
