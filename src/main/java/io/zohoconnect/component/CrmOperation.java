package io.zohoconnect.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a {@code zoho-crm:} endpoint does: the first part of its URI. */
public enum CrmOperation {
    LIST(true), GET(true), SEARCH(true), COQL(false), INSERT(true), UPDATE(true), UPSERT(true), DELETE(true),
    RAW(false), CHANGES(true);

    /** The URI's path values, for {@code @UriPath(enums = …)} and messages. */
    public static final String NAMES = "list,get,search,coql,insert,update,upsert,delete,raw,changes";

    /** Zoho takes at most 100 records per write call (ZOHO-API.md): the default and largest batch. */
    public static final int WRITE_BATCH_SIZE = 100;

    private final boolean needsModule;

    CrmOperation(boolean needsModule) {
        this.needsModule = needsModule;
    }

    public boolean needsModule() {
        return needsModule;
    }

    public boolean isWrite() {
        return this == INSERT || this == UPDATE || this == UPSERT || this == DELETE;
    }

    public String uriName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CrmOperation parse(String value) {
        for (CrmOperation operation : values()) {
            if (operation.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown zoho-crm operation '" + value + "': use one of "
                + Arrays.stream(values()).map(CrmOperation::uriName).collect(Collectors.joining(", ")));
    }

    /** One of the write operations, named as a message header or URI would (any case). */
    public static CrmOperation parseWrite(String value) {
        for (CrmOperation operation : values()) {
            if (operation.isWrite() && operation.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return operation;
            }
        }
        throw new IllegalArgumentException("header ZohoWriteOperation must be one of insert, update, upsert, delete, got "
                + (value == null ? "nothing" : "'" + value + "'"));
    }
}
