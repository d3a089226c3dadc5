package io.zohoconnect.crm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zoho's successful answer to a {@link CrmRequest}: status, JSON body as text and as the tree it was
 * checked with (both null for 204 / 304), and the api domain called. The tree is parsed once, where
 * the answer is checked, so readers do not parse the same page again.
 */
public record CrmReply(int status, String body, JsonNode json, String apiDomain) {

    /** 204 No Content or 304 Not Modified: nothing (more) to read. */
    public boolean empty() {
        return status == 204 || status == 304;
    }
}
