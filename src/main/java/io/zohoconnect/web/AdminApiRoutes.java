package io.zohoconnect.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.KeyRotation;
import io.zohoconnect.oauth.AuthorizationRequest;
import io.zohoconnect.oauth.ConnectionRemoval;
import io.zohoconnect.refresh.RefreshRequest;
import io.zohoconnect.refresh.RefreshResult;
import io.zohoconnect.refresh.TokenRefresher;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncRuns;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The admin API under /api (authenticated by the admin key, see {@link SecurityConfiguration}). */
@Component
class AdminApiRoutes extends RouteBuilder {

    private static final int MAX_BODY = 16 * 1024;

    private final ConnectionStore connections;
    private final ConnectionRemoval removal;
    private final TokenRefresher refresher;
    private final SyncRegistry syncRegistry;
    private final SyncStateStore syncStates;
    private final SyncRuns syncRuns;
    private final KeyRotation keyRotation;
    private final ConnectRequests requests;
    private final ConnectLinkStore links;
    private final WebResponses responses;
    private final ObjectMapper json;
    private final String publicBaseUrl;

    AdminApiRoutes(ConnectionStore connections, ConnectionRemoval removal, TokenRefresher refresher,
            SyncRegistry syncRegistry, SyncStateStore syncStates, SyncRuns syncRuns, KeyRotation keyRotation,
            ConnectRequests requests,
            ConnectLinkStore links, WebResponses responses, ObjectMapper json, ZohoProperties properties) {
        this.connections = connections;
        this.removal = removal;
        this.refresher = refresher;
        this.syncRegistry = syncRegistry;
        this.syncStates = syncStates;
        this.syncRuns = syncRuns;
        this.keyRotation = keyRotation;
        this.requests = requests;
        this.links = links;
        this.responses = responses;
        this.json = json;
        this.publicBaseUrl = publicBaseUrl(properties.redirectUri());
    }

    @Override
    public void configure() {
        from("platform-http:/api/connections?httpMethodRestrict=GET").routeId("zoho-api-connections")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::listConnections);

        from("platform-http:/api/connections/{id}?httpMethodRestrict=GET").routeId("zoho-api-connection")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(e -> responses.json(e, 200, ConnectionView.of(connections.find(connectionId(e))
                        .orElseThrow(() -> ApiException.notFound("No connection '" + connectionId(e) + "'.")))));

        from("platform-http:/api/connections/{id}?httpMethodRestrict=DELETE").routeId("zoho-api-connection-delete")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::delete);

        from("platform-http:/api/connections/{id}/refresh?httpMethodRestrict=POST").routeId("zoho-api-connection-refresh")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::refresh);

        from("platform-http:/api/connections/{id}/access-token?httpMethodRestrict=GET").routeId("zoho-api-access-token")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::accessToken);

        from("platform-http:/api/syncs?httpMethodRestrict=GET").routeId("zoho-api-syncs")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::listSyncs);

        from("platform-http:/api/syncs/{id}/run?httpMethodRestrict=POST").routeId("zoho-api-sync-run")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::runSync);

        from("platform-http:/api/crypto/keys?httpMethodRestrict=GET").routeId("zoho-api-crypto-keys")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(e -> responses.json(e, 200, keyRotation.usage()));

        from("platform-http:/api/crypto/reencrypt?httpMethodRestrict=POST").routeId("zoho-api-crypto-reencrypt")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(e -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("reencrypted_rows", keyRotation.reencrypt());
                    body.putAll(keyRotation.usage());
                    responses.json(e, 200, body);
                });

        from("platform-http:/api/connect-links?httpMethodRestrict=POST").routeId("zoho-api-connect-links")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::createLink);
    }

    /** A page of connections by id: {@code ?limit=} (1–1000, default 200) and {@code ?after=<last id seen>}. */
    private void listConnections(Exchange exchange) {
        QueryParams query = QueryParams.of(exchange);
        int limit = 200;
        if (query.get("limit") != null) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiException.badRequest("invalid_limit", "limit must be a number from 1 to 1000.");
            }
        }
        String after = query.get("after");
        if (after != null) {
            ConnectRequests.requireConnectionId(after);
        }
        List<Connection> page = connections.listStatuses(after, limit + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connections", page.stream().limit(limit).map(ConnectionView::of).toList());
        body.put("next_after", page.size() > limit ? page.get(limit - 1).id() : null);
        responses.json(exchange, 200, body);
    }

    /**
     * 200 when Zoho confirmed the revoke and the row is gone (or there was none); 202 REVOKE_PENDING when
     * Zoho did not confirm (the row and its token stay, the timer retries); 409 when a re-consent replaced
     * the grant while it was being revoked (the new grant is kept).
     */
    private void delete(Exchange exchange) {
        String id = connectionId(exchange);
        ConnectionRemoval.Removal removed = removal.remove(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", id);
        switch (removed.outcome()) {
            case DELETED, NOT_FOUND -> {
                body.put("deleted", removed.outcome() == ConnectionRemoval.Outcome.DELETED);
                body.put("message", removed.message());
                responses.json(exchange, 200, body);
            }
            case REVOKE_PENDING -> {
                body.put("status", "REVOKE_PENDING");
                body.put("message", removed.message());
                responses.json(exchange, 202, body);
            }
            case CHANGED -> throw new ApiException(409, "connection_changed", removed.message());
        }
    }

    private void refresh(Exchange exchange) {
        String id = connectionId(exchange);
        RefreshResult result = refresher.refresh(id, RefreshRequest.FORCED);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", id);
        body.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        body.put("message", result.message());
        body.put("connection", ConnectionView.of(result.connection()));
        int status = switch (result.outcome()) {
            case REFRESHED, ALREADY_FRESH, RATE_LIMITED, BACKING_OFF -> 200;
            case FAILED_TRANSIENT, FAILED_CLIENT_CONFIG -> 502;
            case FAILED_PERMANENT, NOT_REFRESHABLE -> 409;
        };
        responses.json(exchange, status, body);
    }

    /** A fresh access token for consumers outside Camel. Marked no-store; never logged. */
    private void accessToken(Exchange exchange) {
        Connection connection = refresher.freshConnection(connectionId(exchange));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", connection.id());
        body.put("access_token", connection.accessToken().value());
        body.put("api_domain", connection.apiDomain());
        body.put("expires_at", connection.accessTokenExpiresAt());
        responses.json(exchange, 200, body);
    }

    private void listSyncs(Exchange exchange) {
        Map<String, SyncState> states = new LinkedHashMap<>();
        syncStates.findAll().forEach(state -> states.put(state.syncId(), state));
        List<Map<String, Object>> syncs = new ArrayList<>();
        for (SyncSpec spec : syncRegistry.all()) {
            syncs.add(SyncView.of(spec, states.get(spec.id())));
        }
        responses.json(exchange, 200, Map.of("syncs", syncs));
    }

    private void runSync(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (syncRuns.isRunning(id)) {
            throw new ApiException(409, "already_running", "Sync '" + Html.printable(id, 200) + "' is running now.");
        }
        syncRuns.start(id).orElseThrow(() -> ApiException.notFound("No sync '" + Html.printable(id, 200) + "'."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sync_id", id);
        body.put("started", true);
        body.put("message", "Started; GET /api/syncs shows its progress.");
        responses.json(exchange, 202, body);
    }

    private void createLink(Exchange exchange) {
        JsonNode body = readObject(exchange);
        AuthorizationRequest request = requests.validate(text(body, "connection_id"), text(body, "dc"),
                text(body, "environment"), text(body, "scopes"), text(body, "return_to"), flagText(body, "allow_org_change"));
        ConnectLinkStore.IssuedLink link = links.issue(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", publicBaseUrl + ConnectRoutes.LINK_PATH + link.token());
        out.put("expires_at", link.expiresAt());
        out.put("connection_id", request.connectionId());
        responses.json(exchange, 201, out);
    }

    private JsonNode readObject(Exchange exchange) {
        String raw = exchange.getMessage().getBody(String.class);
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("invalid_body", "Send a JSON object such as"
                    + " {\"connection_id\":\"acme\",\"dc\":\"eu\",\"environment\":\"production\"}.");
        }
        if (raw.length() > MAX_BODY) {
            throw ApiException.badRequest("invalid_body", "The request body is too large.");
        }
        try {
            JsonNode node = json.readTree(raw);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("invalid_body", "The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_body", "The request body is not valid JSON.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray() && "scopes".equals(field)) {
            StringBuilder scopes = new StringBuilder();
            node.forEach(s -> scopes.append(scopes.length() == 0 ? "" : ",").append(s.asText()));
            return scopes.toString();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_body", "Field '" + field + "' must be a string.");
        }
        return node.asText();
    }

    /** A JSON boolean (or "true"/"false") as the text {@link ConnectRequests} validates. */
    private static String flagText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.isBoolean() ? String.valueOf(node.asBoolean()) : node.asText();
    }

    static String connectionId(Exchange exchange) {
        return ConnectRequests.requireConnectionId(exchange.getMessage().getHeader("id", String.class));
    }

    /** The service's own base URL, taken from the registered redirect URI (…/oauth/callback). */
    static String publicBaseUrl(String redirectUri) {
        String suffix = "/oauth/callback";
        if (redirectUri.endsWith(suffix)) {
            return redirectUri.substring(0, redirectUri.length() - suffix.length());
        }
        URI uri = URI.create(redirectUri);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
