package io.zohoconnect.crm;

/** Zoho's successful answer to a {@link CrmRequest}: status, JSON body (null for 204 / 304) and the api domain called. */
public record CrmReply(int status, String body, String apiDomain) {

    /** 204 No Content or 304 Not Modified: nothing (more) to read. */
    public boolean empty() {
        return status == 204 || status == 304;
    }
}
