package io.zohoconnect.component;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.MissingConnectionIdException;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultProducer;

/**
 * The {@code zoho-crm} producer: the endpoint's operation for the exchange's connection
 * ({@link ZohoCrmEndpoint#connectionOf}: the endpoint's own {@code connectionId}, which the
 * {@code ZohoConnectionId} header overrides only with {@code allowConnectionOverride=true}; else the
 * header, else the component's {@code connectionId}), done by the handler of its family:
 * {@link RecordReads}, {@link RecordWrites} or {@link RawCall}.
 */
public class ZohoCrmProducer extends DefaultProducer {

    private CrmOperationHandler handler;
    private ProducerTemplate deadLetters;

    public ZohoCrmProducer(ZohoCrmEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ZohoCrmEndpoint getEndpoint() {
        return (ZohoCrmEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ZohoCrmEndpoint endpoint = getEndpoint();
        ZohoCrmComponent component = endpoint.getComponent();
        CrmOperation operation = endpoint.crmOperation();
        if (operation.isWrite()) {
            deadLetters = endpoint.getCamelContext().createProducerTemplate();
            handler = new RecordWrites(endpoint, component.calls(), component.wire(), deadLetters);
        } else if (operation == CrmOperation.RAW) {
            handler = new RawCall(component.calls(), component.wire());
        } else {
            handler = new RecordReads(endpoint, component.calls(), component.wire());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (deadLetters != null) {
            deadLetters.stop();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String connectionId = getEndpoint().connectionOf(exchange.getMessage().getHeader(ZohoHeaders.CONNECTION_ID,
                String.class));
        if (connectionId == null) {
            throw new MissingConnectionIdException();
        }
        handler.process(exchange, connectionId);
    }
}
