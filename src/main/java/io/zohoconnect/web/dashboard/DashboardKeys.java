package io.zohoconnect.web.dashboard;

import io.zohoconnect.web.ProblemResponses;

import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.api.ApiKeyRequest;
import io.zohoconnect.web.Html;
import io.zohoconnect.web.security.KeyPermission;
import io.zohoconnect.web.Pages;
import io.zohoconnect.web.security.ScopedKey;
import io.zohoconnect.web.ServletExchange;
import io.zohoconnect.web.WebActors;
import io.zohoconnect.web.WebErrorHandling;

import io.zohoconnect.web.security.ScopedKeyStore;
import io.zohoconnect.web.WebResponses;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import static io.zohoconnect.web.Html.escape;

/**
 * The dashboard's Keys page ({@code GET /keys}, login required): the scoped API keys, a form to make one — whose
 * secret is shown once, on the page that answers the form, with a copy button — and deletion after a confirmation
 * page. Every action is a POST with the session's CSRF token, as on the other pages. Self-contained (routes and
 * markup here) so it can move with the dashboard's templates.
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
        page("platform-http:/keys?httpMethodRestrict=GET", "zoho-dashboard-keys", e -> show(e, null));
        page("platform-http:/keys/new?httpMethodRestrict=POST", "zoho-dashboard-keys-create", this::create);
        page("platform-http:/keys/{id}/delete?httpMethodRestrict=POST", "zoho-dashboard-keys-delete", this::delete);
    }

    private void page(String uri, String routeId, org.apache.camel.Processor processor) {
        from(uri).routeId(routeId).routeConfigurationId(WebErrorHandling.ID)
                .process(ProblemResponses::answerWithPages)
                .process(processor);
    }

    private void show(Exchange exchange, String outcome) {
        String csrf = ServletExchange.csrfField(exchange);
        StringBuilder html = new StringBuilder();
        if (outcome != null) {
            html.append(outcome);
        }
        html.append("<div class=\"card\"><h2>API keys</h2><p>A key lets a system use only the connections and permissions it"
                + " names: the gateway (<code>/proxy/crm/…</code>), access tokens, connection status, connect links.</p>"
                + "<table id=\"keys\"><thead><tr><th>Name</th><th>Connections</th><th>Permissions</th><th>Created</th>"
                + "<th>Last used</th><th></th></tr></thead><tbody>");
        List<ScopedKey> all = keys.list();
        for (ScopedKey key : all) {
            html.append("<tr data-key=\"").append(escape(key.id())).append("\"><td>").append(escape(key.name()))
                    .append("</td><td><code>").append(escape(String.join(", ", key.connections()))).append("</code></td><td>")
                    .append(escape(String.join(", ", key.permissions().stream().sorted().map(KeyPermission::wireName).toList())))
                    .append("</td><td>").append(escape(Pages.time(key.createdAt()))).append("</td><td>")
                    .append(escape(Pages.time(key.lastUsedAt()))).append("</td><td><form method=\"post\" action=\"/keys/")
                    .append(escape(key.id())).append("/delete\">").append(csrf)
                    .append("<button class=\"danger\" type=\"submit\" data-action=\"delete-key\">Delete</button></form></td></tr>");
        }
        if (all.isEmpty()) {
            html.append("<tr><td colspan=\"6\">No keys yet.</td></tr>");
        }
        html.append("</tbody></table></div><div class=\"card\"><h2>New key</h2><form method=\"post\" action=\"/keys/new\" id=\"new-key\">")
                .append(csrf)
                .append("<p><label>Name <input name=\"name\" required maxlength=\"100\" placeholder=\"etl-acme\"></label></p>")
                .append("<p><label>Connections (ids or globs such as <code>acme-*</code>, separated by spaces or commas)")
                .append(" <input name=\"connections\" required size=\"60\"></label></p><fieldset><legend>Permissions</legend>");
        for (KeyPermission permission : KeyPermission.values()) {
            html.append("<label><input type=\"checkbox\" name=\"permissions\" value=\"").append(permission.wireName())
                    .append("\"> <code>").append(permission.wireName()).append("</code></label> ");
        }
        html.append("</fieldset><p><button type=\"submit\" data-action=\"create-key\">Create key</button></p></form></div>");
        responses.html(exchange, 200, Pages.layout("API keys", html.toString(), csrf));
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
        show(exchange, """
                <div class="outcome" role="status" id="outcome">Key <strong>%s</strong> created. Copy it now: it is shown this
                once and stored only as a hash.</div><div class="card"><p><label>Key <input id="key-secret" readonly size="60"
                value="%s"></label> <button class="secondary" type="button" data-copy="key-secret" id="copy-key">Copy to
                clipboard</button> <span id="copy-status" role="status"></span></p></div>
                <script src="/assets/dashboard.js"></script>
                """.formatted(escape(wanted.name()), escape(issued.secret())));
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
            responses.html(exchange, 200, Pages.layout("Delete key " + key.name() + "?", """
                    <div class="card"><h2>Delete key <code>%s</code>?</h2><p>Systems that use it are refused from the next
                    request on, on every node. This cannot be undone.</p><div class="actions"><form method="post"
                    action="/keys/%s/delete">%s<input type="hidden" name="confirm" value="yes"><button class="danger"
                    type="submit" data-action="delete-key" id="confirm-delete">Delete for good</button></form>
                    <a href="/keys" id="cancel-delete">Cancel</a></div></div>
                    """.formatted(escape(key.name()), escape(key.id()), csrf), csrf));
            return;
        }
        keys.delete(id);
        audit.record("key.deleted", null, WebActors.of(request), "success", "key " + id);
        show(exchange, "<div class=\"outcome\" role=\"status\" id=\"outcome\">Key " + escape(key.name())
                + " deleted.</div>");
    }
}
