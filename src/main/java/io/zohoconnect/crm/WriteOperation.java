package io.zohoconnect.crm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The batched writes of {@code direct:zoho-crm-write} and how each maps to Zoho's API (ZOHO-API.md §9). */
public enum WriteOperation {
    INSERT("POST", ""), UPDATE("PUT", ""), UPSERT("POST", "/upsert"), DELETE("DELETE", "");

    /** Zoho takes at most 100 records per write call. */
    public static final int BATCH_SIZE = 100;

    private final String method;
    private final String pathSuffix;

    WriteOperation(String method, String pathSuffix) {
        this.method = method;
        this.pathSuffix = pathSuffix;
    }

    public String method() {
        return method;
    }

    public String path(String versionPrefix, String module) {
        return versionPrefix + module + pathSuffix;
    }

    public static WriteOperation parse(String value) {
        if (value != null) {
            for (WriteOperation op : values()) {
                if (op.name().equalsIgnoreCase(value.trim())) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException("header ZohoWriteOperation must be one of "
                + Arrays.stream(values()).map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", got " + (value == null ? "nothing" : "'" + value + "'"));
    }
}
