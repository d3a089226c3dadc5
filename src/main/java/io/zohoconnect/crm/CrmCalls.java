package io.zohoconnect.crm;

import java.util.concurrent.CompletionStage;

/**
 * Makes CRM calls for connections: credentials, data center URL, the 401 → refresh → retry rule,
 * 429 {@code Retry-After}, bounded retries of repeatable calls, the org's concurrency limit. A
 * failure is a {@link ZohoCrmException} (Zoho's code and message), a
 * {@link MissingConnectionIdException} or a {@link io.zohoconnect.credentials.TokenUnavailableException}.
 */
public interface CrmCalls {

    /** The call, waiting for its answer (and its retries) on the caller's thread: for Java callers. */
    CrmReply call(CrmRequest request);

    /**
     * The call without holding the caller's thread: the stage completes with the reply, or exceptionally with
     * the failure {@link #call} would throw, on a call-path thread once the answer (after any retries) is in.
     */
    CompletionStage<CrmReply> callAsync(CrmRequest request);
}
