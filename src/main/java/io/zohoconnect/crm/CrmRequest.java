package io.zohoconnect.crm;

import java.util.Locale;
import java.util.Map;

/**
 * One CRM call as the service makes it: which connection, method, CRM path ({@code /crm/v8/Leads} or
 * {@code Leads}), query string, JSON body, and the few HTTP headers Zoho reads
 * ({@code If-Modified-Since}, {@code X-CRM-ORG}), and why the call is made ({@link CallPurpose}, default
 * interactive). Never a host: that comes from the connection.
 */
public record CrmRequest(String connectionId, String method, String path, String query, String body,
        Map<String, String> headers, ReplyReader<?> reader, CallPurpose purpose, CreditMeter meter) {

    public CrmRequest(String connectionId, String method, String path, String query, String body,
            Map<String, String> headers) {
        this(connectionId, method, path, query, body, headers, null, CallPurpose.INTERACTIVE, null);
    }

    public CrmRequest(String connectionId, String method, String path, String query, String body,
            Map<String, String> headers, ReplyReader<?> reader) {
        this(connectionId, method, path, query, body, headers, reader, CallPurpose.INTERACTIVE, null);
    }

    public CrmRequest(String connectionId, String method, String path, String query, String body,
            Map<String, String> headers, ReplyReader<?> reader, CallPurpose purpose) {
        this(connectionId, method, path, query, body, headers, reader, purpose, null);
    }

    public CrmRequest {
        if (connectionId == null || connectionId.isEmpty()) {
            throw new MissingConnectionIdException();
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a CRM call needs a path, e.g. /crm/v8/Leads or Leads");
        }
        method = (method == null || method.isBlank() ? (body == null ? "GET" : "POST") : method).toUpperCase(Locale.ROOT);
        query = query == null || query.isBlank() ? null : query;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        purpose = purpose == null ? CallPurpose.INTERACTIVE : purpose;
    }

    public static CrmRequest get(String connectionId, String path, String query) {
        return new CrmRequest(connectionId, "GET", path, query, null, Map.of());
    }

    /**
     * This call, its successful answer read by {@code reader} where the answer is checked — one parse instead of
     * a tree and then the caller's own; a body the reader cannot read is a malformed answer (retried if repeatable).
     */
    public CrmRequest readWith(ReplyReader<?> reader) {
        return new CrmRequest(connectionId, method, path, query, body, headers, reader, purpose, meter);
    }

    /**
     * This call, made by the service on its own schedule (sync, bulk export, notification read, queued write);
     * its credits also count on the {@link CreditMeter} open on this thread, if any (the sync run's).
     */
    public CrmRequest background() {
        return new CrmRequest(connectionId, method, path, query, body, headers, reader, CallPurpose.BACKGROUND,
                meter != null ? meter : CreditMeter.current());
    }

    /** This call, made for {@code purpose} (background work waits at its share of the org's credits). */
    public CrmRequest withPurpose(CallPurpose purpose) {
        return purpose == CallPurpose.BACKGROUND ? background()
                : new CrmRequest(connectionId, method, path, query, body, headers, reader, purpose, meter);
    }

    /** GET, PUT, DELETE, upserts and COQL can be repeated safely; a POST insert might be applied twice. */
    public boolean repeatable() {
        return !"POST".equals(method) || path.endsWith("/upsert") || path.contains("/coql");
    }

    @Override
    public String toString() {
        return method + " " + path; // never the body: it may carry personal data
    }
}
