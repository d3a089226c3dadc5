package io.zohoconnect.gateway;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One call a caller sends through the gateway, checked: the connection, the method, the CRM path ({@link ProxyPath}),
 * the raw query, the headers that may go to Zoho, and the body — kept in memory ({@code replayable}) when it is at
 * most {@code zoho.proxy.max-body}, so the call can be sent again; else a stream that can be sent once.
 */
record ProxyCall(String connectionId, String method, String path, String rawQuery, List<Map.Entry<String, String>> headers,
        byte[] bufferedBody, InputStream streamedBody, long streamedLength) {

    boolean hasBody() {
        return bufferedBody != null || streamedBody != null;
    }

    /** Whether the call may be sent a second time (after a refresh or a short 429 wait): its body, if any, is held here. */
    boolean replayable() {
        return streamedBody == null;
    }

    @Override
    public String toString() {
        return method + " " + path + " for " + connectionId; // never the query (it may hold values) nor the body
    }
}
