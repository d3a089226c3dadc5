package io.zohoconnect.web.dashboard;

import io.zohoconnect.web.ProblemResponses;

import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.api.ApiKeyRequest;
import io.zohoconnect.web.Html;
import io.zohoconnect.web.security.KeyPermission;
import io.zohoconnect.web.PageTemplates;
import io.zohoconnect.web.Pages;
import io.zohoconnect.web.security.ScopedKey;
import io.zohoconnect.web.ServletExchange;
import io.zohoconnect.web.WebActors;
import io.zohoconnect.web.WebErrorHandling;

import io.zohoconnect.web.security.ScopedKeyStore;
import io.zohoconnect.web.WebResponses;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;


/**
 * The dashboard's Keys page ({@code GET /keys}, login required): the scoped API keys, a form to make one — whose
 * secret is shown once, on the page that answers the form, with a copy button — and deletion after a confirmation
 * page. Every action is a POST with the session's CSRF token, as on the other pages. The markup is in
 * {@code templates/keys} and {@code templates/confirm-delete-key}, where Mustache escapes every value (a key's name
 * is whatever its maker typed).
 */
@Component
public class DashboardKeys extends RouteBuilder {

    private final ScopedKeyStore keys;
    private final io.zohoconnect.audit.AuditTrail audit;
    private final WebResponses responses;

    DashboardKeys(ScopedKeyStore keys, io.zohoconnect.audit.AuditTrail audit, WebResponses responses) {
        this.keys = keys;
        this.audit = audit;
        this.responses = responses;
    }

    @Override
    public void configure() {
        page("platform-http:/keys?httpMethodRestrict=GET", "zoho-dashboard-keys", e -> show(e, null, null));
        page("platform-http:/keys/new?httpMethodRestrict=POST", "zoho-dashboard-keys-create", this::create);
        page("platform-http:/keys/{id}/delete?httpMethodRestrict=POST", "zoho-dashboard-keys-delete", this::delete);
    }

    private void page(String uri, String routeId, org.apache.camel.Processor processor) {
        from(uri).routeId(routeId).routeConfigurationId(WebErrorHandling.ID)
                .process(ProblemResponses::answerWithPages)
                .process(processor);
    }

    /**
     * The page, with above it a just-made key's secret ({@code created}: its name and secret) or the name of a
     * just-deleted key ({@code deleted}); both null for the plain page.
     */
    private void show(Exchange exchange, Map<String, String> created, String deleted) {
        String csrf = ServletExchange.csrfField(exchange);
        Map<String, Object> model = new HashMap<>();
        model.put("created", created);
        model.put("deleted", deleted);
        model.put("keys", keys.list().stream().map(DashboardKeys::row).toList());
        model.put("allPermissions", Stream.of(KeyPermission.values()).map(KeyPermission::wireName).toList());
        model.put("csrfField", csrf);
        responses.html(exchange, 200, Pages.layout("API keys", PageTemplates.KEYS.execute(model), csrf));
    }

    private static Map<String, String> row(ScopedKey key) {
        Map<String, String> row = new HashMap<>();
        row.put("id", key.id());
        row.put("name", key.name());
        row.put("connections", String.join(", ", key.connections()));
        row.put("permissions", String.join(", ", key.permissions().stream().sorted().map(KeyPermission::wireName).toList()));
        row.put("createdAt", Pages.time(key.createdAt()));
        row.put("lastUsedAt", Pages.time(key.lastUsedAt()));
        return row;
    }

    private void create(Exchange exchange) {
        HttpServletRequest request = ServletExchange.request(exchange);
        String connections = request.getParameter("connections");
        String[] permissions = request.getParameterValues("permissions");
        ApiKeyRequest wanted = ApiKeyRequest.of(request.getParameter("name"),
                connections == null ? List.of() : Arrays.stream(connections.split("[,\\s]+")).filter(c -> !c.isEmpty()).toList(),
                permissions == null ? List.of() : List.of(permissions));
        ScopedKeyStore.IssuedKey issued = keys.create(wanted.name(), wanted.connections(), wanted.permissions());
        audit.record("key.created", null, WebActors.of(request), "success", "key " + issued.key().id() + " '"
                + Html.printable(wanted.name(), 100) + "'");
        show(exchange, Map.of("name", wanted.name(), "secret", issued.secret()), null);
        exchange.getMessage().setHeader("Cache-Control", "no-store");
    }

    /** Without {@code confirm=yes}: the confirmation page. With it: delete, and every node refuses the key from now on. */
    private void delete(Exchange exchange) {
        HttpServletRequest request = ServletExchange.request(exchange);
        String id = exchange.getMessage().getHeader("id", String.class);
        ScopedKey key = keys.list().stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No API key '" + Html.printable(id, 60) + "'."));
        String csrf = ServletExchange.csrfField(exchange);
        if (!"yes".equals(request.getParameter("confirm"))) {
            responses.html(exchange, 200, Pages.layout("Delete key " + key.name() + "?", PageTemplates.CONFIRM_DELETE_KEY
                    .execute(Map.of("name", key.name(), "id", key.id(), "csrfField", csrf)), csrf));
            return;
        }
        keys.delete(id);
        audit.record("key.deleted", null, WebActors.of(request), "success", "key " + id);
        show(exchange, null, key.name());
    }
}
