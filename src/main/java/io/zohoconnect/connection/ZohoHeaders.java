package io.zohoconnect.connection;

import org.apache.camel.spi.Metadata;

/**
 * Every Camel header name of the service's contract with route authors (DESIGN.md "Camel
 * contract"). YAML routes use the same strings, e.g. {@code setHeader: {name: ZohoConnectionId}}.
 * The {@code zoho-crm} component's catalog lists them from the {@code @Metadata} here.
 */
public final class ZohoHeaders {

    @Metadata(label = "common", description = "In: which connection a CRM call is for, on an endpoint without a"
            + " connectionId option (or with allowConnectionOverride=true); an endpoint that names its connection ignores it."
            + " Out: the connection the call was made for.", javaType = "String")
    public static final String CONNECTION_ID = "ZohoConnectionId";
    @Metadata(label = "producer", description = "Out of zohoAuth and every call: the connection's CRM API base URL, e.g."
            + " https://www.zohoapis.eu.", javaType = "String")
    public static final String API_DOMAIN = "ZohoApiDomain";
    @Metadata(label = "producer", description = "In (raw): the CRM path, e.g. /crm/v8/Leads, or relative to the API"
            + " version, e.g. Leads.", javaType = "String")
    public static final String CRM_PATH = "ZohoCrmPath";
    @Metadata(label = "common", description = "Out (writes, changes; RabbitMQ write results): the CRM module, e.g. Leads.",
            javaType = "String")
    public static final String MODULE = "ZohoModule";
    @Metadata(label = "producer", description = "Out (RabbitMQ write results and refused records): insert, update, upsert or delete.",
            javaType = "String")
    public static final String WRITE_OPERATION = "ZohoWriteOperation";
    @Metadata(label = "producer", description = "In (upsert): comma-separated duplicate-check fields, e.g. Email (overrides"
            + " the duplicateCheckFields option).", javaType = "String")
    public static final String DUPLICATE_CHECK_FIELDS = "ZohoDuplicateCheckFields";
    @Metadata(label = "producer", description = "Out (writes): how many records succeeded.", javaType = "int")
    public static final String WRITE_SUCCEEDED = "ZohoWriteSucceeded";
    @Metadata(label = "producer", description = "Out (writes): how many records failed (each went to the dead-letter URI).",
            javaType = "int")
    public static final String WRITE_FAILED = "ZohoWriteFailed";
    @Metadata(label = "common", description = "In (get): the record id (overrides the id option). Out (sync, changes): the"
            + " record's id, so sinks can de-duplicate.", javaType = "String")
    public static final String RECORD_ID = "ZohoRecordId";
    @Metadata(label = "consumer", description = "Out (sync, changes): the record's Modified_Time.", javaType = "String")
    public static final String MODIFIED_TIME = "ZohoModifiedTime";
    @Metadata(label = "consumer", description = "Out (sync, changes): the id of the sync that delivered the message"
            + " (its checkpoint and lease), e.g. acme-Leads.", javaType = "String")
    public static final String SYNC_ID = "ZohoSyncId";
    @Metadata(label = "consumer", description = "Out (sync, changes): true when the message is a tombstone"
            + " {\"id\",\"deleted\":true,\"deleted_time\",\"type\"} of a record deleted in Zoho.", javaType = "boolean")
    public static final String DELETED = "ZohoDeleted";
    @Metadata(label = "producer", description = "In (list): Zoho's page token of the next page (overrides the pageToken"
            + " option).", javaType = "String")
    public static final String PAGE_TOKEN = "ZohoPageToken";
    @Metadata(label = "producer", description = "Out (list, search, coql): whether Zoho has more records after this page.",
            javaType = "boolean")
    public static final String MORE_RECORDS = "ZohoMoreRecords";
    @Metadata(label = "producer", description = "Out (list): the page token of the next page (past 2,000 records), or absent.",
            javaType = "String")
    public static final String NEXT_PAGE_TOKEN = "ZohoNextPageToken";
    @Metadata(label = "common", description = "Out (list, search, coql; sync and changes): how many records the body"
            + " holds (1 per record, or the page's count with batch=page).", javaType = "int")
    public static final String RECORD_COUNT = "ZohoRecordCount";
    @Metadata(description = "Out (events): the lifecycle event type, e.g. connection.created.", javaType = "String")
    public static final String EVENT_TYPE = "ZohoEventType";
    @Metadata(description = "Out (CRM errors, dead letters): Zoho's error code, e.g. INVALID_TOKEN, DUPLICATE_DATA.",
            javaType = "String")
    public static final String ERROR_CODE = "ZohoErrorCode";
    @Metadata(description = "Out (dead letters): Zoho's error message for the record.", javaType = "String")
    public static final String ERROR_MESSAGE = "ZohoErrorMessage";
    @Metadata(description = "Out (RabbitMQ dead letters): why a whole message could not be processed (bad JSON,"
            + " unknown connection, missing header, redelivered too often).", javaType = "String")
    public static final String ERROR_REASON = "ZohoErrorReason";
    @Metadata(description = "Out (RabbitMQ dead letters): the message_id of the write message a refused record came from.",
            javaType = "String")
    public static final String SOURCE_MESSAGE_ID = "ZohoSourceMessageId";

    private ZohoHeaders() {
    }
}
