package io.zohoconnect.web.api;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.bulk.BulkCallbacks;
import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.ServletExchange;
import io.zohoconnect.web.WebErrorHandling;
import io.zohoconnect.web.WebResponses;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code POST /zoho/bulk-callbacks/{token}}: Zoho's call when a Bulk Read job of a {@code mode=bulk} sync is
 * done. Open (Zoho cannot authenticate); the per-job token in the path is the credential
 * ({@link BulkCallbacks}). An unknown token is a 404 and a body naming another job a 403, and nothing
 * happens; a known one answers 200 at once — the waiting export does the work on its own thread.
 */
@Component
class BulkCallbackRoutes extends RouteBuilder {

    private final BulkCallbacks callbacks;
    private final WebResponses responses;
    private final ObjectMapper json;

    BulkCallbackRoutes(BulkCallbacks callbacks, WebResponses responses, ObjectMapper json) {
        this.callbacks = callbacks;
        this.responses = responses;
        this.json = json;
    }

    @Override
    public void configure() {
        from("platform-http:" + BulkCallbacks.PATH + "{token}?httpMethodRestrict=POST").routeId("zoho-bulk-callback")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::callback);
    }

    private void callback(Exchange exchange) {
        String token = ServletExchange.request(exchange).getRequestURI().substring(BulkCallbacks.PATH.length());
        JsonNode body = body(exchange.getMessage().getBody(String.class));
        BulkCallbacks.Outcome outcome = callbacks.receive(token, text(body.path("job_id")), text(body.path("state")));
        switch (outcome) {
            case ACCEPTED -> responses.json(exchange, 200, Map.of("status", "received"));
            case UNKNOWN_TOKEN -> responses.error(exchange, 404, "unknown_callback", "No Bulk Read job waits for this callback.");
            case WRONG_JOB -> responses.error(exchange, 403, "wrong_job", "This callback is not for the job it names.");
        }
    }

    private JsonNode body(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "invalid_body", "A Bulk Read callback is a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(400, "invalid_body", "A Bulk Read callback is a JSON object.");
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : null;
    }
}
