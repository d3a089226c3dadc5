package io.zohoconnect;

/**
 * Every Camel header name of the service's contract with route authors (DESIGN.md "Camel
 * contract"). YAML routes use the same strings, e.g. {@code setHeader: {name: ZohoConnectionId}}.
 */
public final class ZohoHeaders {

    /** In: which connection a CRM call is for. */
    public static final String CONNECTION_ID = "ZohoConnectionId";
    /** Out of {@code zohoAuth}: the connection's CRM API base URL, e.g. https://www.zohoapis.eu. */
    public static final String API_DOMAIN = "ZohoApiDomain";
    /** In: the CRM path, e.g. {@code /crm/v8/Leads}, or relative to the API version, e.g. {@code Leads}. */
    public static final String CRM_PATH = "ZohoCrmPath";
    /** In (writes) / out (sync): the CRM module, e.g. Leads. */
    public static final String MODULE = "ZohoModule";
    /** In (writes): insert, update, upsert or delete. */
    public static final String WRITE_OPERATION = "ZohoWriteOperation";
    /** In (upsert): comma-separated duplicate-check fields, e.g. Email. */
    public static final String DUPLICATE_CHECK_FIELDS = "ZohoDuplicateCheckFields";
    /** Out (writes): how many records succeeded / failed. */
    public static final String WRITE_SUCCEEDED = "ZohoWriteSucceeded";
    public static final String WRITE_FAILED = "ZohoWriteFailed";
    /** Out (sync): the record's id and Modified_Time, so sinks can de-duplicate. */
    public static final String RECORD_ID = "ZohoRecordId";
    public static final String MODIFIED_TIME = "ZohoModifiedTime";
    /** Out (events): the lifecycle event type, e.g. connection.created. */
    public static final String EVENT_TYPE = "ZohoEventType";
    /** Out (CRM errors): Zoho's error code, e.g. INVALID_TOKEN. */
    public static final String ERROR_CODE = "ZohoErrorCode";
    /** Out (dead letters): Zoho's message for a refused record. */
    public static final String ERROR_MESSAGE = "ZohoErrorMessage";
    /** Out (dead letters): why a whole message could not be processed (bad JSON, unknown connection…). */
    public static final String ERROR_REASON = "ZohoErrorReason";
    /** Out (dead letters): the message_id of the write message a refused record came from. */
    public static final String SOURCE_MESSAGE_ID = "ZohoSourceMessageId";

    private ZohoHeaders() {
    }
}
