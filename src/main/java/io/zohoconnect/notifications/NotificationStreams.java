package io.zohoconnect.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.credentials.TokenUnavailableException;
import io.zohoconnect.crm.ZohoApiSettings;
import io.zohoconnect.crm.CreditsExhaustedException;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.crm.wire.ZohoDates;
import io.zohoconnect.events.ConnectionEvents;
import io.zohoconnect.lifecycle.GracefulShutdown;
import io.zohoconnect.sync.CrmRecord;
import io.zohoconnect.sync.CrmRecordPage;
import io.zohoconnect.sync.SyncDelivery;
import io.zohoconnect.sync.SyncMessage;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSettings;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code mode=notifications}: the syncs of this node that follow Zoho's watch callbacks. For each, a
 * {@link Stream} keeps the sync's channel ({@link ChannelKeeper}, under the sync's lease, so one node does
 * it), works off the ids callbacks stored (any node
 * may have taken them) by reading each record and handing it to the route, and runs the incremental
 * sync as the gap fill: at start, at the consumer's schedule, and whenever the channel was (re)made.
 * The gap fill skips what notifications delivered, so nothing is sent twice.
 *
 * <p>Notified ids are worked off under the sync's lease too: never beside a gap-fill run, never on two
 * nodes at once. A sweep every {@code zoho.notifications.sweep} picks up ids no node worked off yet and
 * channels due for renewal.
 */
@Component
public class NotificationStreams implements DisposableBean {

    public static final String CALLBACK_PATH = "/zoho/notifications";
    /** A channel that could not be made or renewed is tried again this soon. */
    static final java.time.Duration RETRY_AFTER_FAILURE = java.time.Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);
    /** The event when a sync's connection lacks the scopes its mode needs (with the audit entry it makes). */
    public static final String SCOPES_MISSING_EVENT = "connection.scopes_missing";
    private final ZohoApiSettings properties;
    private final NotificationSettings settings;
    private final ChannelKeeper keeper;
    private final NotificationInbox inbox;
    private final NotifiedRecordReader reader;
    private final SyncStateStore states;
    private final SyncSettings syncSettings;
    private final ConnectionStore connections;
    private final Clock clock;
    private final GracefulShutdown shutdown;
    private final String node;
    private final MeterRegistry meters;
    private final ConnectionEvents events;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    /** Works off notified ids (and runs the sweep): short tasks, never waiting behind a gap fill. */
    private final ScheduledThreadPoolExecutor executor;
    /** Channel upkeep and the gap fills it starts: long runs, one at a time per node. */
    private final ExecutorService upkeep;
    private final ExecutorServiceManager pools;
    private ScheduledFuture<?> sweep;

    NotificationStreams(ZohoApiSettings properties, NotificationSettings settings, ChannelKeeper keeper,
            NotificationInbox inbox, NotifiedRecordReader reader, SyncStateStore states,
            SyncSettings syncSettings, ConnectionStore connections, Clock clock,
            GracefulShutdown shutdown, NodeIdentity node, MeterRegistry meters, ConnectionEvents events,
            CamelContext camel) {
        this.properties = properties;
        this.settings = settings;
        this.keeper = keeper;
        this.inbox = inbox;
        this.reader = reader;
        this.states = states;
        this.syncSettings = syncSettings;
        this.connections = connections;
        this.clock = clock;
        this.shutdown = shutdown;
        this.node = node.id();
        this.meters = meters;
        this.events = events;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "zoho-notifications-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        // a Camel-managed single thread (named, daemon, shut down with the Camel context) with an unbounded
        // queue: at most one upkeep per stream waits in it
        this.pools = camel.getExecutorServiceManager();
        this.upkeep = pools.newThreadPool(this, "ZohoNotificationsUpkeep", new ThreadPoolProfileBuilder(
                "ZohoNotificationsUpkeep").poolSize(1).maxPoolSize(1).maxQueueSize(-1).build());
    }

    /**
     * Follows {@code spec} by notifications: records go to {@code route}; {@link Stream#start()} makes the
     * channel and runs the first gap fill, in the background.
     *
     * @param gapFill runs the sync's incremental pass (the consumer's run of the sync engine)
     * @throws IllegalStateException when Zoho cannot reach this service ({@code zoho.public-url} unset)
     */
    public Stream open(SyncSpec spec, SyncDelivery route, Supplier<SyncReport> gapFill) {
        if (!properties.hasPublicUrl()) {
            throw new IllegalStateException("zoho-crm:changes/" + spec.module() + " mode=notifications needs"
                    + " zoho.public-url (env ZOHO_PUBLIC_URL): the base URL at which Zoho reaches this service, e.g."
                    + " https://zoho-connect.example.com; Zoho then calls " + CALLBACK_PATH + " under it");
        }
        Stream stream = new Stream(spec, route, gapFill);
        if (streams.putIfAbsent(spec.id(), stream) != null) {
            throw new IllegalStateException("sync " + spec.id() + " is already followed by notifications on this node:"
                    + " give one of the consumers a syncId");
        }
        startSweep();
        return stream;
    }

    /** The ids of a callback were stored: work them off now if this node follows the sync (else another will). */
    void notified(String syncId) {
        Stream stream = streams.get(syncId);
        if (stream != null) {
            stream.wake();
        }
    }

    private synchronized void startSweep() {
        if (sweep == null) {
            long every = Math.max(100, settings.sweep().toMillis());
            sweep = executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        for (Stream stream : streams.values()) {
            try {
                if (stream.channelDue() && stream.upkeepQueued.compareAndSet(false, true)) {
                    upkeep.execute(() -> {
                        stream.upkeepQueued.set(false);
                        try {
                            stream.maintainAndFill(false);
                        } catch (RuntimeException e) {
                            log.warn("Notifications of sync {}: channel upkeep failed: {}", stream.spec.id(), e.getMessage());
                        }
                    });
                }
                if (inbox.hasPending(stream.spec.id())) {
                    stream.wake();
                }
            } catch (RuntimeException e) {
                log.warn("Notifications of sync {}: sweep failed: {}", stream.spec.id(), e.getMessage());
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
        pools.shutdownNow(upkeep);
    }

    /** One sync followed by notifications on this node. */
    public final class Stream {

        private final SyncSpec spec;
        private final SyncDelivery route;
        private final Supplier<SyncReport> gapFill;
        private final AtomicBoolean requested = new AtomicBoolean();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean upkeepQueued = new AtomicBoolean();
        private final Timer readTime;
        private final Counter delivered;
        private volatile boolean closed;
        /** When the channel next needs a look (renewal, or a retry after a failure); null: at the schedule. */
        private volatile Instant dueAt;
        private volatile String lastProblem;
        private volatile String deliveryProblem;
        /** Until when the org's credits hold this stream's reads (null: they do not). */
        private volatile Instant waitingForCredits;

        private Stream(SyncSpec spec, SyncDelivery route, Supplier<SyncReport> gapFill) {
            this.spec = spec;
            this.route = route;
            this.gapFill = gapFill;
            this.readTime = Timer.builder("zoho.notifications.record.read").tag("sync", spec.id()).publishPercentiles(0.5, 0.99)
                    .description("Reading a notified record from Zoho").register(meters);
            this.delivered = Counter.builder("zoho.notifications.delivered").tag("sync", spec.id())
                    .description("Records and tombstones delivered from Zoho's notifications").register(meters);
        }

        /** Makes the channel and runs the gap fill, in the background: once the gap fill's delivery is in place. */
        public void start() {
            upkeep.execute(() -> {
                try {
                    maintainAndFill(true);
                } catch (RuntimeException e) {
                    // the sync engine has recorded it; the schedule tries again
                    log.warn("Notifications of sync {}: the gap fill at start failed: {}", spec.id(), e.getMessage());
                }
            });
        }

        /**
         * One pass of the schedule: keep the channel, then the gap fill (always when {@code alwaysFill}, else
         * only when notifications may have been missed: the channel was made anew).
         */
        public SyncReport maintainAndFill(boolean alwaysFill) {
            if (closed || shutdown.stopping()) {
                return null;
            }
            ChannelKeeper.Upkeep upkeep = keepChannel();
            if (upkeep == ChannelKeeper.Upkeep.REFUSED) {
                return new SyncReport(spec.id(), SyncReport.Outcome.FAILED, 0, 0, 0, lastProblem);
            }
            if (!alwaysFill && !upkeep.madeAnew()) {
                return null;
            }
            SyncReport report = gapFill.get();
            states.find(spec.id()).ifPresent(state -> inbox.prune(spec.id(), state.cursorTime(), state.deletionsCursorTime()));
            return report;
        }

        /** The gap fill's delivery: what notifications already delivered is not sent again. */
        public void deliverGapFill(SyncMessage message) throws Exception {
            if (message.deleted()) {
                if (message.recordId() == null || !inbox.wasDelivered(spec.id(), message.recordId(), NotificationInbox.DELETION)) {
                    route.deliver(message);
                }
                return;
            }
            if (message.body() instanceof CrmRecordPage page) {
                List<CrmRecord> fresh = new ArrayList<>(page.size());
                for (CrmRecord record : page) {
                    if (!alreadyDelivered(record.id(), record.text(NotifiedRecordReader.MODIFIED_TIME))) {
                        fresh.add(record);
                    }
                }
                if (fresh.size() == page.size()) {
                    route.deliver(message);
                } else if (!fresh.isEmpty()) {
                    route.deliver(new SyncMessage(spec, new CrmRecordPage(fresh), null,
                            fresh.get(fresh.size() - 1).text(NotifiedRecordReader.MODIFIED_TIME), false, fresh.size()));
                }
                return;
            }
            if (!alreadyDelivered(message.recordId(), message.modifiedTime())) {
                route.deliver(message);
            }
        }

        private boolean alreadyDelivered(String recordId, String modifiedTime) {
            Instant at = ZohoDates.parse(modifiedTime);
            return recordId != null && at != null && inbox.wasDelivered(spec.id(), recordId, at.toEpochMilli());
        }

        /** Stops following; {@code forGood} (the route stopped, the service stays): the channel is disabled at Zoho. */
        public void close(boolean forGood) {
            closed = true;
            streams.remove(spec.id(), this);
            meters.remove(readTime);
            meters.remove(delivered);
            if (!forGood) {
                return;
            }
            keeper.disable(spec.id());
            inbox.forget(spec.id());
        }

        boolean channelDue() {
            Instant due = dueAt;
            return !closed && due != null && !clock.instant().isBefore(due);
        }

        // ---- the channel

        private ChannelKeeper.Upkeep keepChannel() {
            String owner = node + "/channel-" + UUID.randomUUID().toString().substring(0, 8);
            states.ensure(spec);
            if (!states.tryLease(spec.id(), owner, syncSettings.leaseDuration())) {
                dueAt = clock.instant().plusSeconds(1); // the holder may be a gap fill on another node: look again soon
                return ChannelKeeper.Upkeep.BUSY;
            }
            try {
                ChannelKeeper.Kept kept = keeper.keep(spec);
                dueAt = kept.dueAt();
                problemSolved();
                return kept.upkeep();
            } catch (TokenUnavailableException e) {
                // the gap fill says it (once, at INFO, with how to connect)
                dueAt = null;
                return ChannelKeeper.Upkeep.FAILED;
            } catch (RuntimeException e) {
                CreditsExhaustedException exhausted = CreditsExhaustedException.in(e);
                if (exhausted != null) {
                    // not a failure: the channel is looked after again once credits are free
                    waitForCredits(exhausted);
                    dueAt = exhausted.retryAt();
                    return ChannelKeeper.Upkeep.FAILED;
                }
                boolean refused = problem(e);
                // Zoho or the network may be back in a minute; missing scopes wait for a reconnect (the schedule)
                dueAt = refused ? null : clock.instant().plus(RETRY_AFTER_FAILURE);
                return refused ? ChannelKeeper.Upkeep.REFUSED : ChannelKeeper.Upkeep.FAILED;
            } finally {
                states.release(spec.id(), owner);
            }
        }

        /** @return true when the connection lacks the scopes (re-consent needed) */
        private boolean problem(RuntimeException e) {
            boolean scopeMismatch = e instanceof ZohoCrmException z && "OAUTH_SCOPE_MISMATCH".equals(z.code());
            String message = scopeMismatch
                    ? "Zoho refused the watch channel for connection '" + spec.connectionId() + "' (OAUTH_SCOPE_MISMATCH):"
                    + " reconnect it with " + String.join(", ", ChannelKeeper.SCOPES)
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean refused = scopeMismatch || e instanceof ChannelKeeper.MissingScopesException;
            states.fail(spec.id(), message);
            if (!message.equals(lastProblem)) {
                lastProblem = message;
                log.warn("Notifications of sync {}: no watch channel: {}", spec.id(), message);
                if (refused) {
                    // said once per problem: re-consent with the scopes is the fix, the owner needs to hear of it
                    connections.find(spec.connectionId()).ifPresent(connection ->
                            events.publish(SCOPES_MISSING_EVENT, connection, "sync " + spec.id() + ": " + message));
                }
            }
            return refused;
        }

        private void problemSolved() {
            lastProblem = null;
            creditsBack();
        }

        /**
         * The org's credits for background work are used up: the sync shows {@code waiting for credits until …}
         * (as a polling sync's run does), said once at INFO — not a failure, not counted, no {@code last_error}.
         */
        private void waitForCredits(CreditsExhaustedException e) {
            if (waitingForCredits == null) {
                // once per wait: the sweep meets the refusal again every pass
                log.info("Notifications of sync {}: waiting for credits until {} ({})", spec.id(), e.retryAt(), e.getMessage());
                states.waitForCredits(spec.id(), e.retryAt());
            }
            waitingForCredits = e.retryAt();
        }

        /** Work went through again after waiting for credits: the sync no longer shows the wait. */
        private void creditsBack() {
            if (waitingForCredits != null) {
                waitingForCredits = null;
                states.creditsBack(spec.id());
            }
        }

        // ---- the notified ids

        void wake() {
            requested.set(true);
            if (!closed && running.compareAndSet(false, true)) {
                executor.execute(this::drainLoop);
            }
        }

        private void drainLoop() {
            try {
                while (!closed && requested.getAndSet(false)) {
                    if (!drain()) {
                        // the lease is busy (a gap fill, or another node draining): look again shortly
                        executor.schedule(this::wake, 200, TimeUnit.MILLISECONDS);
                        return;
                    }
                }
            } finally {
                running.set(false);
                if (requested.get() && !closed && running.compareAndSet(false, true)) {
                    executor.execute(this::drainLoop);
                }
            }
        }

        /** @return false when the sync's lease is held elsewhere */
        private boolean drain() {
            String owner = node + "/notified-" + UUID.randomUUID().toString().substring(0, 8);
            states.ensure(spec);
            if (!states.tryLease(spec.id(), owner, syncSettings.leaseDuration())) {
                return false;
            }
            try {
                while (!closed && !shutdown.stopping()) {
                    List<NotificationInbox.Notified> batch = inbox.pending(spec.id(), settings.batch());
                    if (batch.isEmpty()) {
                        return true;
                    }
                    for (NotificationInbox.Notified notified : batch) {
                        try {
                            deliver(notified);
                        } catch (ZohoCrmException refused) {
                            if (!permanent(refused)) {
                                throw refused;
                            }
                            // asking again gets the same answer: the gap fill delivers the record if it can be read
                            log.warn("Notifications of sync {}: record {} could not be read ({}); left to the gap fill",
                                    spec.id(), notified.recordId(), refused.getMessage());
                        }
                        inbox.done(spec.id(), notified);
                    }
                    deliveryProblem = null;
                    creditsBack();
                    if (!states.tryLease(spec.id(), owner, syncSettings.leaseDuration())) {
                        return true; // lost it: whoever holds it now carries on
                    }
                }
                return true;
            } catch (Exception e) {
                CreditsExhaustedException exhausted = CreditsExhaustedException.in(e);
                if (exhausted != null) {
                    // not a failure: the ids stay stored and the sweep tries again (refused without reaching Zoho
                    // while the credits last), so delivery goes on as soon as they are free or the allowance is raised
                    waitForCredits(exhausted);
                    return true;
                }
                // the id stays stored: the next callback or the sweep tries again; said once per cause
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!message.equals(deliveryProblem)) {
                    deliveryProblem = message;
                    log.warn("Notifications of sync {}: delivery stopped, retried at each sweep: {}", spec.id(), message);
                } else {
                    log.debug("Notifications of sync {}: delivery still failing: {}", spec.id(), message);
                }
                return true;
            } finally {
                states.release(spec.id(), owner);
            }
        }

        /** Zoho refused the read for good (no permission, bad id…): not a 401, 429, 5xx or IO error. */
        private static boolean permanent(ZohoCrmException e) {
            return e.status() >= 400 && e.status() < 500 && e.status() != 401 && e.status() != 429;
        }

        private void deliver(NotificationInbox.Notified notified) throws Exception {
            String id = notified.recordId();
            if (notified.deletion()) {
                if (!spec.deletions() || inbox.wasDelivered(spec.id(), id, NotificationInbox.DELETION)) {
                    return;
                }
                String deletedTime = ZohoDates.format(notified.serverTime() != null
                        ? Instant.ofEpochMilli(notified.serverTime()) : clock.instant());
                CrmRecord tombstone = new CrmRecord();
                tombstone.put("id", id);
                tombstone.put("deleted", true);
                tombstone.put("deleted_time", deletedTime);
                tombstone.put("type", null); // Zoho's callback does not say recycle or permanent
                route.deliver(new SyncMessage(spec, tombstone, id, deletedTime, true, 1));
                inbox.delivered(spec.id(), id, NotificationInbox.DELETION);
                delivered.increment();
                return;
            }
            long started = System.nanoTime();
            CrmRecord record = reader.read(spec, id);
            readTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (record == null) {
                return; // deleted since: its deletion is notified (or found by the gap fill)
            }
            String modifiedTime = record.text(NotifiedRecordReader.MODIFIED_TIME);
            Instant modified = ZohoDates.parse(modifiedTime);
            if (modified != null && inbox.wasDelivered(spec.id(), id, modified.toEpochMilli())) {
                return; // this version of it was delivered already (a repeated callback)
            }
            Object body = spec.batch() == SyncSpec.Batch.PAGE ? new CrmRecordPage(List.of(record)) : record;
            route.deliver(new SyncMessage(spec, body, spec.batch() == SyncSpec.Batch.PAGE ? null : id, modifiedTime,
                    false, 1));
            if (modified != null) {
                inbox.delivered(spec.id(), id, modified.toEpochMilli());
            }
            delivered.increment();
        }
    }
}
