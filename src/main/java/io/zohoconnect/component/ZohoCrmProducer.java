package io.zohoconnect.component;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.MissingConnectionIdException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * The {@code zoho-crm} producer: the endpoint's operation for the exchange's connection
 * ({@link ZohoCrmEndpoint#connectionOf}: the endpoint's own {@code connectionId}, which the
 * {@code ZohoConnectionId} header overrides only with {@code allowConnectionOverride=true}; else the
 * header, else the component's {@code connectionId}), done by the handler of its family:
 * {@link RecordReads}, {@link RecordWrites} or {@link RawCall}. Asynchronous: the route's thread is given
 * back while a call waits (for a {@code Retry-After}, a backoff, an org slot), and the exchange continues on
 * the call path's thread when the answer is in.
 */
public class ZohoCrmProducer extends DefaultAsyncProducer {

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
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletionStage<Void> done;
        try {
            String connectionId = getEndpoint().connectionOf(exchange.getMessage().getHeader(ZohoHeaders.CONNECTION_ID,
                    String.class));
            if (connectionId == null) {
                throw new MissingConnectionIdException();
            }
            done = handler.process(exchange, connectionId);
        } catch (RuntimeException badInput) {
            exchange.setException(badInput);
            callback.done(true);
            return true;
        }
        var future = done.toCompletableFuture();
        if (future.isDone()) {
            finish(exchange, future.handle((ok, failure) -> failure).join());
            callback.done(true);
            return true;
        }
        future.whenComplete((ok, failure) -> {
            finish(exchange, failure);
            callback.done(false);
        });
        return false;
    }

    private static void finish(Exchange exchange, Throwable failure) {
        if (failure != null) {
            exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
        }
    }
}
