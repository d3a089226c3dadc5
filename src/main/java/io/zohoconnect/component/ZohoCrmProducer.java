package io.zohoconnect.component;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** The {@code zoho-crm} producer: one operation of an endpoint per exchange (issue 11 item 1). */
public class ZohoCrmProducer extends DefaultProducer {

    public ZohoCrmProducer(ZohoCrmEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ZohoCrmEndpoint getEndpoint() {
        return (ZohoCrmEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        throw new UnsupportedOperationException("zoho-crm:" + getEndpoint().getOperation() + " is being built");
    }
}
