package io.zohoconnect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.lifecycle.GracefulShutdown;
import io.zohoconnect.refresh.NodeIdentity;
import io.zohoconnect.refresh.TokenUnavailableException;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one sync: pages through the module oldest change first (Modified_Time ascending, page tokens
 * past 2,000 records), merges field groups of 50 by id, hands records to the sink, and checkpoints
 * after every page the sink accepted — so delivery is at-least-once and a crash resumes where the
 * sink stopped. Incremental runs start from the checkpoint with If-Modified-Since one second before
 * the cursor and skip the ids already delivered at the cursor's instant. A rejected page token
 * restarts the pass from the checkpoint. Deletions arrive as tombstones. One page in memory at a time.
 */
@Component
public class ModuleSync {

    static final String DELETED = "ZohoDeleted";
    static final String SYNC_ID = "ZohoSyncId";
    private static final Logger log = LoggerFactory.getLogger(ModuleSync.class);
    /** Deletions before a sync's first run are not its sink's business; this covers clock skew with Zoho. */
    private static final Duration FIRST_DELETIONS_LOOKBACK = Duration.ofMinutes(5);

    private final SyncStateStore store;
    private final ModuleReader reader;
    private final ModuleFields fields;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final SyncSettings settings;
    private final String node;
    private final GracefulShutdown shutdown;
    private final Map<String, Endpoint> sinks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Syncs whose missing connection was already reported at INFO: a scheduled sync would say it every run. */
    private final Set<String> toldMissing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ModuleSync(SyncStateStore store, ModuleReader reader, ModuleFields fields, ProducerTemplate producer,
            ObjectMapper json, SyncMetrics metrics, Clock clock, SyncSettings settings, NodeIdentity node,
            GracefulShutdown shutdown) {
        this.store = store;
        this.reader = reader;
        this.fields = fields;
        this.producer = producer;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.node = node.id();
        this.shutdown = shutdown;
    }

    public SyncReport run(SyncSpec spec) {
        if (shutdown.stopping()) {
            return new SyncReport(spec.id(), SyncReport.Outcome.STOPPED, 0, 0, 0, "not started: the node is shutting down");
        }
        store.ensure(spec);
        // a lease per run, not per node: the same node must not run one sync twice at once either
        String node = this.node + "/" + UUID.randomUUID().toString().substring(0, 8);
        if (!store.tryLease(spec.id(), node, settings.leaseDuration())) {
            return new SyncReport(spec.id(), SyncReport.Outcome.SKIPPED_RUNNING_ELSEWHERE, 0, 0, 0,
                    "already running (on this or another node)");
        }
        long[] delivered = {0, 0};
        int restarts = 0;
        // given back by the shutdown if the page in flight outlives its grace period
        GracefulShutdown.HeldLease held = shutdown.hold("sync " + spec.id(), () -> store.release(spec.id(), node));
        try {
            SyncState state = store.find(spec.id()).orElseThrow();
            store.startRun(spec.id(), node, spec.mode() == SyncSpec.Mode.FULL && state.runComplete());
            List<List<String>> groups = ModuleFields.groups(spec.fields().isEmpty()
                    ? fields.fieldsOf(spec.connectionId(), spec.module()) : spec.fields());
            while (true) {
                try {
                    readModule(spec, groups, delivered, node);
                    break;
                } catch (PageTokenRejectedException e) {
                    if (++restarts > settings.maxRestarts()) {
                        throw e;
                    }
                    log.info("Sync {}: {}; restarting from the checkpoint ({} of {})", spec.id(), e.getMessage(),
                            restarts, settings.maxRestarts());
                }
            }
            if (spec.deletions() && !shutdown.stopping()) {
                readDeletions(spec, delivered, node);
            }
            if (shutdown.stopping()) {
                throw new StoppedForShutdown();
            }
            store.succeed(spec.id(), node);
            metrics.succeeded(spec);
            toldMissing.remove(spec.id());
            if (delivered[0] + delivered[1] > 0) {
                log.info("Sync {}: {} records and {} deletions delivered", spec.id(), delivered[0], delivered[1]);
            }
            return new SyncReport(spec.id(), SyncReport.Outcome.COMPLETED, delivered[0], delivered[1], restarts, "completed");
        } catch (StoppedForShutdown stopped) {
            log.info("Sync {}: stopped for shutdown after {} records; the next run (here or on another node) resumes"
                    + " from its checkpoint", spec.id(), delivered[0]);
            return new SyncReport(spec.id(), SyncReport.Outcome.STOPPED, delivered[0], delivered[1], restarts,
                    "stopped for shutdown; resumes from its checkpoint");
        } catch (Exception e) {
            TokenUnavailableException unavailable = tokenUnavailable(e);
            if (unavailable != null) {
                store.fail(spec.id(), unavailable.getMessage());
                sayNotConnected(spec, unavailable);
                return new SyncReport(spec.id(), SyncReport.Outcome.SKIPPED_NOT_CONNECTED, delivered[0], delivered[1],
                        restarts, unavailable.getMessage());
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.fail(spec.id(), message);
            metrics.failed(spec);
            log.warn("Sync {} failed after {} records (resumes from its checkpoint): {}", spec.id(), delivered[0], message);
            return new SyncReport(spec.id(), SyncReport.Outcome.FAILED, delivered[0], delivered[1], restarts, message);
        } finally {
            store.release(spec.id(), node);
            held.close();
        }
    }

    /** The reason no token could be had, however deep Camel wrapped it (field discovery and reads go through routes). */
    private static TokenUnavailableException tokenUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TokenUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    /** A connection that does not exist yet is said once at INFO with how to connect it; the sync keeps trying. */
    private void sayNotConnected(SyncSpec spec, TokenUnavailableException e) {
        if (e.reason() != TokenUnavailableException.Reason.UNKNOWN_CONNECTION) {
            log.info("Sync {} did not run: {}", spec.id(), e.getMessage());
            return;
        }
        String text = "Sync {}: connection '{}' does not exist yet; connect it on the dashboard or with"
                + " GET /connect?connection_id={}&dc=… (the sync runs once it exists)";
        if (toldMissing.add(spec.id())) {
            log.info(text, spec.id(), spec.connectionId(), spec.connectionId());
        } else {
            log.debug(text, spec.id(), spec.connectionId(), spec.connectionId());
        }
    }

    private void readModule(SyncSpec spec, List<List<String>> groups, long[] delivered, String node) {
        SyncState state = store.find(spec.id()).orElseThrow();
        Instant cursor = state.cursorTime();
        Set<String> atCursor = new HashSet<>(state.cursorIds());
        Instant modifiedAfter = cursor == null ? null : cursor.minusSeconds(1);
        String[] tokens = new String[groups.size()];
        int page = 1;
        while (true) {
            ModulePage primary = reader.page(spec.connectionId(), spec.module(), groups.get(0), tokens[0], page, modifiedAfter);
            if (primary.records().isEmpty()) {
                return;
            }
            List<ObjectNode> records = merge(spec, groups, primary, tokens, page, modifiedAfter);
            List<ObjectNode> fresh = new ArrayList<>(records.size());
            Instant pageCursor = cursor;
            Set<String> pageAtCursor = new HashSet<>(atCursor);
            for (ObjectNode record : records) {
                String id = record.get("id").asText();
                Instant modified = modifiedTime(record);
                if (cursor != null && (modified.isBefore(cursor) || modified.equals(cursor) && atCursor.contains(id))) {
                    continue; // delivered by an earlier page or run
                }
                fresh.add(record);
                if (pageCursor == null || modified.isAfter(pageCursor)) {
                    pageCursor = modified;
                    pageAtCursor = new HashSet<>();
                }
                if (modified.equals(pageCursor)) {
                    pageAtCursor.add(id);
                }
            }
            if (!fresh.isEmpty()) {
                deliver(spec, fresh);
                if (!store.checkpoint(spec.id(), node, pageCursor, pageAtCursor, fresh.size(), settings.leaseDuration())) {
                    throw new IllegalStateException("lost the sync lease; another node took over");
                }
                delivered[0] += fresh.size();
                metrics.delivered(spec, fresh.size());
                cursor = pageCursor;
                atCursor = pageAtCursor;
            }
            if (!primary.moreRecords()) {
                return;
            }
            if (shutdown.stopping()) {
                // the page is delivered and checkpointed: stop here, whoever runs the sync next resumes after it
                throw new StoppedForShutdown();
            }
            tokens[0] = primary.nextPageToken();
            page++;
        }
    }

    /**
     * The primary page's records with the fields of the other groups, fetched in step and merged by
     * id; a record another group's page lacks (it moved while we paged) is fetched by id.
     */
    private List<ObjectNode> merge(SyncSpec spec, List<List<String>> groups, ModulePage primary, String[] tokens,
            int page, Instant modifiedAfter) {
        if (groups.size() == 1) {
            return primary.records();
        }
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        primary.records().forEach(r -> byId.put(r.get("id").asText(), r));
        Map<String, Integer> covered = new HashMap<>();
        for (int g = 1; g < groups.size(); g++) {
            ModulePage other = reader.page(spec.connectionId(), spec.module(), groups.get(g), tokens[g], page, modifiedAfter);
            for (ObjectNode record : other.records()) {
                ObjectNode target = byId.get(record.get("id").asText());
                if (target != null) {
                    record.fields().forEachRemaining(f -> target.set(f.getKey(), f.getValue()));
                    covered.merge(record.get("id").asText(), 1, Integer::sum);
                }
            }
            tokens[g] = other.nextPageToken();
        }
        int others = groups.size() - 1;
        for (Map.Entry<String, ObjectNode> entry : byId.entrySet()) {
            if (covered.getOrDefault(entry.getKey(), 0) < others) {
                ObjectNode full = reader.record(spec.connectionId(), spec.module(), entry.getKey());
                if (full != null) {
                    full.fields().forEachRemaining(f -> entry.getValue().putIfAbsent(f.getKey(), f.getValue()));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private void readDeletions(SyncSpec spec, long[] delivered, String node) {
        SyncState state = store.find(spec.id()).orElseThrow();
        Instant cursor = state.deletionsCursorTime();
        if (cursor == null) {
            store.deletionsCheckpoint(spec.id(), node, clock.instant().minus(FIRST_DELETIONS_LOOKBACK), Set.of(), 0);
            return;
        }
        Set<String> atCursor = state.deletionsCursorIds();
        Instant newest = cursor;
        Set<String> atNewest = new HashSet<>(atCursor);
        long tombstones = 0;
        for (int page = 1; ; page++) {
            ModulePage deleted = reader.deleted(spec.connectionId(), spec.module(), page, cursor.minusSeconds(1));
            for (ObjectNode record : deleted.records()) {
                String id = record.get("id").asText();
                Instant at = parse(record.path("deleted_time").asText(null));
                if (at == null || at.isBefore(cursor) || at.equals(cursor) && atCursor.contains(id)) {
                    continue;
                }
                sendTombstone(spec, record, id, at);
                tombstones++;
                if (at.isAfter(newest)) {
                    newest = at;
                    atNewest = new HashSet<>();
                }
                if (at.equals(newest)) {
                    atNewest.add(id);
                }
            }
            if (!deleted.moreRecords()) {
                break;
            }
        }
        // the listing is newest first, so the cursor can only move once the whole listing was delivered
        store.deletionsCheckpoint(spec.id(), node, newest, atNewest, tombstones);
        delivered[1] += tombstones;
        metrics.tombstones(spec, tombstones);
    }

    private void deliver(SyncSpec spec, List<ObjectNode> records) {
        if (spec.batch() == SyncSpec.Batch.PAGE) {
            ArrayNode page = json.createArrayNode();
            records.forEach(page::add);
            ObjectNode last = records.get(records.size() - 1);
            send(spec, page.toString(), null, last.path(ModuleFields.MODIFIED_TIME).asText(null), false, records.size());
        } else {
            for (ObjectNode record : records) {
                send(spec, record.toString(), record.get("id").asText(),
                        record.path(ModuleFields.MODIFIED_TIME).asText(null), false, 1);
            }
        }
    }

    private void sendTombstone(SyncSpec spec, ObjectNode deleted, String id, Instant at) {
        ObjectNode tombstone = json.createObjectNode();
        tombstone.put("id", id);
        tombstone.put("deleted", true);
        tombstone.put("deleted_time", deleted.path("deleted_time").asText());
        tombstone.put("type", deleted.path("type").asText(null));
        send(spec, tombstone.toString(), id, deleted.path("deleted_time").asText(), true, 1);
    }

    private void send(SyncSpec spec, String body, String recordId, String modifiedTime, boolean tombstone, int count) {
        Exchange result = producer.send(sinkOf(spec), exchange -> {
            var message = exchange.getMessage();
            message.setHeader(ZohoHeaders.CONNECTION_ID, spec.connectionId());
            message.setHeader(ZohoHeaders.MODULE, spec.module());
            message.setHeader(SYNC_ID, spec.id());
            message.setHeader(DELETED, tombstone);
            message.setHeader("ZohoRecordCount", count);
            if (recordId != null) {
                message.setHeader(ZohoHeaders.RECORD_ID, recordId);
            }
            if (modifiedTime != null) {
                message.setHeader(ZohoHeaders.MODIFIED_TIME, modifiedTime);
            }
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(body);
        });
        if (result.getException() != null) {
            throw new IllegalStateException("the sink " + spec.sink().replaceAll("\\?.*", "") + " refused a message: "
                    + result.getException().getMessage(), result.getException());
        }
    }

    /** The sink endpoint, resolved once (resolving a URI per record costs more than sending the record). */
    private Endpoint sinkOf(SyncSpec spec) {
        return sinks.computeIfAbsent(spec.sink(), uri -> producer.getCamelContext().getEndpoint(uri));
    }

    private static Instant modifiedTime(ObjectNode record) {
        Instant at = parse(record.path(ModuleFields.MODIFIED_TIME).asText(null));
        if (at == null) {
            throw new IllegalStateException("record " + record.path("id").asText() + " has no readable Modified_Time");
        }
        return at;
    }

    private static Instant parse(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The node is shutting down: the run ends at a page boundary, its checkpoint kept. */
    private static final class StoppedForShutdown extends RuntimeException {
        StoppedForShutdown() {
            super("stopped for shutdown", null, false, false);
        }
    }
}
