package io.zohoconnect.sync;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

/** The syncs this node knows (declared by properties, YAML, Java or a zoho-crm:changes consumer), by id. */
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

    /**
     * A consumer's sync: the one already declared under its id (the route template declares its sync,
     * with its sink, before its consumer starts), else this one, newly registered.
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
