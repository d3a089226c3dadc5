package io.zohoconnect.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.oauth.AuthorizationRequest;

import org.springframework.stereotype.Component;

import static io.zohoconnect.web.Html.escape;

/** The HTML the service shows people: dashboard, callback outcomes, problems. Every value escaped. */
@Component
public class Pages {

    /** How every page is sent. */
    public static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
            header{background:#1d2330;color:#fff;padding:14px 28px;display:flex;justify-content:space-between;align-items:center}
            header a,header button{color:#fff;background:none;border:0;font:inherit;cursor:pointer;text-decoration:underline}
            main{max-width:1100px;margin:24px auto;padding:0 24px}
            .card{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:20px 24px;margin-bottom:20px}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eceff3;font-size:14px}
            th{font-weight:600;color:#555}
            .status{font-weight:600;padding:2px 8px;border-radius:10px;font-size:12px}
            .ACTIVE{background:#dcf5e4;color:#17692f}.REFRESH_FAILING{background:#fff1d6;color:#8a5a00}
            .NEEDS_REAUTH,.REVOKED{background:#fde2e1;color:#9b1c1c}
            .CLIENT_MISCONFIGURED,.REVOKE_PENDING{background:#ede4ff;color:#4b2a91}
            form.connect{display:flex;gap:12px;flex-wrap:wrap;align-items:end}label{display:flex;flex-direction:column;font-size:13px;gap:4px}
            input,select{padding:6px 8px;border:1px solid #c7ccd6;border-radius:5px;font-size:14px}
            button.primary{background:#2456d3;color:#fff;border:0;border-radius:5px;padding:8px 16px;font-size:14px;cursor:pointer}
            .ok{color:#17692f}.bad{color:#9b1c1c}code{background:#eef0f4;padding:1px 5px;border-radius:4px}
            nav{display:flex;gap:18px;margin-left:32px;flex:1}nav a{color:#fff}
            .counts{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
            .counts a{display:block;padding:10px 14px;border-radius:8px;text-decoration:none;font-size:15px;border:1px solid #dde1e8;background:#fff;color:#1d2330}
            .counts a.alert{border-color:#e0a0a0;background:#fff5f5}
            .outcome{padding:12px 16px;border-radius:6px;margin-bottom:16px;background:#eef4ff;border:1px solid #b8cdf5}
            .outcome.bad{background:#fff5f5;border-color:#e0a0a0}
            .actions{display:flex;gap:12px;flex-wrap:wrap;align-items:center}.actions form{margin:0}
            button.danger{background:#b42323;color:#fff;border:0;border-radius:5px;padding:8px 16px;font-size:14px;cursor:pointer}
            button.secondary{background:#fff;color:#1d2330;border:1px solid #c7ccd6;border-radius:5px;padding:8px 16px;font-size:14px;cursor:pointer}
            button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f5b400;outline-offset:2px}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}dl.facts dt{color:#555}dl.facts dd{margin:0}
            .charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}
            """;

    /**
     * What a dashboard session sees at {@code GET /connect}: the request spelled out and a POST
     * form to go on — a GET never starts a flow on a session cookie alone (a link on another site
     * could otherwise send a logged-in admin to Zoho).
     */
    public String confirmConnect(AuthorizationRequest request, String csrfField) {
        StringBuilder fields = new StringBuilder(csrfField);
        hidden(fields, "connection_id", request.connectionId());
        hidden(fields, "dc", request.dataCenter().code());
        hidden(fields, "environment", request.environment().code());
        hidden(fields, "scopes", String.join(",", request.scopes()));
        hidden(fields, "return_to", request.returnTo());
        hidden(fields, "allow_org_change", String.valueOf(request.allowOrgChange()));
        return layout("Connect to Zoho", """
                <div class="card"><h2>Connect a Zoho account?</h2>
                %s
                <form method="post" action="/connect">%s
                <button class="primary" type="submit" id="continue">Continue to Zoho</button></form>
                <p><a href="/">Back to the dashboard</a></p></div>
                """.formatted(summary(request.connectionId(), request.dataCenter().code(), request.environment().code(),
                String.join(", ", request.scopes()), request.allowOrgChange()), fields), csrfField);
    }

    /**
     * What opening a connect link shows: where it connects and a POST form to go on. Opening the
     * link does not use it up, so a chat app's link preview cannot burn it; the POST does.
     */
    public String confirmLink(String linkPath, String connectionId, String dc, String environment, String scopes,
            boolean allowOrgChange, String csrfField) {
        return layout("Connect to Zoho", """
                <div class="card"><h2>Connect your Zoho account</h2>
                <p>Your administrator asked you to connect a Zoho CRM account. You will sign in at Zoho and
                approve access there; this link works once.</p>
                %s
                <form method="post" action="%s">%s
                <button class="primary" type="submit" id="continue">Continue to Zoho</button></form></div>
                """.formatted(summary(connectionId, dc, environment, scopes, allowOrgChange), escape(linkPath),
                csrfField), null);
    }

    public String connected(Connection connection, boolean reconnected) {
        return layout("Connected", """
                <div class="card"><h2 class="ok">%s</h2>
                <p>Connection <code>%s</code> is <strong>%s</strong> in data center <strong>%s</strong> (%s).</p>
                <p>API domain: <code>%s</code>. Access token valid until %s; it is refreshed automatically.</p>
                <p><a href="/">Back to the dashboard</a></p></div>
                """.formatted(reconnected ? "Reconnected to Zoho" : "Connected to Zoho", escape(connection.id()),
                escape(connection.status().name()), escape(connection.dc().toUpperCase()),
                escape(connection.environment().code()), escape(connection.apiDomain()),
                escape(time(connection.accessTokenExpiresAt()))), null);
    }

    public String denied(String connectionId, String error) {
        return layout("Not connected", """
                <div class="card"><h2 class="bad">Access was not granted</h2>
                <p>Zoho answered <code>%s</code> for connection <code>%s</code>: the consent was declined or refused.
                Nothing was stored.</p><p><a href="/">Back to the dashboard</a> to try again.</p></div>
                """.formatted(escape(error), escape(connectionId)), null);
    }

    public String problem(int status, String error, String message) {
        return layout("Problem", """
                <div class="card"><h2 class="bad">%s</h2><p>%s</p><p><small>HTTP %d · <code>%s</code></small></p>
                <p><a href="/">Back to the dashboard</a></p></div>
                """.formatted(status >= 500 ? "Could not complete the request" : "This request cannot be completed",
                escape(message), status, escape(error)), null);
    }

    private static String summary(String connectionId, String dc, String environment, String scopes,
            boolean allowOrgChange) {
        return """
                <table class="summary"><tbody>
                <tr><th>Connection</th><td><code>%s</code></td></tr>
                <tr><th>Data center</th><td>%s</td></tr>
                <tr><th>Environment</th><td>%s</td></tr>
                <tr><th>Scopes</th><td>%s</td></tr>
                <tr><th>May move to another Zoho org</th><td>%s</td></tr>
                </tbody></table>""".formatted(escape(connectionId), escape(dc == null ? "" : dc.toUpperCase()),
                escape(environment), escape(scopes == null || scopes.isBlank() ? "the default scopes" : scopes),
                allowOrgChange ? "yes" : "no");
    }

    private static void hidden(StringBuilder fields, String name, String value) {
        if (value != null) {
            fields.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"")
                    .append(escape(value)).append("\">");
        }
    }

    /** Every page: the navigation (Connections, Syncs) and, for a logged-in admin, a log-out button. */
    public static String layout(String title, String body, String csrfField) {
        String logout = csrfField == null ? ""
                : "<form method=\"post\" action=\"/logout\">" + csrfField + "<button type=\"submit\">Log out</button></form>";
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"><style>%s</style></head>
                <body><header><strong>Zoho Connect</strong><nav aria-label="Main"><a href="/">Connections</a>
                <a href="/syncs">Syncs</a></nav>%s</header><main>%s</main></body></html>
                """.formatted(escape(title), STYLE, logout, body);
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
