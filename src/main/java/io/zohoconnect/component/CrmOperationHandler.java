package io.zohoconnect.component;

import org.apache.camel.Exchange;

/** What the producer does for one family of operations (reads, writes, raw), as camel-salesforce splits its API. */
interface CrmOperationHandler {

    void process(Exchange exchange, String connectionId) throws Exception;
}
