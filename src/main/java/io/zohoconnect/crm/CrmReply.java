package io.zohoconnect.crm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zoho's successful answer to a {@link CrmRequest}: status, JSON body as text, and as it was checked — the
 * tree, or what the request's {@link ReplyReader} made of it ({@link #value}) — (all null for 204 / 304),
 * and the api domain called. The body is parsed once, where the answer is checked, so readers do not
 * parse the same page again.
 */
public record CrmReply(int status, String body, JsonNode json, Object value, String apiDomain) {

    /** 204 No Content or 304 Not Modified: nothing (more) to read. */
    public boolean empty() {
        return status == 204 || status == 304;
    }

    /** What the request's reader read, as {@code type}. */
    public <T> T value(Class<T> type) {
        return type.cast(value);
    }
}
