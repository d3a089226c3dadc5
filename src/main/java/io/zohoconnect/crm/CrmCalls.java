package io.zohoconnect.crm;

/**
 * Makes CRM calls for connections: credentials, data center URL, the 401 → refresh → retry rule,
 * 429 {@code Retry-After}, bounded retries of repeatable calls, the org's concurrency limit. A
 * failure is a {@link ZohoCrmException} (Zoho's code and message), a
 * {@link MissingConnectionIdException} or a {@link io.zohoconnect.credentials.TokenUnavailableException}.
 */
public interface CrmCalls {

    CrmReply call(CrmRequest request);
}
