package io.zohoconnect.component;

import java.util.concurrent.CompletionStage;

import org.apache.camel.Exchange;

/** What the producer does for one family of operations (reads, writes, raw), as camel-salesforce splits its API. */
interface CrmOperationHandler {

    /**
     * Starts the operation for the exchange; the stage completes when the exchange holds its result (or
     * exceptionally with the failure). Bad input may also be thrown at once.
     */
    CompletionStage<Void> process(Exchange exchange, String connectionId);
}
