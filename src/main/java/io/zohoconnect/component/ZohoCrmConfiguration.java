package io.zohoconnect.component;

import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of a {@code zoho-crm} endpoint, bound by Camel from its URI into their types (the operation, the
 * consumer's mode and batch, the sort order are enums: Camel matches them whatever their case), so a call reads
 * them as they are instead of parsing strings again.
 */
@UriParams
public class ZohoCrmConfiguration implements Cloneable {

    @UriPath(enums = CrmOperation.NAMES, description = "What to do: list, get, search, coql, insert, update, upsert,"
            + " delete or raw (producer); changes (consumer)")
    @Metadata(required = true)
    private CrmOperation operation;

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
    private SortOrder sortOrder;

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
    private SyncSpec.Mode mode = SyncSpec.Mode.INCREMENTAL;

    @UriParam(label = "consumer", defaultValue = ZohoCrmEndpoint.DEFAULT_SCHEDULE, description = "changes: when the sync"
            + " runs: a Quartz cron expression of six fields, seconds first, as the default (every 15 minutes). The sync"
            + " runs only on this schedule, not once at start-up. Default for mode=notifications: every 10 minutes, for"
            + " the safety pass that fills gaps")
    private String schedule;

    @UriParam(label = "consumer", defaultValue = "true", description = "changes: also deliver deleted records, as tombstones"
            + " {\"id\",\"deleted\":true,\"deleted_time\",\"type\"} with header ZohoDeleted=true")
    private boolean deletions = true;

    @UriParam(label = "consumer", enums = "record,page", defaultValue = "record",
            description = "changes: one message per record, or one per page (a list)")
    private SyncSpec.Batch batch = SyncSpec.Batch.RECORD;

    @UriParam(label = "consumer", description = "changes: the name of this sync. It keys the sync's checkpoint, its lease"
            + " (one run at a time across nodes), its metrics and its entry in /api/syncs. Default: the connection id and"
            + " the module joined by a dash, e.g. acme-Leads. Give two consumers of the same module and connection"
            + " different ids, or they share one checkpoint")
    private String syncId;

    @UriParam(label = "consumer", description = "changes, mode=bulk only: a Zoho Bulk Read criteria object, as JSON, that"
            + " limits the export to the records it matches. A condition names a field (field.api_name), a comparator and"
            + " a value, e.g. the field Stage, the comparator equal and the value Closed Won; group_operator and group"
            + " combine several. See the user guide for an example. Default: every record of the module")
    private String bulkCriteria;

    @UriParam(label = "consumer", enums = "mode,auto", defaultValue = "mode", description = "changes: how a run reads"
            + " the module. mode: as the mode says (listing pages; Bulk Read jobs for mode=bulk). auto: a run that reads"
            + " the whole module (mode=full or bulk) takes the path that costs the fewest Zoho API credits for the records"
            + " the last successful run delivered - listing (1 credit per 200 records and 50 fields) or Bulk Read (about"
            + " 53 credits per 200,000 records) - by the cost table zoho.credits.costs; the first run takes the mode's"
            + " path. Incremental runs always list. See the API credits guide")
    private SyncSpec.ReadPath readPath = SyncSpec.ReadPath.MODE;

    public CrmOperation getOperation() {
        return operation;
    }

    public void setOperation(CrmOperation operation) {
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

    public SortOrder getSortOrder() {
        return sortOrder;
    }

    public void setSortOrder(SortOrder sortOrder) {
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

    public SyncSpec.Mode getMode() {
        return mode;
    }

    public void setMode(SyncSpec.Mode mode) {
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

    public SyncSpec.Batch getBatch() {
        return batch;
    }

    public void setBatch(SyncSpec.Batch batch) {
        this.batch = batch;
    }

    public String getSyncId() {
        return syncId;
    }

    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public SyncSpec.ReadPath getReadPath() {
        return readPath;
    }

    public void setReadPath(SyncSpec.ReadPath readPath) {
        this.readPath = readPath;
    }

    public String getBulkCriteria() {
        return bulkCriteria;
    }

    public void setBulkCriteria(String bulkCriteria) {
        this.bulkCriteria = bulkCriteria;
    }

    public ZohoCrmConfiguration copy() {
        try {
            return (ZohoCrmConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
