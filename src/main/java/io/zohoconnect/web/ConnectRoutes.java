package io.zohoconnect.web;

import io.zohoconnect.oauth.AuthorizationCallback;
import io.zohoconnect.oauth.AuthorizationRequest;
import io.zohoconnect.oauth.AuthorizationStarter;
import io.zohoconnect.oauth.CallbackParams;
import io.zohoconnect.oauth.CallbackResult;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The two browser legs of the authorization-code flow: {@code GET /connect} sends the user to
 * Zoho, {@code GET /oauth/callback} takes them back. Who may call /connect is decided by the
 * security filter chain (a login, the admin key, or a connect link checked here).
 */
@Component
class ConnectRoutes extends RouteBuilder {

    private final ConnectRequests requests;
    private final ConnectLinkStore links;
    private final AuthorizationStarter starter;
    private final AuthorizationCallback callback;
    private final ReturnToPolicy returnToPolicy;
    private final WebResponses responses;
    private final Pages pages;

    ConnectRoutes(ConnectRequests requests, ConnectLinkStore links, AuthorizationStarter starter,
            AuthorizationCallback callback, ReturnToPolicy returnToPolicy, WebResponses responses, Pages pages) {
        this.requests = requests;
        this.links = links;
        this.starter = starter;
        this.callback = callback;
        this.returnToPolicy = returnToPolicy;
        this.responses = responses;
        this.pages = pages;
    }

    @Override
    public void configure() {
        from("platform-http:/connect?httpMethodRestrict=GET").routeId("zoho-connect")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::connect);

        from("platform-http:/oauth/callback?httpMethodRestrict=GET").routeId("zoho-oauth-callback")
                .routeConfigurationId(WebErrorHandling.ID)
                .setProperty(WebErrorHandling.HTML, constant(true))
                .process(this::callback);
    }

    private void connect(Exchange exchange) {
        QueryParams query = QueryParams.of(exchange);
        String link = query.get(ConnectLinkAccess.LINK_PARAM);
        AuthorizationRequest request;
        if (link != null) {
            ConnectLinkStore.LinkedRequest linked = links.consume(link).orElseThrow(() -> new ApiException(401,
                    "invalid_link", "This connect link is not valid: it was already used or has expired."
                            + " Ask your administrator for a new one."));
            request = requests.validate(linked.connectionId(), linked.dc(), linked.environment(), linked.scopes(),
                    linked.returnTo(), String.valueOf(linked.allowOrgChange()));
        } else {
            request = requests.validate(query.get("connection_id"), query.get("dc"), query.get("environment"),
                    query.get("scopes"), query.get("return_to"), query.get("allow_org_change"));
        }
        responses.redirect(exchange, starter.start(request).toString());
    }

    private void callback(Exchange exchange) {
        QueryParams query = QueryParams.of(exchange);
        CallbackResult result = callback.handle(new CallbackParams(query.get("state"), query.get("code"),
                query.get("error"), query.get("location"), query.get("accounts-server")));
        if (result instanceof CallbackResult.Connected ok) {
            if (ok.returnTo() != null && returnToPolicy.isAllowed(ok.returnTo())) {
                responses.redirect(exchange, withParams(ok.returnTo(), "connection_id=" + ok.connection().id()
                        + "&status=" + ok.connection().status().name()));
            } else {
                responses.html(exchange, 200, pages.connected(ok.connection(), ok.reconnected()));
            }
        } else if (result instanceof CallbackResult.Denied denied) {
            responses.html(exchange, 403, pages.denied(denied.connectionId(), denied.error()));
        } else if (result instanceof CallbackResult.Rejected rejected) {
            throw ApiException.badRequest(rejected.error(), rejected.message());
        } else if (result instanceof CallbackResult.OrgChangeRefused refused) {
            throw new ApiException(409, "org_change_refused", refused.message());
        } else if (result instanceof CallbackResult.ExchangeFailed failed) {
            throw new ApiException(502, "token_exchange_failed", "Could not complete the connection of '"
                    + failed.connectionId() + "': " + failed.message() + ". Nothing was stored; start the connection again.");
        }
    }

    private static String withParams(String url, String params) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + params + fragment;
    }
}
