package io.zohoconnect.web.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.zohoconnect.audit.AuditEntry;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.credits.CreditBudget;
import io.zohoconnect.credits.CreditLedger;
import io.zohoconnect.credits.CreditOrgs;
import io.zohoconnect.credits.CreditStatus;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.sync.SyncRun;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.web.PageTemplates;

import org.springframework.stereotype.Component;

import static io.zohoconnect.web.Html.escape;
import static io.zohoconnect.web.Pages.layout;
import static io.zohoconnect.web.Pages.time;

/**
 * The operator's pages: the connections list, one connection with its history and actions, and the
 * syncs. Every dynamic value is escaped; every action is a POST form carrying the CSRF field; the
 * elements tests and tools look for carry {@code data-count-status}, {@code data-action} and
 * {@code data-chart}.
 */
@Component
class DashboardPages {

    /** Statuses in the order an operator should look at them: what needs a person first. */
    static final List<ConnectionStatus> STATUS_ORDER = List.of(ConnectionStatus.NEEDS_REAUTH,
            ConnectionStatus.CLIENT_MISCONFIGURED, ConnectionStatus.REFRESH_FAILING, ConnectionStatus.REVOKE_PENDING,
            ConnectionStatus.ACTIVE, ConnectionStatus.REVOKED);
    /**
     * A connection id (or a part of one) for the forms' {@code pattern} attribute. Browsers compile it
     * with the {@code v} flag, where a {@code -} in a class must be escaped: unescaped, the pattern
     * is invalid and silently ignored, so the form checks nothing.
     */
    static final String ID_PATTERN = "[A-Za-z0-9._\\-]{1,64}";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

    private final CreditBudget credits;
    private final CreditOrgs creditOrgs;
    private final CreditLedger ledger;
    private final Clock clock;

    DashboardPages(CreditBudget credits, CreditOrgs creditOrgs, CreditLedger ledger, Clock clock) {
        this.credits = credits;
        this.creditOrgs = creditOrgs;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The org's credits of the last 24 hours per hour, background and interactive stacked, from the ledger's shared
     * per-minute buckets (so every node's calls): 25 bars, from the hour the window starts in to the hour under way,
     * so the bars add up to the org's use.
     */
    private String creditChart(String orgId) {
        long hour = Duration.ofHours(1).toMillis();
        long now = clock.millis();
        long current = now / hour * hour;
        long first = (now - Duration.ofHours(24).toMillis()) / hour * hour;
        int hours = (int) ((current - first) / hour) + 1;
        long[][] perHour = new long[hours][2];
        for (long[] bucket : ledger.buckets(orgId)) {
            // a bucket counts while any part of it is in the window: one that began just before it is the first hour's
            int slot = (int) Math.min(hours - 1, Math.max(0, Math.floorDiv(bucket[0] - first, hour)));
            perHour[slot][0] += bucket[1];
            perHour[slot][1] += bucket[2];
        }
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            bars.add(new SvgCharts.Bar(HOUR.format(Instant.ofEpochMilli(first + i * hour)), perHour[i][0], perHour[i][1]));
        }
        return SvgCharts.bars("credits-24h", "API credits per hour of org " + orgId + ", last 24 hours", bars, "background",
                "interactive", "#2456d3", "#d38a24");
    }

    /** "1,234 of 5,000 API credits in 24 h (background 1,000) · ok" — the org's use, as the API shows it. */
    private String creditsOf(String connectionId) {
        CreditStatus status = credits.status(creditOrgs.orgOf(connectionId));
        return String.format(Locale.ROOT, "%,d of %,d (%d %%; background %,d) · %s", status.used(), status.allowance(),
                Math.round(status.fraction() * 100), status.backgroundUsed(), status.state().replace('_', ' '));
    }

    // ---- connections list ----

    String connections(ConnectionDirectory.Filter filter, ConnectionDirectory.Page page, Map<ConnectionStatus, Long> counts,
            Collection<DataCenter> dataCenters, String outcome, String csrfField) {
        StringBuilder html = new StringBuilder();
        if (outcome != null) {
            html.append("<div class=\"outcome\" role=\"status\">").append(escape(outcome)).append("</div>");
        }
        html.append("<div class=\"counts\" aria-label=\"Connections by status\">");
        for (ConnectionStatus status : STATUS_ORDER) {
            long n = counts.getOrDefault(status, 0L);
            boolean alert = n > 0 && status != ConnectionStatus.ACTIVE && status != ConnectionStatus.REVOKED;
            html.append("<a href=\"/?status=").append(status.name()).append("\" data-count-status=\"").append(status.name())
                    .append("\"").append(alert ? " class=\"alert\"" : "").append(">").append(n).append(' ')
                    .append(escape(countLabel(status, n))).append("</a>");
        }
        html.append("</div>");

        html.append("<div class=\"card\"><h2>Connections</h2><form class=\"connect\" method=\"get\" action=\"/\" role=\"search\">")
                .append("<label>Search by id<input name=\"q\" value=\"").append(escape(filter.search()))
                .append("\" pattern=\"").append(ID_PATTERN).append("\" placeholder=\"acme\"></label>")
                .append("<label>Status<select name=\"status\"><option value=\"\">any</option>");
        for (ConnectionStatus status : STATUS_ORDER) {
            html.append(option(status.name(), status.name(), status.name().equals(filter.status())));
        }
        html.append("</select></label><label>Data center<select name=\"datacenter\"><option value=\"\">any</option>");
        for (DataCenter dc : dataCenters) {
            html.append(option(dc.code(), dc.code().toUpperCase(), dc.code().equals(filter.dc())));
        }
        html.append("</select></label><button class=\"secondary\" type=\"submit\" id=\"filter\">Filter</button>")
                .append(" <a href=\"/\">Clear</a></form>");

        html.append("<table id=\"connections\"><thead><tr><th>Connection</th><th>DC</th><th>Environment</th><th>Status</th>")
                .append("<th>Access token expires</th><th>Last refresh</th><th>Zoho org</th><th>API credits</th><th>Last error</th></tr></thead><tbody>\n");
        for (ConnectionDirectory.Row row : page.rows()) {
            html.append("<tr><td><a href=\"/connections/").append(escape(row.id())).append("\"><code>").append(escape(row.id()))
                    .append("</code></a></td><td>").append(escape(row.dc().toUpperCase())).append("</td><td>")
                    .append(escape(row.environment())).append("</td><td><span class=\"status ").append(escape(row.status()))
                    .append("\">").append(escape(row.status())).append("</span></td><td>").append(escape(time(row.accessTokenExpiresAt())))
                    .append("</td><td>").append(escape(time(row.lastRefreshedAt()))).append("</td><td>")
                    .append(escape(org(row.orgName(), row.orgId(), row.orgEdition()))).append("</td><td>")
                    .append(escape(creditsOf(row.id()))).append("</td><td>")
                    .append(escape(row.lastError())).append("</td></tr>\n");
        }
        if (page.rows().isEmpty()) {
            html.append("<tr><td colspan=\"9\">").append(filter.equals(new ConnectionDirectory.Filter(null, null, null, null))
                    ? "No connections yet: connect a Zoho account below." : "No connection matches.").append("</td></tr>");
        }
        html.append("</tbody></table><p class=\"paging\">");
        if (filter.after() != null) {
            html.append("<a href=\"").append(escape(listUrl(filter, null))).append("\" id=\"first-page\">First page</a> ");
        }
        if (page.more()) {
            html.append("<a href=\"").append(escape(listUrl(filter, page.rows().get(page.rows().size() - 1).id())))
                    .append("\" id=\"next-page\" rel=\"next\">Next page</a>");
        }
        html.append("</p></div>");

        StringBuilder dcOptions = new StringBuilder();
        for (DataCenter dc : dataCenters) {
            dcOptions.append(option(dc.code(), dc.code().toUpperCase(), false));
        }
        StringBuilder envOptions = new StringBuilder();
        for (Environment env : Environment.values()) {
            envOptions.append(option(env.code(), env.code(), false));
        }
        html.append("""
                <div class="card"><h2>Connect a Zoho account</h2>
                <form class="connect" method="post" action="/connect">%s
                <label>Connection id<input name="connection_id" required pattern="%s" placeholder="acme-eu"></label>
                <label>Data center<select name="dc">%s</select></label>
                <label>Environment<select name="environment">%s</select></label>
                <label>Scopes (optional)<input name="scopes" size="40" placeholder="ZohoCRM.modules.ALL,ZohoCRM.settings.ALL"></label>
                <button class="primary" type="submit" id="connect">Connect</button>
                </form></div>
                """.formatted(csrfField, ID_PATTERN, dcOptions, envOptions));
        return layout("Zoho Connect", html.toString(), csrfField);
    }

    static String countLabel(ConnectionStatus status, long n) {
        return switch (status) {
            case NEEDS_REAUTH -> n == 1 ? "needs re-consent" : "need re-consent";
            case CLIENT_MISCONFIGURED -> "client misconfigured";
            case REFRESH_FAILING -> "refresh failing";
            case REVOKE_PENDING -> "revoke pending";
            case ACTIVE -> "active";
            case REVOKED -> "revoked";
        };
    }

    private static String listUrl(ConnectionDirectory.Filter filter, String after) {
        StringBuilder url = new StringBuilder("/?");
        param(url, "q", filter.search());
        param(url, "status", filter.status());
        param(url, "datacenter", filter.dc());
        param(url, "after", after);
        return url.toString();
    }

    private static void param(StringBuilder url, String name, String value) {
        if (value != null) {
            url.append(url.charAt(url.length() - 1) == '?' ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    // ---- one connection ----

    /** What an outcome banner says after an action; {@code bad} colours it as a problem. */
    record Outcome(String text, boolean bad) {
    }

    String connection(Connection c, List<AuditEntry> recent, String olderBefore, List<AuditEntry> refreshHistory,
            Instant now, Outcome outcome, String csrfField) {
        StringBuilder html = new StringBuilder();
        if (outcome != null) {
            html.append("<div class=\"outcome").append(outcome.bad() ? " bad" : "").append("\" role=\"status\" id=\"outcome\">")
                    .append(escape(outcome.text())).append("</div>");
        }
        html.append("<div class=\"card\"><h2>Connection <code>").append(escape(c.id())).append("</code> <span class=\"status ")
                .append(escape(c.status().name())).append("\" id=\"status\">").append(escape(c.status().name())).append("</span></h2>")
                .append("<p id=\"status-reason\">").append(escape(reason(c))).append("</p>")
                .append("<p id=\"what-to-do\"><strong>What to do:</strong> ").append(escape(whatToDo(c))).append("</p>");
        html.append("<dl class=\"facts\">");
        fact(html, "Data center", c.dc().toUpperCase());
        fact(html, "Environment", c.environment().code());
        fact(html, "API domain", c.apiDomain());
        fact(html, "Zoho org", c.org() == null ? "—" : org(c.org().name(), c.org().id(), c.org().edition()));
        html.append("<dt>API credits, 24 h</dt><dd data-credits=\"").append(escape(creditOrgs.orgOf(c.id()))).append("\">")
                .append(escape(creditsOf(c.id()))).append("</dd>");
        fact(html, "Scopes", String.join(", ", c.scopes()));
        fact(html, "Access token expires", time(c.accessTokenExpiresAt()));
        fact(html, "Last refresh", time(c.lastRefreshedAt()));
        if (c.failureCount() > 0) {
            fact(html, "Failed refreshes in a row", String.valueOf(c.failureCount()));
            fact(html, "Next attempt", time(c.nextAttemptAt()));
        }
        fact(html, "Last error", c.lastError() == null ? "—" : c.lastError());
        fact(html, "Connected", time(c.createdAt()));
        html.append("</dl><h3>API credits of the org per hour, last 24 hours</h3>").append(creditChart(creditOrgs.orgOf(c.id())))
                .append("</div>");

        String id = escape(c.id());
        html.append("<div class=\"card\"><h2>Actions</h2><div class=\"actions\">")
                .append("<form method=\"post\" action=\"/connections/").append(id).append("/refresh\">").append(csrfField)
                .append("<button class=\"primary\" type=\"submit\" data-action=\"refresh\">Refresh now</button></form>")
                .append("<form method=\"post\" action=\"/connect\">").append(csrfField)
                .append(hidden("connection_id", c.id())).append(hidden("dc", c.dc()))
                .append(hidden("environment", c.environment().code())).append(hidden("scopes", String.join(",", c.scopes())))
                .append("<button class=\"secondary\" type=\"submit\" data-action=\"reconnect\">Reconnect</button></form>")
                .append("<form method=\"post\" action=\"/connections/").append(id).append("/link\">").append(csrfField)
                .append("<button class=\"secondary\" type=\"submit\" data-action=\"link\">Create a connect link</button></form>")
                .append("<form method=\"post\" action=\"/connections/").append(id).append("/delete\">").append(csrfField)
                .append("<button class=\"danger\" type=\"submit\" data-action=\"delete\">Delete…</button></form>")
                .append("</div><p><small>Reconnect sends you to Zoho to consent again; a connect link lets the account's owner"
                        + " do it. Delete revokes the grant at Zoho, then removes the connection (you confirm first).</small></p></div>");

        html.append("<div class=\"card\"><h2>Refresh history</h2>").append(refreshChart(refreshHistory, c.createdAt(), now))
                .append("</div>");

        html.append("<div class=\"card\"><h2>Recent events</h2>").append(eventsTable(recent));
        if (olderBefore != null) {
            html.append("<p><a id=\"older-events\" href=\"/connections/").append(id).append("?before=").append(escape(olderBefore))
                    .append("\">Older events</a></p>");
        }
        html.append("<p><small>All of it: <code>GET /api/connections/").append(id).append("/events</code></small></p></div>");
        return layout("Connection " + c.id(), html.toString(), csrfField);
    }

    static String reason(Connection c) {
        return switch (c.status()) {
            case ACTIVE -> "Working: its access token is refreshed automatically before it expires.";
            case REFRESH_FAILING -> "Refreshing the access token fails for a passing reason (Zoho unreachable, an error on"
                    + " Zoho's side or throttling) and the token has expired. The service keeps retrying with backoff.";
            case NEEDS_REAUTH -> "Zoho no longer accepts this connection's grant: it was revoked, or the account's consent ended.";
            case CLIENT_MISCONFIGURED -> "Zoho refuses this service's client (client id, secret or redirect URI) in data center "
                    + c.dc().toUpperCase() + ". The grant itself is fine and a still-valid token keeps being served.";
            case REVOKE_PENDING -> "Deleted, but Zoho has not confirmed the revocation yet; no token is served.";
            case REVOKED -> "Revoked at Zoho.";
        };
    }

    static String whatToDo(Connection c) {
        return switch (c.status()) {
            case ACTIVE -> "nothing.";
            case REFRESH_FAILING -> "check that Zoho is reachable from the service; \"Refresh now\" retries at once.";
            case NEEDS_REAUTH -> "the account's owner must consent again: press \"Reconnect\" if that is you, or send them a"
                    + " connect link.";
            case CLIENT_MISCONFIGURED -> "fix zoho.client-id / zoho.client-secret (or zoho.datacenters." + c.dc()
                    + ".client-secret) and the redirect URI registered at Zoho; it recovers by itself once fixed.";
            case REVOKE_PENDING -> "nothing: the timer retries the revoke and then deletes it; \"Delete\" retries now.";
            case REVOKED -> "connect it again if it is still needed.";
        };
    }

    /**
     * Successes and failures of refreshes over time: by hour over the last day for a young connection,
     * else by day over the last two weeks.
     */
    static String refreshChart(List<AuditEntry> history, Instant createdAt, Instant now) {
        boolean young = createdAt != null && Duration.between(createdAt, now).compareTo(Duration.ofHours(48)) < 0;
        ChronoUnit unit = young ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        int slots = young ? 24 : 14;
        Instant end = now.truncatedTo(unit);
        Map<Instant, long[]> bins = new LinkedHashMap<>();
        for (int i = slots - 1; i >= 0; i--) {
            bins.put(end.minus(i, unit), new long[2]);
        }
        for (AuditEntry entry : history) {
            long[] bin = bins.get(entry.time().truncatedTo(unit));
            if (bin != null) {
                bin[entry.type().endsWith(".refreshed") ? 0 : 1]++;
            }
        }
        List<SvgCharts.Bar> bars = new ArrayList<>();
        bins.forEach((at, n) -> bars.add(new SvgCharts.Bar((young ? HOUR : DAY).format(at), n[0], n[1])));
        return SvgCharts.bars("refresh-history", "Refreshes per " + (young ? "hour" : "day") + " (UTC)", bars,
                "succeeded", "failed");
    }

    static String eventsTable(List<AuditEntry> entries) {
        StringBuilder html = new StringBuilder("<table id=\"events\"><thead><tr><th>Time</th><th>Event</th><th>Actor</th>"
                + "<th>Outcome</th><th>Detail</th></tr></thead><tbody>");
        for (AuditEntry e : entries) {
            html.append("<tr data-event-type=\"").append(escape(e.type())).append("\"><td>").append(escape(time(e.time())))
                    .append("</td><td><code>").append(escape(e.type())).append("</code></td><td>").append(escape(e.actor().kind()))
                    .append(e.actor().name() == null ? "" : " · " + escape(e.actor().name())).append("</td><td>")
                    .append(escape(e.outcome())).append("</td><td>").append(escape(e.detail())).append("</td></tr>");
        }
        if (entries.isEmpty()) {
            html.append("<tr><td colspan=\"5\">No events.</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    String linkCreated(String connectionId, String url, Instant expiresAt, String csrfField) {
        return layout("Connect link", PageTemplates.LINK_CREATED.execute(Map.of("connectionId", connectionId,
                "expires", time(expiresAt), "url", url)), csrfField);
    }

    String confirmDelete(Connection c, String csrfField) {
        Map<String, Object> model = new HashMap<>();
        model.put("id", c.id());
        model.put("dc", c.dc().toUpperCase());
        model.put("environment", c.environment().code());
        model.put("org", c.org() == null ? null : org(c.org().name(), c.org().id(), c.org().edition()));
        model.put("csrfField", csrfField);
        return layout("Delete " + c.id() + "?", PageTemplates.CONFIRM_DELETE.execute(model), csrfField);
    }

    /** After a delete: a link to the connection only when it is still there (the delete did not go through). */
    String deleted(String connectionId, Outcome outcome, String csrfField) {
        return layout("Deleted", PageTemplates.DELETED.execute(Map.of("bad", outcome.bad(), "text", outcome.text(),
                "connectionId", connectionId)), csrfField);
    }

    // ---- syncs ----

    /** One sync on the syncs page: its declaration, stored state, run history and lag now. */
    record SyncRow(SyncSpec spec, SyncState state, List<SyncRun> runs, Long lagSeconds) {
    }

    String syncs(List<SyncRow> syncs, Outcome outcome, String csrfField) {
        StringBuilder html = new StringBuilder();
        if (outcome != null) {
            html.append("<div class=\"outcome").append(outcome.bad() ? " bad" : "").append("\" role=\"status\" id=\"outcome\">")
                    .append(escape(outcome.text())).append("</div>");
        }
        html.append("<div class=\"card\"><h2>Syncs</h2><table id=\"syncs\"><thead><tr><th>Sync</th><th>Connection</th>")
                .append("<th>Module</th><th>Mode</th><th>Schedule</th><th>Last run</th><th>Records</th><th>Checkpoint</th>")
                .append("<th>Lag</th><th>Last error</th><th></th></tr></thead><tbody>");
        for (SyncRow row : syncs) {
            SyncSpec spec = row.spec();
            SyncState state = row.state();
            html.append("<tr data-sync=\"").append(escape(spec.id())).append("\"><td><a href=\"#sync-").append(escape(spec.id()))
                    .append("\"><code>").append(escape(spec.id())).append("</code></a></td><td><a href=\"/connections/")
                    .append(escape(spec.connectionId())).append("\">").append(escape(spec.connectionId())).append("</a></td><td>")
                    .append(escape(spec.module())).append("</td><td>").append(escape(spec.mode().name().toLowerCase()))
                    .append("</td><td><code>").append(escape(spec.schedule())).append("</code></td><td>")
                    .append(state != null && state.running() ? "running since " + escape(time(state.lastRunStartedAt()))
                            : state != null && state.waitingForCreditsUntil() != null
                                    ? "<span data-sync-status=\"waiting\">waiting for credits until "
                                            + escape(time(state.waitingForCreditsUntil())) + "</span>"
                            : escape(time(state == null ? null : state.lastRunFinishedAt())))
                    .append("</td><td>").append(state == null ? 0 : state.lastRunRecords()).append(" (total ")
                    .append(state == null ? 0 : state.recordsTotal()).append(")<br><span data-run-credits>")
                    .append(state == null ? 0 : state.lastRunCredits()).append(" API credits</span></td><td>")
                    .append(escape(time(state == null ? null : state.cursorTime()))).append("</td><td>")
                    .append(escape(duration(row.lagSeconds()))).append("</td><td>")
                    .append(escape(state == null || state.lastError() == null ? "—" : state.lastError())).append("</td><td>")
                    .append("<form method=\"post\" action=\"/syncs/").append(escape(spec.id())).append("/run\">").append(csrfField)
                    .append("<button class=\"secondary\" type=\"submit\" data-action=\"run\">Run now</button></form></td></tr>");
        }
        if (syncs.isEmpty()) {
            html.append("<tr><td colspan=\"11\">No syncs are declared (zoho.syncs, a zoho-module-sync route template, or a"
                    + " zoho-crm:changes consumer).</td></tr>");
        }
        html.append("</tbody></table></div>");
        for (SyncRow row : syncs) {
            List<SvgCharts.Bar> records = new ArrayList<>();
            List<SvgCharts.Bar> credits = new ArrayList<>();
            List<SvgCharts.Point> lag = new ArrayList<>();
            LagUnit unit = LagUnit.of(row.runs().stream().map(SyncRun::lagSeconds).filter(Objects::nonNull)
                    .mapToLong(Long::longValue).max().orElse(0));
            for (SyncRun run : row.runs()) {
                String label = time(run.finishedAt()).replace(" UTC", "");
                records.add(new SvgCharts.Bar(label, run.error() == null ? run.records() : 0, run.error() == null ? 0 : Math.max(1, run.records())));
                credits.add(new SvgCharts.Bar(label, run.error() == null ? run.credits() : 0, run.error() == null ? 0 : run.credits()));
                if (run.lagSeconds() != null) {
                    lag.add(new SvgCharts.Point(label, run.lagSeconds() / (double) unit.seconds()));
                }
            }
            html.append("<div class=\"card\" id=\"sync-").append(escape(row.spec().id())).append("\"><h3>")
                    .append(escape(row.spec().id())).append("</h3><div class=\"charts\"><div><h4>Records per run</h4>")
                    .append(SvgCharts.bars("records-per-run", "Records per run of " + row.spec().id(), records, "records", "failed run"))
                    .append("</div><div><h4>API credits per run</h4>")
                    .append(SvgCharts.bars("credits-per-run", "API credits per run of " + row.spec().id(), credits, "credits",
                            "failed run"))
                    .append("</div><div><h4>Lag of the checkpoint at the end of each run</h4>")
                    .append(SvgCharts.line("lag", "Lag in " + unit.name() + " of " + row.spec().id(), lag, unit.symbol()))
                    .append("</div></div></div>");
        }
        return layout("Syncs", html.toString(), csrfField);
    }

    /**
     * The unit a lag chart is drawn in, picked by its largest lag with the same steps as
     * {@link #duration}: a checkpoint days behind reads "1060 days", not "91612853" seconds.
     */
    record LagUnit(String name, String symbol, long seconds) {
        static LagUnit of(long maxSeconds) {
            if (maxSeconds < 120) {
                return new LagUnit("seconds", "s", 1);
            }
            if (maxSeconds < 7200) {
                return new LagUnit("minutes", "min", 60);
            }
            return maxSeconds < 172800 ? new LagUnit("hours", "h", 3600) : new LagUnit("days", "days", 86400);
        }
    }

    static String duration(Long seconds) {
        if (seconds == null) {
            return "—";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        if (seconds < 172800) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " days";
    }

    // ---- pieces ----

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private static String option(String value, String label, boolean selected) {
        return "<option value=\"" + escape(value) + "\"" + (selected ? " selected" : "") + ">" + escape(label) + "</option>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
    }

    static String org(String name, String id, String edition) {
        if (id == null) {
            return "—";
        }
        return (name == null ? id : name) + " (" + (edition == null ? "" : edition + ", ") + "id " + id + ")";
    }
}
