package io.zohoconnect.crm;

import io.zohoconnect.connection.ZohoHeaders;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * {@link CrmCalls} over the call route ({@link CrmCallRoutes}): each call is a fresh exchange, so
 * only the request's own parts reach Zoho and its org slot is released when the call ends.
 */
@Component
final class CrmCallPath implements CrmCalls {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ZohoAuthEnricher auth;

    CrmCallPath(CamelContext camel, ProducerTemplate producer, ZohoAuthEnricher auth) {
        this.camel = camel;
        this.producer = producer;
        this.auth = auth;
    }

    @Override
    public CrmReply call(CrmRequest request) {
        Exchange call = new DefaultExchange(camel);
        call.setProperty(CrmAttempt.REQUEST, request);
        call.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, request.connectionId());
        // an unknown connection, or one that needs re-consent, fails here, before it takes an org slot
        // (warm path: a map lookup; each attempt asks again, for the token current then)
        auth.process(call);
        Exchange result = producer.send(CrmCallRoutes.CALL, call);
        Exception failure = result.getException();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new ZohoCrmException("CRM call " + request + " failed: " + failure.getClass().getSimpleName(), failure);
        }
        return result.getProperty(CrmAttempt.REPLY, CrmReply.class);
    }
}
