package io.zohoconnect.component;

import java.util.Locale;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
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

    @UriPath(enums = CrmOperation.NAMES, description = "What to do: list, get, search, coql, insert, update, upsert,"
            + " delete or raw (producer); changes (consumer)")
    @Metadata(required = true)
    private String operation;

    @UriPath(description = "The CRM module's API name, e.g. Leads, Contacts, Deals (not for coql and raw)")
    private String module;

    @UriParam(description = "Id of the connection (as given at connect) whose Zoho org is called. An endpoint that names"
            + " its connection keeps it: the ZohoConnectionId header is ignored unless allowConnectionOverride=true"
            + " (headers may come from callers: platform-http, AMQP, Kamelets). Without this option the ZohoConnectionId"
            + " header decides, else the component's connectionId")
    private String connectionId;

    @UriParam(defaultValue = "false", description = "Whether the ZohoConnectionId header may switch this endpoint to another"
            + " connection than the one its connectionId option names. Off by default: a header is caller input wherever"
            + " a route takes messages from outside, and would let a caller reach any connection. Without a"
            + " connectionId option the header always decides")
    private boolean allowConnectionOverride;

    @UriParam(description = "Comma-separated field API names to read (list: mandatory at Zoho, at most 50;"
            + " changes: empty means every field of the module)")
    private String fields;

    // ---- producer: list

    @UriParam(label = "producer", description = "list: records per page, 1-200 (Zoho's default 200)")
    private Integer perPage;

    @UriParam(label = "producer", description = "list: page number, 1-10 (only the first 2,000 records; past them use pageToken)")
    private Integer page;

    @UriParam(label = "producer", description = "list: field to sort by: id, Created_Time or Modified_Time")
    private String sortBy;

    @UriParam(label = "producer", enums = "asc,desc", description = "list: sort order")
    private String sortOrder;

    @UriParam(label = "producer", description = "list: id of a custom view whose records to list")
    private String cvid;

    @UriParam(label = "producer", description = "list: Zoho's next_page_token from the previous page (the ZohoPageToken header"
            + " overrides it); reaches past 2,000 records")
    private String pageToken;

    // ---- producer: get

    @UriParam(label = "producer", description = "get: the record id (the ZohoRecordId header overrides it)")
    private String id;

    // ---- producer: search

    @UriParam(label = "producer", description = "search: Zoho criteria, e.g. ((Last_Name:equals:Smith)and(Email:starts_with:a))")
    private String criteria;

    @UriParam(label = "producer", description = "search: records with this e-mail address")
    private String email;

    @UriParam(label = "producer", description = "search: records with this phone number")
    private String phone;

    @UriParam(label = "producer", description = "search: records containing this word")
    private String word;

    // ---- producer: writes

    @UriParam(label = "producer", description = "upsert: comma-separated fields that identify an existing record, e.g. Email")
    private String duplicateCheckFields;

    @UriParam(label = "producer", description = "insert, update, upsert, delete: Zoho automation to run: a comma-separated list"
            + " of workflow, approval, blueprint, or none. Default: Zoho's (all of them)")
    private String trigger;

    @UriParam(label = "producer", description = "insert, update, upsert, delete: where every record Zoho refused goes, with"
            + " Zoho's code and message (any Camel URI). Default: the component's deadLetterUri")
    private String deadLetterUri;

    @UriParam(label = "producer", defaultValue = "100", description = "insert, update, upsert, delete: records per call to"
            + " Zoho, 1-100")
    private int batchSize = CrmOperation.WRITE_BATCH_SIZE;

    // ---- consumer: changes

    @UriParam(label = "consumer", enums = "incremental,full,notifications,bulk", defaultValue = "incremental",
            description = "changes: incremental reads only what changed since the last checkpoint (the first run, with"
            + " no checkpoint yet, reads everything); full reads the whole module every run; notifications follows Zoho's"
            + " watch callbacks (needs zoho.public-url) with an incremental gap fill at start and at the schedule; bulk"
            + " reads the whole module every run through Zoho's Bulk Read jobs (zipped CSV, any size; needs scope"
            + " ZohoCRM.bulk.READ)")
    private String mode = "incremental";

    @UriParam(label = "consumer", defaultValue = DEFAULT_SCHEDULE, description = "changes: when to run, a Quartz cron"
            + " expression (seconds first), e.g. 0 0/5 * * * ? for every 5 minutes. The consumer runs on it only")
    private String schedule;

    @UriParam(label = "consumer", defaultValue = "true", description = "changes: also deliver deleted records, as tombstones"
            + " {\"id\",\"deleted\":true,\"deleted_time\",\"type\"} with header ZohoDeleted=true")
    private boolean deletions = true;

    @UriParam(label = "consumer", enums = "record,page", defaultValue = "record",
            description = "changes: one message per record, or one per page (a list)")
    private String batch = "record";

    @UriParam(label = "consumer", description = "changes: the id of this sync: its checkpoint, lease (one run at a time"
            + " across nodes), metrics and entry in /api/syncs. Default: <connectionId>-<module>. Two consumers of one"
            + " module and connection that must not share progress need different ids")
    private String syncId;

    @UriParam(label = "consumer", description = "changes, mode=bulk: export only the records matching this Zoho Bulk Read"
            + " criteria, as JSON: {\"field\":{\"api_name\":\"Stage\"},\"comparator\":\"equal\",\"value\":\"Closed Won\"} or"
            + " {\"group_operator\":\"and\",\"group\":[…]}. Default: every record")
    private String bulkCriteria;

    public ZohoCrmEndpoint(String uri, ZohoCrmComponent component) {
        super(uri, component);
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
            throw new IllegalArgumentException("zoho-crm:" + operation + " is a producer (to); the consumer is"
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
        String connection = defaultConnectionId();
        if (connection == null || connection.isBlank()) {
            throw new IllegalArgumentException("zoho-crm:changes/" + module + " needs a connectionId (option, or the"
                    + " component's camel.component.zoho-crm.connection-id)");
        }
        boolean notifications = mode != null && "notifications".equalsIgnoreCase(mode.trim());
        String cron = schedule == null || schedule.isBlank()
                ? notifications ? DEFAULT_NOTIFICATIONS_SCHEDULE : DEFAULT_SCHEDULE : schedule.trim();
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("zoho-crm:changes/" + module + ": schedule '" + cron + "' is not a Quartz"
                    + " cron expression, e.g. 0 0/15 * * * ? (every 15 minutes)");
        }
        SyncSpec.Mode syncMode = switch (mode == null ? "incremental" : mode.trim().toLowerCase(Locale.ROOT)) {
            case "", "incremental" -> SyncSpec.Mode.INCREMENTAL;
            case "full" -> SyncSpec.Mode.FULL;
            case "notifications" -> SyncSpec.Mode.NOTIFICATIONS;
            case "bulk" -> SyncSpec.Mode.BULK;
            default -> throw new IllegalArgumentException("zoho-crm:changes mode must be incremental, full, notifications"
                    + " or bulk, got " + mode);
        };
        SyncSpec.Batch syncBatch = switch (batch == null ? "record" : batch.trim().toLowerCase(Locale.ROOT)) {
            case "", "record" -> SyncSpec.Batch.RECORD;
            case "page" -> SyncSpec.Batch.PAGE;
            default -> throw new IllegalArgumentException("zoho-crm:changes batch must be record or page, got " + batch);
        };
        String id = syncId == null || syncId.isBlank() ? connection + "-" + module : syncId.trim();
        // the sink is the consumer's route; shown in /api/syncs
        return new SyncSpec(id, connection, module, SyncSpec.fieldList(fields), "route:" + id, cron, syncMode, deletions,
                syncBatch, BulkCriteria.check(bulkCriteria));
    }

    public CrmOperation crmOperation() {
        return CrmOperation.parse(operation);
    }

    /** The connection of this endpoint when the exchange names none: its own, else the component's. */
    public String defaultConnectionId() {
        return connectionId != null ? connectionId : getComponent().getConnectionId();
    }

    /**
     * The connection an exchange is for, by the one rule of the component: a connection this endpoint names
     * is kept unless {@code allowConnectionOverride}; otherwise the {@code ZohoConnectionId} header (when
     * present), else {@link #defaultConnectionId()}. Null when none is known.
     */
    public String connectionOf(String header) {
        boolean pinned = connectionId != null && !connectionId.isEmpty() && !allowConnectionOverride;
        if (!pinned && header != null && !header.isEmpty()) {
            return header;
        }
        String own = defaultConnectionId();
        return own == null || own.isEmpty() ? null : own;
    }

    /** Where refused records go: this endpoint's option, else the component's. */
    public String effectiveDeadLetterUri() {
        return deadLetterUri != null ? deadLetterUri : getComponent().getDeadLetterUri();
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getModule() {
        return module;
    }

    public void setModule(String module) {
        this.module = module;
    }

    public String getConnectionId() {
        return connectionId;
    }

    public void setConnectionId(String connectionId) {
        this.connectionId = connectionId;
    }

    public boolean isAllowConnectionOverride() {
        return allowConnectionOverride;
    }

    public void setAllowConnectionOverride(boolean allowConnectionOverride) {
        this.allowConnectionOverride = allowConnectionOverride;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public Integer getPerPage() {
        return perPage;
    }

    public void setPerPage(Integer perPage) {
        this.perPage = perPage;
    }

    public Integer getPage() {
        return page;
    }

    public void setPage(Integer page) {
        this.page = page;
    }

    public String getSortBy() {
        return sortBy;
    }

    public void setSortBy(String sortBy) {
        this.sortBy = sortBy;
    }

    public String getSortOrder() {
        return sortOrder;
    }

    public void setSortOrder(String sortOrder) {
        this.sortOrder = sortOrder;
    }

    public String getCvid() {
        return cvid;
    }

    public void setCvid(String cvid) {
        this.cvid = cvid;
    }

    public String getPageToken() {
        return pageToken;
    }

    public void setPageToken(String pageToken) {
        this.pageToken = pageToken;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getCriteria() {
        return criteria;
    }

    public void setCriteria(String criteria) {
        this.criteria = criteria;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getWord() {
        return word;
    }

    public void setWord(String word) {
        this.word = word;
    }

    public String getDuplicateCheckFields() {
        return duplicateCheckFields;
    }

    public void setDuplicateCheckFields(String duplicateCheckFields) {
        this.duplicateCheckFields = duplicateCheckFields;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public boolean isDeletions() {
        return deletions;
    }

    public void setDeletions(boolean deletions) {
        this.deletions = deletions;
    }

    public String getBulkCriteria() {
        return bulkCriteria;
    }

    public void setBulkCriteria(String bulkCriteria) {
        this.bulkCriteria = bulkCriteria;
    }

    public String getSyncId() {
        return syncId;
    }

    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public String getBatch() {
        return batch;
    }

    public void setBatch(String batch) {
        this.batch = batch;
    }
}
