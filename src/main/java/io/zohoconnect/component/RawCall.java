package io.zohoconnect.component;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.wire.CrmWire;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code raw}: any CRM path and method, for what the operations do not cover. In: {@code ZohoCrmPath},
 * {@code CamelHttpMethod} (default GET, or POST with a body), {@code CamelHttpQuery}, a JSON body
 * (text, bytes, or anything Jackson writes), {@code If-Modified-Since} / {@code X-CRM-ORG}. Out:
 * Zoho's JSON as text (null for 204 / 304), {@code CamelHttpResponseCode}, {@code ZohoApiDomain}.
 */
final class RawCall implements CrmOperationHandler {

    /** Request headers a route may set for Zoho. */
    private static final Set<String> FORWARDED_HEADERS = Set.of("If-Modified-Since", "X-CRM-ORG");

    private final CrmCalls calls;
    private final CrmWire wire;

    RawCall(CrmCalls calls, CrmWire wire) {
        this.calls = calls;
        this.wire = wire;
    }

    @Override
    public CompletionStage<Void> process(Exchange exchange, String connectionId) {
        Message in = exchange.getMessage();
        String path = in.getHeader(ZohoHeaders.CRM_PATH, String.class);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("header " + ZohoHeaders.CRM_PATH + " is missing: set the CRM path,"
                    + " e.g. /crm/v8/Leads or Leads");
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : FORWARDED_HEADERS) {
            String value = in.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        CrmRequest request = new CrmRequest(connectionId, in.getHeader(Exchange.HTTP_METHOD, String.class), path,
                in.getHeader(Exchange.HTTP_QUERY, String.class), body(MessageBodies.payload(in)), headers);
        return calls.callAsync(ZohoCrmComponent.withPurpose(exchange, request)).thenAccept(reply -> answer(in, connectionId, reply));
    }

    private static void answer(Message in, String connectionId, CrmReply reply) {
        in.removeHeader("Authorization");
        in.setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        in.setHeader(ZohoHeaders.API_DOMAIN, reply.apiDomain());
        in.setHeader(Exchange.CONTENT_TYPE, reply.empty() ? null : "application/json");
        in.setBody(reply.empty() ? null : reply.body());
    }

    private String body(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String text) {
            return text.isBlank() ? null : text;
        }
        return wire.write(body);
    }
}
