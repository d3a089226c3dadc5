package io.zohoconnect.component;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.pollconsumer.quartz.QuartzScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.quartz.CronExpression;

/**
 * {@code zoho-crm:{operation}[/{module}]}: Zoho CRM for one connection of this service. The
 * producer lists, reads, searches, queries and writes records ({@link ZohoCrmProducer}); the consumer
 * ({@code changes/{module}}) follows a module's changes ({@link ZohoCrmChangesConsumer}). Tokens and
 * data centers are the service's business: a route names a connection, nothing else.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "zoho-crm", title = "Zoho CRM", syntax = "zoho-crm:operation/module",
        category = { Category.CLOUD, Category.API, Category.SAAS }, headersClass = ZohoHeaders.class)
public class ZohoCrmEndpoint extends ScheduledPollEndpoint {

    static final String DEFAULT_SCHEDULE = "0 0/15 * * * ?";
    /** mode=notifications: the schedule is the gap fill's safety pass, more often than a polling sync's. */
    static final String DEFAULT_NOTIFICATIONS_SCHEDULE = "0 0/10 * * * ?";

    @UriParam
    private ZohoCrmConfiguration configuration;

    public ZohoCrmEndpoint(String uri, ZohoCrmComponent component, ZohoCrmConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    public ZohoCrmConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ZohoCrmConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ZohoCrmComponent getComponent() {
        return (ZohoCrmComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (crmOperation() == CrmOperation.CHANGES) {
            throw new IllegalArgumentException("zoho-crm:changes is a consumer (from), not a producer (to)");
        }
        return new ZohoCrmProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (crmOperation() != CrmOperation.CHANGES) {
            throw new IllegalArgumentException("zoho-crm:" + crmOperation().uriName() + " is a producer (to); the consumer is"
                    + " zoho-crm:changes/{module}");
        }
        ZohoCrmChangesConsumer consumer = new ZohoCrmChangesConsumer(this, processor, syncSpec());
        configureConsumer(consumer);
        // the sync runs on its cron only (no initial run at start-up): a Quartz trigger per sync
        QuartzScheduledPollConsumerScheduler scheduler = new QuartzScheduledPollConsumerScheduler();
        scheduler.setCamelContext(getCamelContext());
        scheduler.setCron(consumer.spec().schedule());
        scheduler.setTriggerGroup("zoho-crm-changes");
        scheduler.setTriggerId(consumer.spec().id());
        consumer.setScheduler(scheduler);
        return consumer;
    }

    /** What the consumer of this endpoint syncs; a clear error for options that do not make a sync. */
    SyncSpec syncSpec() {
        ZohoCrmConfiguration c = configuration;
        String connection = defaultConnectionId();
        if (connection == null || connection.isBlank()) {
            throw new IllegalArgumentException("zoho-crm:changes/" + c.getModule() + " needs a connectionId (option, or the"
                    + " component's camel.component.zoho-crm.connection-id)");
        }
        String schedule = c.getSchedule();
        String cron = schedule == null || schedule.isBlank()
                ? c.getMode() == SyncSpec.Mode.NOTIFICATIONS ? DEFAULT_NOTIFICATIONS_SCHEDULE : DEFAULT_SCHEDULE
                : schedule.trim();
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("zoho-crm:changes/" + c.getModule() + ": schedule '" + cron + "' is not a"
                    + " Quartz cron expression, e.g. 0 0/15 * * * ? (every 15 minutes)");
        }
        String id = c.getSyncId() == null || c.getSyncId().isBlank() ? connection + "-" + c.getModule() : c.getSyncId().trim();
        // the sink is the consumer's route; shown in /api/syncs
        return new SyncSpec(id, connection, c.getModule(), SyncSpec.fieldList(c.getFields()), "route:" + id, cron,
                c.getMode(), c.isDeletions(), c.getBatch(), BulkCriteria.check(c.getBulkCriteria()), c.getReadPath());
    }

    public CrmOperation crmOperation() {
        return configuration.getOperation();
    }

    /** The connection of this endpoint when the exchange names none: its own, else the component's. */
    public String defaultConnectionId() {
        String own = configuration.getConnectionId();
        return own != null ? own : getComponent().getConnectionId();
    }

    /**
     * The connection an exchange is for, by the one rule of the component: a connection this endpoint names
     * is kept unless {@code allowConnectionOverride}; otherwise the {@code ZohoConnectionId} header (when
     * present), else {@link #defaultConnectionId()}. Null when none is known.
     */
    public String connectionOf(String header) {
        String own = configuration.getConnectionId();
        boolean pinned = own != null && !own.isEmpty() && !configuration.isAllowConnectionOverride();
        if (!pinned && header != null && !header.isEmpty()) {
            return header;
        }
        String fallback = defaultConnectionId();
        return fallback == null || fallback.isEmpty() ? null : fallback;
    }

    /** Where refused records go: this endpoint's option, else the component's. */
    public String effectiveDeadLetterUri() {
        String own = configuration.getDeadLetterUri();
        return own != null ? own : getComponent().getDeadLetterUri();
    }
}
