package io.zohoconnect.web.api;


import io.zohoconnect.web.security.ApiGrants;
import io.zohoconnect.web.security.KeyPermission;
import io.zohoconnect.web.ServletExchange;
import io.zohoconnect.web.WebActors;

import io.zohoconnect.web.security.ScopedKey;
import io.zohoconnect.web.security.ScopedKeyStore;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credits.CreditBudget;
import io.zohoconnect.credits.CreditStatus;
import io.zohoconnect.credits.OrgAllowances;
import io.zohoconnect.connection.KeyRotation;
import io.zohoconnect.credentials.AccessToken;
import io.zohoconnect.credentials.AuthorizationRequest;
import io.zohoconnect.credentials.ConnectionRemoval;
import io.zohoconnect.credentials.RefreshResult;
import io.zohoconnect.credentials.TokenRefresher;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncRuns;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;

import io.zohoconnect.audit.Actor;
import io.zohoconnect.audit.AuditQuery;
import io.zohoconnect.audit.AuditTrail;
import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.AuditQueries;
import io.zohoconnect.web.ConnectionActions;
import io.zohoconnect.web.Html;
import io.zohoconnect.web.QueryParams;
import io.zohoconnect.web.WebErrorHandling;
import io.zohoconnect.web.WebResponses;
import io.zohoconnect.web.connect.ConnectLinkStore;
import io.zohoconnect.web.connect.ConnectRequests;
import io.zohoconnect.web.connect.ConnectRoutes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The admin API under /api (authenticated by the admin key, see {@link SecurityConfiguration}). */
@Component
public class AdminApiRoutes extends RouteBuilder {

    private static final String JSON = "application/json";
    /** The fields of POST /api/connect-links (ApiLinkRequest); any other is refused. */
    private static final Set<String> LINK_FIELDS = Set.of("connection_id", "dc", "environment", "scopes", "return_to",
            "allow_org_change");
    /** The fields of POST /api/keys (ApiKeyRequest). */
    private static final Set<String> KEY_FIELDS = Set.of("name", "connections", "permissions");
    private static final String KEY_EXAMPLE = "{\"name\":\"etl-acme\",\"connections\":[\"acme-*\"],\"permissions\":[\"proxy:read\"]}";
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("key_[A-Za-z0-9_-]{1,36}");
    private static final String LINK_EXAMPLE = "{\"connection_id\":\"acme\",\"dc\":\"eu\",\"environment\":\"production\"}";

    private final ConnectionStore connections;
    private final ConnectionActions actions;
    private final AuditTrail audit;
    private final TokenRefresher refresher;
    private final SyncRegistry syncRegistry;
    private final SyncStateStore syncStates;
    private final SyncRuns syncRuns;
    private final KeyRotation keyRotation;
    private final ConnectRequests requests;
    private final ScopedKeyStore keys;
    private final WebResponses responses;
    private final ObjectReader strictJson;
    private final String publicBaseUrl;
    private final CreditBudget credits;
    private final OrgAllowances allowances;
    private static final java.util.regex.Pattern ORG_ID = java.util.regex.Pattern.compile("[0-9A-Za-z_.:-]{1,80}");
    private static final long MAX_ALLOWANCE = 1_000_000_000L;
    private static final String CREDITS_EXAMPLE = "{\"allowance\": 60000}";

    AdminApiRoutes(ConnectionStore connections, ConnectionActions actions, AuditTrail audit, TokenRefresher refresher,
            SyncRegistry syncRegistry, SyncStateStore syncStates, SyncRuns syncRuns, KeyRotation keyRotation,
            ConnectRequests requests, ScopedKeyStore keys, WebResponses responses, ObjectMapper json,
            ZohoProperties properties, CreditBudget credits, OrgAllowances allowances) {
        this.keys = keys;
        this.credits = credits;
        this.allowances = allowances;
        this.connections = connections;
        this.actions = actions;
        this.audit = audit;
        this.refresher = refresher;
        this.syncRegistry = syncRegistry;
        this.syncStates = syncStates;
        this.syncRuns = syncRuns;
        this.keyRotation = keyRotation;
        this.requests = requests;
        this.responses = responses;
        this.strictJson = ApiRequestBody.strictReader(json);
        this.publicBaseUrl = publicBaseUrl(properties.redirectUri());
    }

    /**
     * The admin API as REST DSL, so its OpenAPI 3 document ({@code GET /api/openapi.json}) is generated
     * from the same definitions that serve it and cannot drift. Each operation runs in a direct route
     * of its own that carries the shared error handling ({@link WebErrorHandling}).
     */
    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off).inlineRoutes(false)
                .apiContextPath("/api/openapi.json")
                .apiProperty("api.title", "Zoho Connect admin API")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Zoho CRM OAuth connections, their audit trail, module syncs and keys."
                        + " Every operation needs Authorization: Bearer <zoho.admin.api-key>. Errors are RFC 9457"
                        + " application/problem+json (type, title, status, detail, and the service's error code and"
                        + " message) with the status that fits; never a token is shown except by"
                        + " the access-token operation.")
                .apiProperty("openapi.version", "3.0.3")
                .apiProperty("host", URI.create(publicBaseUrl).getRawAuthority())
                .apiProperty("schemes", URI.create(publicBaseUrl).getScheme());

        rest("/api").description("Admin API")
                .securityDefinitions().bearerToken("adminKey", "zoho.admin.api-key").end()
                .security("adminKey")

                .get("/connections").id("zoho-api-connections").description("A page of connections, by id")
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                .description("1-1000, default 200").endParam()
                .param().name("after").type(RestParamType.query).dataType("string").required(false)
                .description("the last connection id of the previous page (next_after)").endParam()
                .produces(JSON).outType(ApiConnectionList.class)
                .responseMessage().code(400).message("invalid limit or after").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-connections")

                .get("/connections/{id}").id("zoho-api-connection").description("One connection's status (never its tokens)")
                .param(idParam()).produces(JSON).outType(ConnectionView.class)
                .responseMessage().code(404).message("no such connection").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-connection")

                .delete("/connections/{id}").id("zoho-api-connection-delete")
                .description("Revoke at Zoho, then delete; idempotent. 202 while Zoho has not confirmed the revoke")
                .param(idParam()).produces(JSON).outType(ApiDeleted.class)
                .responseMessage().code(202).message("REVOKE_PENDING: the timer retries the revoke").responseModel(ApiDeleted.class).endResponseMessage()
                .responseMessage().code(409).message("connection_changed: a re-consent replaced the grant").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-connection-delete")

                .post("/connections/{id}/refresh").id("zoho-api-connection-refresh")
                .description("Refresh the access token now; outcome refreshed, already_fresh, rate_limited, backing_off,"
                        + " failed_transient, failed_client_config, failed_permanent or not_refreshable")
                .param(idParam()).produces(JSON).outType(ApiRefreshed.class)
                .responseMessage().code(404).message("no such connection").responseModel(ApiProblem.class).endResponseMessage()
                .responseMessage().code(409).message("needs re-consent or not refreshable").responseModel(ApiRefreshed.class).endResponseMessage()
                .responseMessage().code(502).message("Zoho failed or refused the client").responseModel(ApiRefreshed.class).endResponseMessage()
                .to("direct:zoho-api-connection-refresh")

                .get("/connections/{id}/access-token").id("zoho-api-access-token")
                .description("A fresh access token, for consumers outside Camel")
                .param(idParam()).produces(JSON).outType(ApiAccessToken.class)
                .responseMessage().code(404).message("no such connection").responseModel(ApiProblem.class).endResponseMessage()
                .responseMessage().code(409).message("needs_reauth or revoke_pending").responseModel(ApiProblem.class).endResponseMessage()
                .responseMessage().code(503).message("token_unavailable, or database_unavailable (the database is"
                        + " unreachable and this node holds no valid token): retry after Retry-After seconds")
                .responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-access-token")

                .get("/connections/{id}/events").id("zoho-api-connection-events")
                .description("The connection's audit trail, newest first")
                .param(idParam()).param(limitParam()).param(beforeParam())
                .produces(JSON).outType(ApiAuditEvents.class)
                .responseMessage().code(400).message("invalid limit or before").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-connection-events")

                .get("/events").id("zoho-api-events").description("The whole audit trail, newest first, optionally filtered")
                .param(limitParam()).param(beforeParam())
                .param().name("connection_id").type(RestParamType.query).dataType("string").required(false).endParam()
                .param().name("type").type(RestParamType.query).dataType("string").required(false)
                .description("e.g. connection.refreshed, refresh.forced").endParam()
                .param().name("outcome").type(RestParamType.query).dataType("string").required(false)
                .description("e.g. success, failure, rate_limited").endParam()
                .param().name("actor").type(RestParamType.query).dataType("string").required(false)
                .allowableValues(Actor.ADMIN, Actor.API_KEY, Actor.KEY, Actor.CONNECT_LINK, Actor.TIMER, Actor.NODE).endParam()
                .produces(JSON).outType(ApiAuditEvents.class)
                .responseMessage().code(400).message("invalid parameter").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-events")

                .get("/syncs").id("zoho-api-syncs").description("Every declared sync and where it stands")
                .produces(JSON).outType(ApiSyncList.class)
                .to("direct:zoho-api-syncs")

                .post("/syncs/{id}/run").id("zoho-api-sync-run").description("Start a sync now, in the background")
                .param().name("id").type(RestParamType.path).dataType("string").description("sync id").endParam()
                .produces(JSON)
                .responseMessage().code(202).message("started").responseModel(ApiSyncStarted.class).endResponseMessage()
                .responseMessage().code(404).message("no such sync").responseModel(ApiProblem.class).endResponseMessage()
                .responseMessage().code(409).message("already_running").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-sync-run")

                .get("/crypto/keys").id("zoho-api-crypto-keys").description("Which encryption key seals how many connections")
                .produces(JSON).outType(ApiKeyUsage.class)
                .to("direct:zoho-api-crypto-keys")

                .post("/crypto/reencrypt").id("zoho-api-crypto-reencrypt")
                .description("Re-seal every secret under the current key (after a rotation)")
                .produces(JSON).outType(ApiReencrypted.class)
                .to("direct:zoho-api-crypto-reencrypt")

                .post("/connect-links").id("zoho-api-connect-links")
                .description("A single-use connect link for the owner of a Zoho account")
                // no consumes(): the route refuses another content type itself, with the service's 400 (ApiRequestBody)
                .type(ApiLinkRequest.class).produces(JSON)
                .responseMessage().code(201).message("created").responseModel(ApiLink.class).endResponseMessage()
                .responseMessage().code(400).message("unsupported_media_type (not JSON), invalid_body (not one JSON object, a"
                        + " duplicated or unknown field) or an invalid field").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-connect-links")

                .get("/orgs/{org_id}/credits").id("zoho-api-org-credits")
                .description("An org's API credits: allowance, use in the last 24 hours (background and interactive),"
                        + " state and when the next credits free up")
                .param(orgIdParam()).produces(JSON).outType(CreditStatus.class)
                .responseMessage().code(404).message("no such org").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-org-credits")

                .put("/orgs/{org_id}/credits").id("zoho-api-org-credits-set")
                .description("Sets an org's API-credit allowance for 24 hours (with add-on credits bought);"
                        + " {\"allowance\": null} goes back to Zoho's formula for its edition and licenses")
                .param(orgIdParam()).type(ApiCreditsRequest.class).produces(JSON).outType(CreditStatus.class)
                .responseMessage().code(400).message("invalid_body or invalid_allowance").responseModel(ApiProblem.class)
                .endResponseMessage()
                .responseMessage().code(404).message("no such org").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-org-credits-set")

                .post("/keys").id("zoho-api-keys-create")
                .description("A scoped API key: the connections it may use (ids or globs like acme-*) and its permissions"
                        + " (" + KeyPermission.allNames() + "). Admin key only. The key is in this answer only")
                .type(ApiKeyRequest.class).produces(JSON)
                .responseMessage().code(201).message("created").responseModel(ApiScopedKey.class).endResponseMessage()
                .responseMessage().code(400).message("unsupported_media_type, invalid_body or an invalid field")
                .responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-keys-create")

                .get("/keys").id("zoho-api-keys").description("Every scoped API key, without secrets. Admin key only")
                .produces(JSON).outType(ApiScopedKeyList.class)
                .to("direct:zoho-api-keys")

                .delete("/keys/{id}").id("zoho-api-keys-delete")
                .description("Delete a scoped API key: every node refuses it from now on. Admin key only")
                .param().name("id").type(RestParamType.path).dataType("string").description("key id").endParam()
                .responseMessage().code(204).message("deleted").endResponseMessage()
                .responseMessage().code(404).message("no such key").responseModel(ApiProblem.class).endResponseMessage()
                .to("direct:zoho-api-keys-delete");

        everyOperationMayAnswer(401, "missing, wrong or deleted key");
        everyOperationMayAnswer(403, "a scoped API key outside its permissions or connections");
        everyOperationMayAnswer(429, "too many wrong admin keys from this address: retry after Retry-After seconds");

        operation("zoho-api-connections", this::listConnections);
        operation("zoho-api-connection", e -> responses.json(e, 200, ConnectionView.of(connections.find(connectionId(e))
                .orElseThrow(() -> ApiException.notFound("No connection '" + connectionId(e) + "'.")))));
        operation("zoho-api-connection-delete", this::delete);
        operation("zoho-api-connection-refresh", this::refresh);
        operation("zoho-api-access-token", this::accessToken);
        operation("zoho-api-connection-events", e -> responses.json(e, 200,
                audit.list(AuditQueries.ofConnection(connectionId(e), QueryParams.of(e)))));
        operation("zoho-api-events", e -> responses.json(e, 200, audit.list(AuditQueries.of(QueryParams.of(e)))));
        operation("zoho-api-syncs", this::listSyncs);
        operation("zoho-api-sync-run", this::runSync);
        operation("zoho-api-crypto-keys", e -> responses.json(e, 200, keyRotation.usage()));
        operation("zoho-api-crypto-reencrypt", e -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reencrypted_rows", actions.reencrypt(Actor.apiKey()));
            body.putAll(keyRotation.usage());
            responses.json(e, 200, body);
        });
        operation("zoho-api-connect-links", this::createLink);
        operation("zoho-api-keys-create", this::createKey);
        operation("zoho-api-keys", e -> responses.json(e, 200, Map.of("keys", keys.list().stream().map(this::keyView).toList())));
        operation("zoho-api-keys-delete", this::deleteKey);
        operation("zoho-api-org-credits", e -> responses.json(e, 200, credits.status(knownOrg(e))));
        operation("zoho-api-org-credits-set", this::setAllowance);
    }

    private void setAllowance(Exchange exchange) {
        String orgId = knownOrg(exchange);
        ApiRequestBody body = ApiRequestBody.read(exchange, strictJson, Set.of("allowance"), CREDITS_EXAMPLE);
        if (!body.has("allowance")) {
            throw ApiException.badRequest("invalid_allowance", "Field 'allowance' is required: " + CREDITS_EXAMPLE);
        }
        allowances.override(orgId, body.number("allowance", 0, MAX_ALLOWANCE));
        responses.json(exchange, 200, credits.status(orgId));
    }

    /** The org of the path, known to the service (a connection of it, or its stored license), else 404. */
    private String knownOrg(Exchange exchange) {
        String orgId = exchange.getMessage().getHeader("org_id", String.class);
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw ApiException.badRequest("invalid_org_id", "org_id must be 1-80 of A-Z a-z 0-9 . _ : -");
        }
        if (!allowances.known(orgId)) {
            throw ApiException.notFound("No org '" + orgId + "': no connection of it is known.");
        }
        return orgId;
    }

    private static ParamDefinition orgIdParam() {
        return new ParamDefinition().name("org_id").type(RestParamType.path).dataType("string")
                .description("Zoho's org id (GET /api/connections shows each connection's), or connection:<id> for a"
                        + " connection whose org is not known");
    }

    private void everyOperationMayAnswer(int code, String message) {
        for (RestDefinition rest : getRestCollection().getRests()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                ResponseMessageDefinition response = new ResponseMessageDefinition(verb);
                response.setCode(String.valueOf(code));
                response.setMessage(message);
                response.setResponseModel(ApiProblem.class.getName());
                verb.getResponseMsgs().add(response);
            }
        }
    }

    /** The route behind one REST operation: its own id (the operation's) with the shared error handling. */
    private void operation(String id, Processor processor) {
        from("direct:" + id).routeId(id + "-handler").routeConfigurationId(WebErrorHandling.ID).process(processor);
    }

    private static ParamDefinition idParam() {
        return new ParamDefinition().name("id").type(RestParamType.path).dataType("string")
                .description("connection id: 1-64 of A-Z a-z 0-9 . _ -");
    }

    private static ParamDefinition limitParam() {
        return new ParamDefinition().name("limit").type(RestParamType.query).dataType("integer").required(false)
                .description("1-" + AuditQuery.MAX_LIMIT + ", default " + AuditQuery.DEFAULT_LIMIT);
    }

    private static ParamDefinition beforeParam() {
        return new ParamDefinition().name("before").type(RestParamType.query).dataType("string").required(false)
                .description("next_before of the previous page");
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
        ScopedKey key = ApiGrants.keyOf(ServletExchange.request(exchange));
        List<Connection> page = key == null ? connections.listStatuses(after, limit + 1) : listOf(key, after, limit + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connections", page.stream().limit(limit).map(ConnectionView::of).toList());
        body.put("next_after", page.size() > limit ? page.get(limit - 1).id() : null);
        responses.json(exchange, 200, body);
    }

    /** Up to {@code count} of a scoped key's connections after {@code after}: pages of all of them, filtered. */
    private List<Connection> listOf(ScopedKey key, String after, int count) {
        List<Connection> mine = new ArrayList<>();
        String cursor = after;
        while (mine.size() < count) {
            List<Connection> page = connections.listStatuses(cursor, 1000);
            page.stream().filter(c -> key.covers(c.id())).limit(count - mine.size()).forEach(mine::add);
            if (page.size() < 1000) {
                break;
            }
            cursor = page.get(page.size() - 1).id();
        }
        return mine;
    }

    /**
     * 200 when Zoho confirmed the revoke and the row is gone (or there was none); 202 REVOKE_PENDING when
     * Zoho did not confirm (the row and its token stay, the timer retries); 409 when a re-consent replaced
     * the grant while it was being revoked (the new grant is kept).
     */
    private void delete(Exchange exchange) {
        String id = connectionId(exchange);
        ConnectionRemoval.Removal removed = actions.delete(id, Actor.apiKey());
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
        RefreshResult result = actions.refresh(id, Actor.apiKey());
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

    /**
     * A fresh access token for consumers outside Camel, from the same source as {@code zohoAuth}: this node's
     * token while it is valid beyond the margin, so a database outage does not cost callers a valid token.
     * Marked no-store; never logged.
     */
    private void accessToken(Exchange exchange) {
        String id = connectionId(exchange);
        AccessToken token = refresher.accessToken(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", id);
        body.put("access_token", token.value());
        body.put("api_domain", token.apiDomain());
        body.put("expires_at", token.expiresAt());
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
        actions.runSync(id, syncRegistry.find(id).map(SyncSpec::connectionId).orElse(null), Actor.apiKey()).orElseThrow(() -> ApiException.notFound("No sync '" + Html.printable(id, 200) + "'."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sync_id", id);
        body.put("started", true);
        body.put("message", "Started; GET /api/syncs shows its progress.");
        responses.json(exchange, 202, body);
    }

    private void createLink(Exchange exchange) {
        ApiRequestBody body = ApiRequestBody.read(exchange, strictJson, LINK_FIELDS, LINK_EXAMPLE);
        AuthorizationRequest request = requests.validate(body.text("connection_id"), body.text("dc"),
                body.text("environment"), body.names("scopes", "[\"ZohoCRM.modules.ALL\",\"ZohoCRM.org.READ\"]"),
                body.text("return_to"), body.flag("allow_org_change"));
        ApiGrants.require(ServletExchange.request(exchange), KeyPermission.LINKS_CREATE, request.connectionId());
        ConnectLinkStore.IssuedLink link = actions.createLink(request, WebActors.of(ServletExchange.request(exchange)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", publicBaseUrl + ConnectRoutes.LINK_PATH + link.token());
        out.put("expires_at", link.expiresAt());
        out.put("connection_id", request.connectionId());
        responses.json(exchange, 201, out);
    }

    private void createKey(Exchange exchange) {
        ApiKeyRequest request = ApiKeyRequest.of(ApiRequestBody.read(exchange, strictJson, KEY_FIELDS, KEY_EXAMPLE));
        ScopedKeyStore.IssuedKey issued = keys.create(request.name(), request.connections(), request.permissions());
        Map<String, Object> out = keyView(issued.key());
        out.remove("last_used_at");
        out.put("key", issued.secret());
        audit.record("key.created", null, WebActors.of(ServletExchange.request(exchange)), "success",
                "key " + issued.key().id() + " '" + Html.printable(request.name(), 100) + "'");
        responses.json(exchange, 201, out);
    }

    private void deleteKey(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !KEY_ID.matcher(id).matches() || !keys.delete(id)) {
            throw ApiException.notFound("No API key '" + Html.printable(id, 60) + "'.");
        }
        audit.record("key.deleted", null, WebActors.of(ServletExchange.request(exchange)), "success", "key " + id);
        responses.noContent(exchange);
    }

    private Map<String, Object> keyView(ScopedKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.id());
        view.put("name", key.name());
        view.put("connections", key.connections());
        view.put("permissions", key.permissions().stream().sorted().map(KeyPermission::wireName).toList());
        view.put("created_at", key.createdAt());
        view.put("last_used_at", key.lastUsedAt());
        return view;
    }

    public static String connectionId(Exchange exchange) {
        return ConnectRequests.requireConnectionId(exchange.getMessage().getHeader("id", String.class));
    }

    /** The service's own base URL, taken from the registered redirect URI (…/oauth/callback). */
    public static String publicBaseUrl(String redirectUri) {
        String suffix = "/oauth/callback";
        if (redirectUri.endsWith(suffix)) {
            return redirectUri.substring(0, redirectUri.length() - suffix.length());
        }
        URI uri = URI.create(redirectUri);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
