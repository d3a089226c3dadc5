package io.zohoconnect.web.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.audit.AuditPage;
import io.zohoconnect.audit.AuditQuery;
import io.zohoconnect.audit.AuditTrail;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionIds;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credentials.ConnectionRemoval;
import io.zohoconnect.credentials.RefreshResult;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncRunHistory;
import io.zohoconnect.sync.SyncRuns;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;
import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.AuditQueries;
import io.zohoconnect.web.ConnectionActions;
import io.zohoconnect.web.Html;
import io.zohoconnect.web.ProblemResponses;
import io.zohoconnect.web.QueryParams;
import io.zohoconnect.web.ServletExchange;
import io.zohoconnect.web.WebActors;
import io.zohoconnect.web.WebErrorHandling;
import io.zohoconnect.web.WebResponses;
import io.zohoconnect.web.api.AdminApiRoutes;
import io.zohoconnect.web.connect.ConnectLinkStore;
import io.zohoconnect.web.connect.ConnectRequests;
import io.zohoconnect.web.connect.ConnectRoutes;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The dashboard (login required): {@code GET /} the connections list, {@code GET /connections/{id}}
 * one connection, {@code GET /syncs} the syncs, and the actions they offer, each a POST with the
 * session's CSRF token (Spring Security refuses a POST without it before any route runs). Actions
 * answer with a page that shows their outcome; redirects only go to fixed local paths.
 */
@Component
class DashboardRoutes extends RouteBuilder {

    /** Parameters of the syncs page after Run now: the sync started, or found running already. */
    private static final String STARTED = "started";
    private static final String ALREADY_RUNNING = "already_running";
    private static final Set<String> FAILED_REFRESH = Set.of("FAILED_TRANSIENT", "FAILED_CLIENT_CONFIG", "FAILED_PERMANENT",
            "NOT_REFRESHABLE");

    private final ConnectionStore connections;
    private final ConnectionDirectory directory;
    private final DataCenters dataCenters;
    private final AuditTrail audit;
    private final ConnectionActions actions;
    private final ConnectRequests requests;
    private final SyncRegistry syncRegistry;
    private final SyncStateStore syncStates;
    private final SyncRuns syncRuns;
    private final SyncRunHistory syncHistory;
    private final DashboardPages pages;
    private final WebResponses responses;
    private final Clock clock;
    private final String publicBaseUrl;

    DashboardRoutes(ConnectionStore connections, ConnectionDirectory directory, DataCenters dataCenters, AuditTrail audit,
            ConnectionActions actions, ConnectRequests requests, SyncRegistry syncRegistry, SyncStateStore syncStates,
            SyncRuns syncRuns, SyncRunHistory syncHistory, DashboardPages pages, WebResponses responses, Clock clock,
            ZohoProperties properties) {
        this.connections = connections;
        this.directory = directory;
        this.dataCenters = dataCenters;
        this.audit = audit;
        this.actions = actions;
        this.requests = requests;
        this.syncRegistry = syncRegistry;
        this.syncStates = syncStates;
        this.syncRuns = syncRuns;
        this.syncHistory = syncHistory;
        this.pages = pages;
        this.responses = responses;
        this.clock = clock;
        this.publicBaseUrl = AdminApiRoutes.publicBaseUrl(properties.redirectUri());
    }

    @Override
    public void configure() {
        page("platform-http:/?httpMethodRestrict=GET", "zoho-dashboard", this::list);
        page("platform-http:/connections/{id}?httpMethodRestrict=GET", "zoho-dashboard-connection", this::connection);
        page("platform-http:/connections/{id}/refresh?httpMethodRestrict=POST", "zoho-dashboard-refresh", this::refresh);
        page("platform-http:/connections/{id}/link?httpMethodRestrict=POST", "zoho-dashboard-link", this::link);
        page("platform-http:/connections/{id}/delete?httpMethodRestrict=POST", "zoho-dashboard-delete", this::delete);
        page("platform-http:/syncs?httpMethodRestrict=GET", "zoho-dashboard-syncs", this::syncs);
        page("platform-http:/syncs/{id}/run?httpMethodRestrict=POST", "zoho-dashboard-sync-run", this::runSync);
    }

    private void page(String uri, String routeId, org.apache.camel.Processor processor) {
        from(uri).routeId(routeId).routeConfigurationId(WebErrorHandling.ID)
                .process(ProblemResponses::answerWithPages)
                .process(processor);
    }

    private void list(Exchange exchange) {
        QueryParams query = QueryParams.of(exchange);
        String status = query.get("status");
        if (status != null && java.util.Arrays.stream(ConnectionStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw ApiException.badRequest("invalid_status", "status must be one of " + DashboardPages.STATUS_ORDER + ".");
        }
        // not "dc": that is the connect form's field on the same page
        String dc = query.get("datacenter");
        if (dc != null && dataCenters.all().stream().noneMatch(d -> d.code().equals(dc))) {
            throw ApiException.badRequest("invalid_datacenter", "datacenter must be one of the configured data centers.");
        }
        String search = query.get("q");
        if (search != null && !ConnectionIds.valid(search)) {
            throw ApiException.badRequest("invalid_search", "Search by a part of a connection id: letters, digits, '.', '_'"
                    + " and '-', up to 64 characters.");
        }
        String after = query.get("after");
        if (after != null) {
            ConnectRequests.requireConnectionId(after);
        }
        ConnectionDirectory.Filter filter = new ConnectionDirectory.Filter(status, dc, search, after);
        Map<ConnectionStatus, Long> counts = connections.countByStatus();
        responses.html(exchange, 200, pages.connections(filter, directory.page(filter), counts, dataCenters.all(), null,
                ServletExchange.csrfField(exchange)));
    }

    private void connection(Exchange exchange) {
        Connection c = found(exchange);
        AuditQuery query = AuditQueries.ofConnection(c.id(), QueryParams.of(exchange));
        showConnection(exchange, c, new AuditQuery(c.id(), null, null, null, query.before(), 20), null);
    }

    private void showConnection(Exchange exchange, Connection c, AuditQuery recent, DashboardPages.Outcome outcome) {
        AuditPage events = audit.list(recent);
        responses.html(exchange, 200, pages.connection(c, events.events(), events.nextBefore(),
                audit.refreshHistory(c.id(), clock.instant().minus(Duration.ofDays(15))), clock.instant(), outcome,
                ServletExchange.csrfField(exchange)));
    }

    private void refresh(Exchange exchange) {
        String id = AdminApiRoutes.connectionId(exchange);
        found(exchange);
        RefreshResult result = actions.refresh(id, WebActors.of(ServletExchange.request(exchange)));
        String outcome = result.outcome().name();
        DashboardPages.Outcome shown = new DashboardPages.Outcome("Refresh: " + outcome.toLowerCase(Locale.ROOT).replace('_', ' ')
                + (result.message() == null ? "" : " — " + result.message()), FAILED_REFRESH.contains(outcome));
        showConnection(exchange, found(exchange), AuditQuery.ofConnection(id, 20), shown);
    }

    private void link(Exchange exchange) {
        Connection c = found(exchange);
        ConnectLinkStore.IssuedLink link = actions.createLink(requests.validate(c.id(), c.dc(), c.environment().code(),
                String.join(",", c.scopes()), null, null), WebActors.of(ServletExchange.request(exchange)));
        responses.html(exchange, 200, pages.linkCreated(c.id(), publicBaseUrl + ConnectRoutes.LINK_PATH + link.token(),
                link.expiresAt(), ServletExchange.csrfField(exchange)));
    }

    /** Without {@code confirm=yes}: the confirmation page. With it: revoke and delete, and say how it went. */
    private void delete(Exchange exchange) {
        HttpServletRequest request = ServletExchange.request(exchange);
        String id = AdminApiRoutes.connectionId(exchange);
        if (!"yes".equals(request.getParameter("confirm"))) {
            responses.html(exchange, 200, pages.confirmDelete(found(exchange), ServletExchange.csrfField(exchange)));
            return;
        }
        ConnectionRemoval.Removal removed = actions.delete(id, WebActors.of(request));
        DashboardPages.Outcome outcome = switch (removed.outcome()) {
            case DELETED -> new DashboardPages.Outcome("Connection " + id + " was revoked at Zoho and deleted.", false);
            case NOT_FOUND -> new DashboardPages.Outcome("There was no connection " + id + ": nothing to delete.", false);
            // the removal's message says why, what the service does next and how to retry: not said twice
            case REVOKE_PENDING -> new DashboardPages.Outcome("Connection " + id + " is REVOKE_PENDING, not deleted yet. "
                    + removed.message(), true);
            case CHANGED -> new DashboardPages.Outcome("Not deleted: a new consent replaced the grant of " + id
                    + " meanwhile, and the new grant is kept. " + removed.message(), true);
        };
        responses.html(exchange, 200, pages.deleted(id, outcome, ServletExchange.csrfField(exchange)));
    }

    /**
     * Run now answers with a redirect to the syncs page (post/redirect/get): reloading that page to
     * follow the run then reads it again instead of sending the run request once more.
     */
    private void runSync(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        SyncSpec spec = syncRegistry.find(id).orElseThrow(() -> ApiException.notFound("No sync '" + Html.printable(id, 200) + "'."));
        String shown = URLEncoder.encode(spec.id(), StandardCharsets.UTF_8);
        if (syncRuns.isRunning(id)) {
            responses.redirect(exchange, "/syncs?" + ALREADY_RUNNING + "=" + shown);
            return;
        }
        actions.runSync(id, spec.connectionId(), WebActors.of(ServletExchange.request(exchange)));
        responses.redirect(exchange, "/syncs?" + STARTED + "=" + shown);
    }

    /** The syncs page; after Run now, with its outcome (a parameter naming no declared sync shows none). */
    private void syncs(Exchange exchange) {
        QueryParams query = QueryParams.of(exchange);
        DashboardPages.Outcome outcome = null;
        String started = query.get(STARTED);
        String alreadyRunning = query.get(ALREADY_RUNNING);
        if (started != null && syncRegistry.find(started).isPresent()) {
            outcome = new DashboardPages.Outcome("Started sync " + started + (syncRuns.isRunning(started)
                    ? "; it is running: reload this page to follow it." : "; its run is shown below."), false);
        } else if (alreadyRunning != null && syncRegistry.find(alreadyRunning).isPresent()) {
            outcome = new DashboardPages.Outcome("Sync " + alreadyRunning + " is running now; it was not started again.", true);
        }
        responses.html(exchange, 200, pages.syncs(syncRows(), outcome, ServletExchange.csrfField(exchange)));
    }

    private List<DashboardPages.SyncRow> syncRows() {
        syncHistory.sample();
        Map<String, SyncState> states = new java.util.HashMap<>();
        syncStates.findAll().forEach(state -> states.put(state.syncId(), state));
        List<DashboardPages.SyncRow> rows = new ArrayList<>();
        for (SyncSpec spec : syncRegistry.all()) {
            SyncState state = states.get(spec.id());
            rows.add(new DashboardPages.SyncRow(spec, state, syncHistory.recent(spec.id(), 50), syncHistory.lagNow(state)));
        }
        return rows;
    }

    private Connection found(Exchange exchange) {
        String id = AdminApiRoutes.connectionId(exchange);
        return connections.findStatus(id).orElseThrow(() -> ApiException.notFound("No connection '" + id + "'."));
    }
}
