package io.zohoconnect.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.credentials.AuthorizationRequest;

import org.springframework.stereotype.Component;

/**
 * The HTML the service shows people — connect pages, callback outcomes, problems, and the layout every page
 * shares — from the templates under {@code templates/} ({@link PageTemplates}). Every value escaped.
 */
@Component
public class Pages {

    /** How every page is sent. */
    public static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);


    /**
     * What a dashboard session sees at {@code GET /connect}: the request spelled out and a POST
     * form to go on — a GET never starts a flow on a session cookie alone (a link on another site
     * could otherwise send a logged-in admin to Zoho).
     */
    public String confirmConnect(AuthorizationRequest request, String csrfField) {
        List<Map<String, String>> hidden = new ArrayList<>();
        hidden(hidden, "connection_id", request.connectionId());
        hidden(hidden, "dc", request.dataCenter().code());
        hidden(hidden, "environment", request.environment().code());
        hidden(hidden, "scopes", String.join(",", request.scopes()));
        hidden(hidden, "return_to", request.returnTo());
        hidden(hidden, "allow_org_change", String.valueOf(request.allowOrgChange()));
        Map<String, Object> model = summary(request.connectionId(), request.dataCenter().code(),
                request.environment().code(), String.join(", ", request.scopes()), request.allowOrgChange());
        model.put("csrfField", csrfField);
        model.put("hidden", hidden);
        return layout("Connect to Zoho", PageTemplates.CONFIRM_CONNECT.execute(model), csrfField);
    }

    /**
     * What opening a connect link shows: where it connects and a POST form to go on. Opening the
     * link does not use it up, so a chat app's link preview cannot burn it; the POST does.
     */
    public String confirmLink(String linkPath, String connectionId, String dc, String environment, String scopes,
            boolean allowOrgChange, String csrfField) {
        Map<String, Object> model = summary(connectionId, dc, environment, scopes, allowOrgChange);
        model.put("linkPath", linkPath);
        model.put("csrfField", csrfField);
        return layout("Connect to Zoho", PageTemplates.CONFIRM_LINK.execute(model), null);
    }

    public String connected(Connection connection, boolean reconnected) {
        Map<String, Object> model = new HashMap<>();
        model.put("heading", reconnected ? "Reconnected to Zoho" : "Connected to Zoho");
        model.put("id", connection.id());
        model.put("status", connection.status().name());
        model.put("dc", connection.dc().toUpperCase());
        model.put("environment", connection.environment().code());
        model.put("apiDomain", connection.apiDomain());
        model.put("expires", time(connection.accessTokenExpiresAt()));
        return layout("Connected", PageTemplates.CONNECTED.execute(model), null);
    }

    public String denied(String connectionId, String error) {
        return layout("Not connected", PageTemplates.DENIED.execute(Map.of("error", String.valueOf(error),
                "connectionId", String.valueOf(connectionId))), null);
    }

    public String problem(int status, String error, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("heading", status >= 500 ? "Could not complete the request" : "This request cannot be completed");
        model.put("message", message);
        model.put("status", status);
        model.put("error", error);
        return layout("Problem", PageTemplates.PROBLEM.execute(model), null);
    }

    private static Map<String, Object> summary(String connectionId, String dc, String environment, String scopes,
            boolean allowOrgChange) {
        Map<String, Object> model = new HashMap<>();
        model.put("connectionId", connectionId);
        model.put("dc", dc == null ? "" : dc.toUpperCase());
        model.put("environment", environment);
        model.put("scopes", scopes == null || scopes.isBlank() ? "the default scopes" : scopes);
        model.put("allowOrgChange", allowOrgChange ? "yes" : "no");
        return model;
    }

    private static void hidden(List<Map<String, String>> fields, String name, String value) {
        if (value != null) {
            fields.add(Map.of("name", name, "value", value));
        }
    }

    /**
     * Every page: the navigation (Connections, Syncs, Keys) and, for a logged-in admin ({@code csrfField} not null), a
     * log-out button. {@code body} is HTML the service built, with every value in it escaped.
     */
    public static String layout(String title, String body, String csrfField) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("body", body);
        model.put("loggedIn", csrfField != null);
        model.put("csrfField", csrfField);
        return PageTemplates.LAYOUT.execute(model);
    }

    /** "Acme Corp (ENTERPRISE, 6600…)", or a dash when the org was never read. */
    static String org(Connection c) {
        if (c.org() == null) {
            return "—";
        }
        return (c.org().name() == null ? c.org().id() : c.org().name()) + " ("
                + (c.org().edition() == null ? "" : c.org().edition() + ", ") + "id " + c.org().id() + ")";
    }

    public static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }
}
