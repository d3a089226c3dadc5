package io.zohoconnect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import io.zohoconnect.connection.DatabaseReachability;
import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.credentials.TokenUnavailableException;
import io.zohoconnect.credits.ReadCosts;
import io.zohoconnect.crm.CreditMeter;
import io.zohoconnect.crm.CreditsExhaustedException;
import io.zohoconnect.crm.wire.ZohoDates;
import io.zohoconnect.lifecycle.GracefulShutdown;

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
 * Messages go into the route of the {@code zoho-crm:changes} consumer that follows the sync
 * ({@link ConsumerSyncs}): however a sync was declared, that consumer is what runs it.
 *
 * <p>A run reports what breaks it — Zoho, the sink, the database — instead of throwing it: said at WARN
 * with its cause, counted ({@code zoho_sync_failures_total}) and recorded ({@code last_error}, the failure
 * count, the run history), and the run's lease is given back. What an unreachable database cannot take
 * waits in the {@link SyncBacklog} until it answers again.
 */
@Component
public class ModuleSync {

    static final String DELETED = ZohoHeaders.DELETED;
    static final String SYNC_ID = ZohoHeaders.SYNC_ID;
    private static final Logger log = LoggerFactory.getLogger(ModuleSync.class);
    /** Deletions before a sync's first run are not its sink's business; this covers clock skew with Zoho. */
    private static final Duration FIRST_DELETIONS_LOOKBACK = Duration.ofMinutes(5);

    private final SyncStateStore store;
    private final ModuleReader reader;
    private final ModuleFields fields;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final SyncSettings settings;
    private final String node;
    private final GracefulShutdown shutdown;
    private final PagePrefetch prefetch;
    private final BulkExport bulk;
    private final SyncBacklog backlog;
    private final ReadCosts readCosts;
    /** Syncs whose missing connection was already reported at INFO: a scheduled sync would say it every run. */
    private final Set<String> toldMissing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Where each sync's messages go: into the route of the zoho-crm:changes consumer that follows it. */
    private final Map<String, SyncDelivery> consumers = new java.util.concurrent.ConcurrentHashMap<>();

    public ModuleSync(SyncStateStore store, ModuleReader reader, ModuleFields fields, SyncMetrics metrics, Clock clock,
            SyncSettings settings, NodeIdentity node, GracefulShutdown shutdown, PagePrefetch prefetch, BulkExport bulk, SyncBacklog backlog,
            ReadCosts readCosts) {
        this.store = store;
        this.reader = reader;
        this.fields = fields;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.node = node.id();
        this.shutdown = shutdown;
        this.prefetch = prefetch;
        this.bulk = bulk;
        this.backlog = backlog;
        this.readCosts = readCosts;
    }

    /** From now on, runs of this sync (on its schedule, or started by the API) deliver into this consumer. */
    void attach(String syncId, SyncDelivery consumer) {
        consumers.put(syncId, consumer);
    }

    void detach(String syncId, SyncDelivery consumer) {
        consumers.remove(syncId, consumer);
    }

    public SyncReport run(SyncSpec spec) {
        SyncDelivery to = consumers.get(spec.id());
        // the run's calls carry its meter: the credits the ledger charged them are the run's figure
        CreditMeter meter = new CreditMeter();
        try {
            return meter.counting(() -> run(spec, to != null ? to : unfollowed(spec)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SyncReport run(SyncSpec spec, SyncDelivery to) {
        if (shutdown.stopping()) {
            return new SyncReport(spec.id(), SyncReport.Outcome.STOPPED, 0, 0, 0, "not started: the node is shutting down");
        }
        long[] delivered = {0, 0};
        // a lease per run, not per node: the same node must not run one sync twice at once either
        String node = this.node + "/" + UUID.randomUUID().toString().substring(0, 8);
        try {
            // what an outage left unwritten first: a lease a failed run still holds would make this run a skip
            backlog.write();
            store.ensure(spec);
            if (!store.tryLease(spec.id(), node, settings.leaseDuration())) {
                return new SyncReport(spec.id(), SyncReport.Outcome.SKIPPED_RUNNING_ELSEWHERE, 0, 0, 0,
                        "already running (on this or another node)");
            }
        } catch (RuntimeException e) {
            return failed(spec, delivered, 0, e);
        }
        int restarts = 0;
        // given back by the shutdown if the page in flight outlives its grace period
        GracefulShutdown.HeldLease held = shutdown.hold("sync " + spec.id(), () -> store.release(spec.id(), node));
        try {
            SyncState state = store.find(spec.id()).orElseThrow();
            boolean whole = spec.mode() == SyncSpec.Mode.FULL || spec.mode() == SyncSpec.Mode.BULK;
            store.startRun(spec.id(), node, whole && state.runComplete());
            List<String> fieldList = spec.fields().isEmpty() ? fields.fieldsOf(spec.connectionId(), spec.module()) : spec.fields();
            List<List<String>> groups = ModuleFields.groups(fieldList);
            // the fields as listed (Modified_Time added): their groups of 50 are the listing's calls per page
            boolean listing = readsByListing(spec, state, groups.stream().mapToInt(List::size).sum());
            if (!listing) {
                // Bulk Read jobs instead of listing pages; one job exports every field: no groups of 50
                bulk.export(spec, groups.stream().flatMap(List::stream).toList(), progress(spec, node, to, delivered));
            }
            while (listing) {
                try {
                    readModule(spec, groups, delivered, node, to);
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
                readDeletions(spec, delivered, node, to);
            }
            if (shutdown.stopping()) {
                throw new StoppedForShutdown();
            }
            recordCredits(spec.id());
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
            CreditsExhaustedException exhausted = CreditsExhaustedException.in(e);
            if (exhausted != null) {
                return waitForCredits(spec, delivered, restarts, exhausted);
            }
            TokenUnavailableException unavailable = tokenUnavailable(e);
            if (unavailable != null && unavailable.reason() != TokenUnavailableException.Reason.DATABASE_UNAVAILABLE) {
                notConnected(spec, unavailable);
                return new SyncReport(spec.id(), SyncReport.Outcome.SKIPPED_NOT_CONNECTED, delivered[0], delivered[1],
                        restarts, unavailable.getMessage());
            }
            return failed(spec, delivered, restarts, e);
        } finally {
            release(spec.id(), node);
            held.close();
        }
    }

    /**
     * The org's API credits for this work are used up: the run ends at its last checkpoint, not failed, and
     * says until when it waits; its next run (on its schedule) resumes from the checkpoint.
     */
    private SyncReport waitForCredits(SyncSpec spec, long[] delivered, int restarts, CreditsExhaustedException e) {
        String message = "waiting for credits until " + e.retryAt();
        log.info("Sync {}: {} after {} records ({}); it resumes from its checkpoint", spec.id(), message, delivered[0],
                e.getMessage());
        try {
            recordCredits(spec.id());
            store.waitForCredits(spec.id(), e.retryAt());
        } catch (RuntimeException unrecorded) {
            if (!DatabaseReachability.isOutage(unrecorded)) {
                throw unrecorded;
            }
        }
        return new SyncReport(spec.id(), SyncReport.Outcome.WAITING_FOR_CREDITS, delivered[0], delivered[1], restarts,
                message);
    }

    /**
     * Whether this run lists pages (else it exports through Bulk Read jobs): the mode's path; with
     * {@code readPath=auto}, for a run that reads the whole module, the path that costs the fewest credits for the
     * records the last successful run delivered ({@link ReadCosts}). No such run yet: the mode's path, which then
     * gives the count.
     */
    private boolean readsByListing(SyncSpec spec, SyncState state, int fieldCount) {
        boolean modeLists = spec.mode() != SyncSpec.Mode.BULK;
        boolean whole = spec.mode() == SyncSpec.Mode.FULL || spec.mode() == SyncSpec.Mode.BULK;
        if (spec.readPath() != SyncSpec.ReadPath.AUTO || !whole || state.lastSuccessAt() == null
                || !state.lastSuccessAt().equals(state.lastRunFinishedAt())) {
            return modeLists;
        }
        ReadCosts.Estimate estimate = readCosts.estimate(state.lastRunRecords(), fieldCount);
        boolean lists = estimate.cheapest() == ReadCosts.Path.LISTING;
        log.info("Sync {}: reading {} by {} (for {} records: listing {} credits, Bulk Read {})", spec.id(), spec.module(),
                lists ? "listing" : "Bulk Read", estimate.records(), estimate.listing(), estimate.bulk());
        return lists;
    }

    /** The credits the run spent, on its state before its end is: the run history samples both together. */
    private void recordCredits(String syncId) {
        CreditMeter meter = CreditMeter.current();
        if (meter != null) {
            store.runCredits(syncId, meter.credits());
        }
    }

    /** Says and counts a failed run, and records it — now, or once the database answers again. */
    private SyncReport failed(SyncSpec spec, long[] delivered, int restarts, Exception e) {
        String message = DatabaseReachability.isOutage(e)
                ? "the database is unreachable: " + DatabaseReachability.describe(e)
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        metrics.failed(spec);
        log.warn("Sync {} failed after {} records (resumes from its checkpoint): {}", spec.id(), delivered[0], message);
        Instant at = clock.instant();
        try {
            recordCredits(spec.id());
            store.failRuns(spec.id(), message, at, 1);
        } catch (RuntimeException unrecorded) {
            if (!DatabaseReachability.isOutage(unrecorded)) {
                throw unrecorded;
            }
            backlog.failed(spec.id(), message, at);
        }
        return new SyncReport(spec.id(), SyncReport.Outcome.FAILED, delivered[0], delivered[1], restarts, message);
    }

    /** The lease back, now or once the database answers again: the next run must not wait for it to expire. */
    private void release(String syncId, String owner) {
        try {
            store.release(syncId, owner);
        } catch (RuntimeException e) {
            if (!DatabaseReachability.isOutage(e)) {
                throw e;
            }
            backlog.release(syncId, owner);
        }
    }

    private void notConnected(SyncSpec spec, TokenUnavailableException unavailable) {
        try {
            store.fail(spec.id(), unavailable.getMessage());
        } catch (RuntimeException e) {
            if (!DatabaseReachability.isOutage(e)) {
                throw e;
            }
            // the next run says it again
        }
        sayNotConnected(spec, unavailable);
    }

    /** A bulk export's view of this run: its lease, its counts, its delivery. */
    private BulkExport.Progress progress(SyncSpec spec, String node, SyncDelivery to, long[] delivered) {
        return new BulkExport.Progress() {
            @Override
            public SyncDelivery delivery() {
                return to;
            }

            @Override
            public void delivered(long records) {
                if (!store.progress(spec.id(), node, records, settings.leaseDuration())) {
                    throw new IllegalStateException("lost the sync lease; another node took over");
                }
                delivered[0] += records;
                metrics.delivered(spec, records);
            }

            @Override
            public void keepAlive() {
                if (!store.tryLease(spec.id(), node, settings.leaseDuration())) {
                    throw new IllegalStateException("lost the sync lease; another node took over");
                }
            }

            @Override
            public boolean stopping() {
                return shutdown.stopping();
            }
        };
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

    private void readModule(SyncSpec spec, List<List<String>> groups, long[] delivered, String node, SyncDelivery to)
            throws Exception {
        SyncState state = store.find(spec.id()).orElseThrow();
        Instant cursor = state.cursorTime();
        Set<String> atCursor = new HashSet<>(state.cursorIds());
        Instant modifiedAfter = cursor == null ? null : cursor.minusSeconds(1);
        int page = 1;
        PageRead current = readPage(spec, groups, new String[groups.size()], page, modifiedAfter);
        Future<PageRead> ahead = null;
        try {
            while (true) {
                if (current.primary().records().isEmpty()) {
                    return;
                }
                boolean more = current.primary().moreRecords();
                if (more && !shutdown.stopping()) {
                    // the next page is read while the sink takes this one: Zoho's answer time and the sink's work
                    // overlap instead of adding up. Only reads run ahead; checkpoints stay in page order.
                    PageRead read = current;
                    int next = page + 1;
                    ahead = prefetch.submit(() -> readPage(spec, groups, read.tokens(), next, modifiedAfter));
                }
                List<CrmRecord> fresh = new ArrayList<>(current.records().size());
                List<String> freshTimes = new ArrayList<>(current.records().size());
                Instant pageCursor = cursor;
                Set<String> pageAtCursor = new HashSet<>(atCursor);
                for (CrmRecord record : current.records()) {
                    String id = record.id();
                    String time = record.text(ModuleFields.MODIFIED_TIME);
                    Instant modified = modifiedTime(id, time);
                    if (cursor != null && (modified.isBefore(cursor) || modified.equals(cursor) && atCursor.contains(id))) {
                        continue; // delivered by an earlier page or run
                    }
                    fresh.add(record);
                    freshTimes.add(time);
                    if (pageCursor == null || modified.isAfter(pageCursor)) {
                        pageCursor = modified;
                        pageAtCursor = new HashSet<>();
                    }
                    if (modified.equals(pageCursor)) {
                        pageAtCursor.add(id);
                    }
                }
                if (!fresh.isEmpty()) {
                    deliver(spec, fresh, freshTimes, to);
                    if (!store.checkpoint(spec.id(), node, pageCursor, pageAtCursor, fresh.size(), settings.leaseDuration())) {
                        throw new IllegalStateException("lost the sync lease; another node took over");
                    }
                    delivered[0] += fresh.size();
                    metrics.delivered(spec, fresh.size());
                    cursor = pageCursor;
                    atCursor = pageAtCursor;
                }
                if (!more) {
                    return;
                }
                if (shutdown.stopping()) {
                    // the page is delivered and checkpointed: stop here, whoever runs the sync next resumes after it
                    throw new StoppedForShutdown();
                }
                current = ahead != null ? prefetch.await(ahead)
                        : readPage(spec, groups, current.tokens(), page + 1, modifiedAfter);
                ahead = null;
                page++;
            }
        } finally {
            if (ahead != null) {
                ahead.cancel(false); // the run stopped early: the page read ahead is not needed
            }
        }
    }

    /** One page of the pass: the primary group's page merged with the other groups', and the tokens that follow it. */
    private PageRead readPage(SyncSpec spec, List<List<String>> groups, String[] tokens, int page, Instant modifiedAfter) {
        String[] next = tokens.clone();
        ModulePage primary = reader.page(spec.connectionId(), spec.module(), groups.get(0), next[0], page, modifiedAfter);
        if (primary.records().isEmpty()) {
            return new PageRead(primary, List.of(), next);
        }
        List<CrmRecord> records = merge(spec, groups, primary, next, page, modifiedAfter);
        next[0] = primary.nextPageToken();
        return new PageRead(primary, records, next);
    }

    /** A page read: its primary listing (for more_records), the merged records, and each group's next page token. */
    private record PageRead(ModulePage primary, List<CrmRecord> records, String[] tokens) {
    }

    /**
     * The primary page's records with the fields of the other groups, fetched in step and merged by
     * id; a record another group's page lacks (it moved while we paged) is fetched by id.
     */
    private List<CrmRecord> merge(SyncSpec spec, List<List<String>> groups, ModulePage primary, String[] tokens,
            int page, Instant modifiedAfter) {
        if (groups.size() == 1) {
            return primary.records();
        }
        Map<String, CrmRecord> byId = new LinkedHashMap<>();
        primary.records().forEach(r -> byId.put(r.id(), r));
        Map<String, Integer> covered = new HashMap<>();
        for (int g = 1; g < groups.size(); g++) {
            ModulePage other = reader.page(spec.connectionId(), spec.module(), groups.get(g), tokens[g], page, modifiedAfter);
            for (CrmRecord record : other.records()) {
                CrmRecord target = byId.get(record.id());
                if (target != null) {
                    target.putAll(record);
                    covered.merge(record.id(), 1, Integer::sum);
                }
            }
            tokens[g] = other.nextPageToken();
        }
        int others = groups.size() - 1;
        for (Map.Entry<String, CrmRecord> entry : byId.entrySet()) {
            if (covered.getOrDefault(entry.getKey(), 0) < others) {
                CrmRecord full = reader.record(spec.connectionId(), spec.module(), entry.getKey());
                if (full != null) {
                    full.forEach(entry.getValue()::putIfAbsent);
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private void readDeletions(SyncSpec spec, long[] delivered, String node, SyncDelivery to) throws Exception {
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
            for (CrmRecord record : deleted.records()) {
                String id = record.id();
                String deletedTime = record.text("deleted_time");
                Instant at = ZohoDates.parse(deletedTime);
                if (at == null || at.isBefore(cursor) || at.equals(cursor) && atCursor.contains(id)) {
                    continue;
                }
                CrmRecord tombstone = new CrmRecord();
                tombstone.put("id", id);
                tombstone.put("deleted", true);
                tombstone.put("deleted_time", deletedTime);
                tombstone.put("type", record.text("type"));
                to.deliver(new SyncMessage(spec, tombstone, id, deletedTime, true, 1));
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

    private static void deliver(SyncSpec spec, List<CrmRecord> records, List<String> times, SyncDelivery to)
            throws Exception {
        if (spec.batch() == SyncSpec.Batch.PAGE) {
            to.deliver(new SyncMessage(spec, new CrmRecordPage(records), null, times.get(times.size() - 1), false,
                    records.size()));
        } else {
            for (int i = 0; i < records.size(); i++) {
                CrmRecord record = records.get(i);
                to.deliver(new SyncMessage(spec, record, record.id(), times.get(i), false, 1));
            }
        }
    }

    /**
     * A sync no consumer follows (its route stopped as the run was asked for): the run fails at its first message,
     * before any checkpoint, and says why; the next run after the route is back resumes from the checkpoint.
     */
    private static SyncDelivery unfollowed(SyncSpec spec) {
        return message -> {
            throw new IllegalStateException("no route follows sync " + spec.id() + " (its zoho-crm:changes route is"
                    + " not running)");
        };
    }

    private static Instant modifiedTime(String id, String time) {
        Instant at = ZohoDates.parse(time);
        if (at == null) {
            throw new IllegalStateException("record " + id + " has no readable Modified_Time");
        }
        return at;
    }

    /** The node is shutting down: the run ends at a page boundary, its checkpoint kept. */
    private static final class StoppedForShutdown extends RuntimeException {
        StoppedForShutdown() {
            super("stopped for shutdown", null, false, false);
        }
    }
}
