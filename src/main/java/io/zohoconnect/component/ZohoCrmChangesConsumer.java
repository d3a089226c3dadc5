package io.zohoconnect.component;

import io.zohoconnect.notifications.NotificationStreams;
import io.zohoconnect.sync.ConsumerSyncs;
import io.zohoconnect.sync.SyncHeaders;
import io.zohoconnect.sync.SyncMessage;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("zoho-crm:changes/{module}")}: the module sync engine as a polling consumer. Each tick
 * of its cron runs the sync — page tokens past 2,000 records, field groups of 50 merged by id,
 * If-Modified-Since from the checkpoint, tombstones, a lease so one node runs it at a time — and
 * hands every record (or page) to the route. A page is checkpointed once the route accepted all of
 * it; a message the route fails stops the run there, and the next tick resumes from the checkpoint.
 * A connection that does not exist yet is said once at INFO; the consumer keeps trying each tick.
 *
 * <p>{@code mode=notifications}: records come from Zoho's watch callbacks ({@link NotificationStreams});
 * the sync runs as the gap fill at start and at each tick, skipping what notifications delivered.
 */
public class ZohoCrmChangesConsumer extends ScheduledPollConsumer {

    private static final Logger log = LoggerFactory.getLogger(ZohoCrmChangesConsumer.class);
    private final SyncSpec declared;
    private ConsumerSyncs.Registration registration;
    private NotificationStreams.Stream notifications;

    public ZohoCrmChangesConsumer(ZohoCrmEndpoint endpoint, Processor processor, SyncSpec spec) {
        super(endpoint, processor);
        this.declared = spec;
    }

    @Override
    public ZohoCrmEndpoint getEndpoint() {
        return (ZohoCrmEndpoint) super.getEndpoint();
    }

    /** The sync this consumer runs (once started: the one it registered or joined, with its route's sink). */
    public SyncSpec spec() {
        return registration != null ? registration.spec() : declared;
    }

    @Override
    protected void doStart() throws Exception {
        SyncSpec declared = withSinkOfRoute(this.declared);
        if (declared.mode() == SyncSpec.Mode.NOTIFICATIONS) {
            ConsumerSyncs syncs = getEndpoint().getComponent().consumerSyncs();
            notifications = getEndpoint().getComponent().notificationStreams().open(declared, this::deliver,
                    () -> syncs.run(spec()));
            try {
                registration = syncs.follow(declared, notifications::deliverGapFill);
            } catch (RuntimeException refused) {
                notifications.close(false);
                notifications = null;
                throw refused;
            }
            notifications.start();
        } else {
            registration = getEndpoint().getComponent().consumerSyncs().follow(declared, this::deliver);
        }
        super.doStart();
        // Camel's consumer health check counts a scheduled consumer as not ready until its first poll,
        // and a cron may not fire for hours: that would keep the node out of its load balancer. A
        // sync's own state (last run, error, lag) is reported by the sync API, metrics and dashboard.
        forceConsumerAsReady();
    }

    /**
     * The sync as its route describes it: a route that names its sink ({@link ConsumerSyncs#SINK_ROUTE_PROPERTY},
     * as the {@code zoho-module-sync} template and {@code zoho.syncs} do) shows that sink rather than the route.
     */
    private SyncSpec withSinkOfRoute(SyncSpec spec) {
        Route route = getRouteId() == null ? null : getEndpoint().getCamelContext().getRoute(getRouteId());
        Object sink = route == null ? null : route.getProperties().get(ConsumerSyncs.SINK_ROUTE_PROPERTY);
        return sink == null || sink.toString().isBlank() ? spec : spec.withSink(sink.toString());
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (notifications != null) {
            // the route stopped with the service running: for good, so the channel is disabled at Zoho; a node
            // shutting down leaves it to the other nodes (or to its expiry and the gap fill at the next start)
            notifications.close(!getEndpoint().getCamelContext().isStopping());
            notifications = null;
        }
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    @Override
    protected int poll() {
        ConsumerSyncs.Registration current = registration;
        if (current == null) {
            return 0;
        }
        SyncReport report;
        try {
            NotificationStreams.Stream stream = notifications;
            report = stream != null ? stream.maintainAndFill(true)
                    : getEndpoint().getComponent().consumerSyncs().run(current.spec());
            if (report == null) {
                return 0;
            }
        } catch (RuntimeException failed) {
            // a run itself never throws (the engine says, counts and records its failures); this is the poll around
            // it — the notification channel's upkeep, say. Said here, not thrown on: Camel would mark the node
            // unready for one module's trouble
            log.warn("Sync {}: this poll failed, the next one tries again: {}", current.spec().id(),
                    failed.toString().replaceAll("\\p{Cntrl}+", " "));
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, report.records() + report.tombstones());
    }

    /** One message into the route, on the sync's thread: the run goes on only once the route is done with it. */
    private void deliver(SyncMessage message) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            SyncHeaders.set(exchange.getMessage(), message);
            exchange.getMessage().setBody(message.body());
            getProcessor().process(exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                throw failure;
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
