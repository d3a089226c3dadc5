package io.zohoconnect.component;

import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * {@code from("zoho-crm:changes/{module}")}: the module sync engine as a polling consumer (issue 11
 * item 2). Not built yet: starting a route with it fails with a clear message.
 */
public class ZohoCrmChangesConsumer extends ScheduledPollConsumer {

    public ZohoCrmChangesConsumer(ZohoCrmEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ZohoCrmEndpoint getEndpoint() {
        return (ZohoCrmEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        throw new UnsupportedOperationException("the zoho-crm:changes consumer is not built yet;"
                + " use the zoho-module-sync route template meanwhile");
    }

    @Override
    protected int poll() {
        return 0;
    }
}
