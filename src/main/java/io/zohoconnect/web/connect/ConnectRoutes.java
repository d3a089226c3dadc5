package io.zohoconnect.web.connect;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.zohoconnect.audit.Actor;
import io.zohoconnect.credentials.AuthorizationCallback;
import io.zohoconnect.credentials.AuthorizationRequest;
import io.zohoconnect.credentials.AuthorizationStarter;
import io.zohoconnect.credentials.CallbackParams;
import io.zohoconnect.credentials.CallbackResult;
import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.ConnectionActions;
import io.zohoconnect.web.Html;
import io.zohoconnect.web.Pages;
import io.zohoconnect.web.ProblemResponses;
import io.zohoconnect.web.QueryParams;
import io.zohoconnect.web.ServletExchange;
import io.zohoconnect.web.WebActors;
import io.zohoconnect.web.WebErrorHandling;
import io.zohoconnect.web.WebResponses;
import io.zohoconnect.web.security.BrowserBinding;
import io.zohoconnect.web.security.ConnectAccess;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The browser legs of the authorization-code flow. {@code /connect} is for admins
 * ({@link ConnectAccess}): the admin key redirects to Zoho at once (scripts), a dashboard session
 * confirms on a page and POSTs (with its CSRF token). {@code /connect/link/{token}} is for whoever
 * holds a connect link: GET shows what it connects, POST uses it up and goes to Zoho. Every start
 * binds the flow to the browser ({@link BrowserBinding}); {@code GET /oauth/callback} takes the
 * browser back and only finishes a flow in the browser that started it.
 */
@Component
public class ConnectRoutes extends RouteBuilder {

    public static final String LINK_PATH = "/connect/link/";
    public static final String LINK_PATH_PATTERN = LINK_PATH + "*";
    private static final Pattern LINK_TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,128}");

    private final ConnectRequests requests;
    private final ConnectLinkStore links;
    private final AuthorizationStarter starter;
    private final AuthorizationCallback callback;
    private final ReturnToPolicy returnToPolicy;
    private final WebResponses responses;
    private final Pages pages;
    private final ConnectionActions actions;

    ConnectRoutes(ConnectRequests requests, ConnectLinkStore links, AuthorizationStarter starter,
            AuthorizationCallback callback, ReturnToPolicy returnToPolicy, WebResponses responses, Pages pages,
            ConnectionActions actions) {
        this.actions = actions;
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
        from("platform-http:/connect?httpMethodRestrict=GET,POST").routeId("zoho-connect")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::connect);

        from("platform-http:/connect/link/{token}?httpMethodRestrict=GET,POST").routeId("zoho-connect-link")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(ProblemResponses::answerWithPages)
                .process(this::link);

        from("platform-http:/oauth/callback?httpMethodRestrict=GET").routeId("zoho-oauth-callback")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(ProblemResponses::answerWithPages)
                .process(this::callback);
    }

    private void connect(Exchange exchange) {
        HttpServletRequest servletRequest = ServletExchange.request(exchange);
        ConnectAccess.Starter admin = ConnectAccess.require(servletRequest);
        boolean post = "POST".equals(servletRequest.getMethod());
        Params params = post ? Params.form(servletRequest) : Params.query(QueryParams.of(exchange));
        AuthorizationRequest request = requests.validate(params.get("connection_id"), params.get("dc"),
                params.get("environment"), params.get("scopes"), params.get("return_to"),
                params.get("allow_org_change"));
        if (!post && admin == ConnectAccess.Starter.ADMIN_SESSION) {
            responses.html(exchange, 200, pages.confirmConnect(request, ServletExchange.csrfField(exchange)));
            return;
        }
        goToZoho(exchange, request, WebActors.of(servletRequest));
    }

    private void link(Exchange exchange) {
        HttpServletRequest servletRequest = ServletExchange.request(exchange);
        String token = servletRequest.getRequestURI().substring(LINK_PATH.length());
        boolean post = "POST".equals(servletRequest.getMethod());
        Optional<ConnectLinkStore.LinkedRequest> found = !LINK_TOKEN.matcher(token).matches() ? Optional.empty()
                : post ? links.consume(token) : links.peek(token);
        ConnectLinkStore.LinkedRequest linked = found.orElseThrow(() -> new ApiException(401, "invalid_link", "This connect link is not valid: it was"
                        + " already used or has expired. Ask your administrator for a new one."));
        if (!post) {
            responses.html(exchange, 200, pages.confirmLink(LINK_PATH + token, linked.connectionId(), linked.dc(),
                    linked.environment(), linked.scopes(), linked.allowOrgChange(), ServletExchange.csrfField(exchange)));
            return;
        }
        goToZoho(exchange, requests.validate(linked.connectionId(), linked.dc(), linked.environment(), linked.scopes(),
                linked.returnTo(), String.valueOf(linked.allowOrgChange())), Actor.connectLink(linked.connectionId()));
    }

    /**
     * Every start: bind the flow to this browser, then send it to Zoho's consent page. The audit entry
     * names who started it; the grant that the callback stores later is credited to them.
     */
    private void goToZoho(Exchange exchange, AuthorizationRequest request, Actor actor) {
        String browserHash = BrowserBinding.bind(ServletExchange.request(exchange), ServletExchange.response(exchange));
        String consentUrl = starter.start(request, browserHash).toString();
        actions.connectStarted(request, actor);
        responses.redirect(exchange, consentUrl);
    }

    private void callback(Exchange exchange) {
        QueryParams query = QueryParams.of(exchange);
        CallbackResult result = callback.handle(new CallbackParams(query.get("state"), query.get("code"),
                query.get("error"), query.get("location"), query.get("accounts-server"),
                BrowserBinding.presented(ServletExchange.request(exchange))));
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
        } else if (result instanceof CallbackResult.NotStored notStored) {
            throw new ApiException(503, "connection_not_stored", "Could not complete the connection of '"
                    + notStored.connectionId() + "': " + notStored.message());
        }
    }

    private static String withParams(String url, String params) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + params + fragment;
    }

    /** The parameters of a start: the raw query of a GET, or the form of a POST (a name given twice is an error). */
    private interface Params {
        String get(String name);

        static Params query(QueryParams query) {
            return query::get;
        }

        static Params form(HttpServletRequest request) {
            Map<String, String[]> values = request.getParameterMap();
            return name -> {
                String[] given = values.get(name);
                if (given == null || given.length == 0 || given[0].isEmpty()) {
                    return null;
                }
                if (given.length > 1) {
                    throw ApiException.badRequest("invalid_request", "Parameter '" + Html.printable(name, 40)
                            + "' is given more than once.");
                }
                return given[0];
            };
        }
    }
}
