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
import java.util.stream.Stream;

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

import static io.zohoconnect.web.Pages.layout;
import static io.zohoconnect.web.Pages.time;

/**
 * The operator's pages: the connections list, one connection with its history and actions, and the
 * syncs — each a model of plain values rendered by its template ({@code templates/connections}, {@code connection},
 * {@code syncs}), where Mustache escapes every value; only the service's own HTML (the CSRF field, the SVG charts)
 * goes in unescaped. Every action is a POST form carrying the CSRF field; the elements tests and tools look for carry
 * {@code data-count-status}, {@code data-action} and {@code data-chart}.
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
        Map<String, Object> model = new HashMap<>();
        model.put("outcome", outcome);
        List<Map<String, Object>> countLinks = new ArrayList<>();
        for (ConnectionStatus status : STATUS_ORDER) {
            long n = counts.getOrDefault(status, 0L);
            countLinks.add(Map.of("status", status.name(), "n", n, "label", countLabel(status, n),
                    "alert", n > 0 && status != ConnectionStatus.ACTIVE && status != ConnectionStatus.REVOKED));
        }
        model.put("counts", countLinks);
        model.put("search", filter.search());
        model.put("idPattern", ID_PATTERN);
        model.put("statuses", STATUS_ORDER.stream()
                .map(s -> option(s.name(), s.name(), s.name().equals(filter.status()))).toList());
        model.put("filterDataCenters", dataCenters.stream()
                .map(dc -> option(dc.code(), dc.code().toUpperCase(), dc.code().equals(filter.dc()))).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConnectionDirectory.Row row : page.rows()) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", row.id());
            r.put("dc", row.dc().toUpperCase());
            r.put("environment", row.environment());
            r.put("status", row.status());
            r.put("expires", time(row.accessTokenExpiresAt()));
            r.put("lastRefresh", time(row.lastRefreshedAt()));
            r.put("org", org(row.orgName(), row.orgId(), row.orgEdition()));
            r.put("credits", creditsOf(row.id()));
            r.put("lastError", row.lastError());
            rows.add(r);
        }
        model.put("rows", rows);
        model.put("empty", !page.rows().isEmpty() ? null
                : filter.equals(new ConnectionDirectory.Filter(null, null, null, null))
                        ? "No connections yet: connect a Zoho account below." : "No connection matches.");
        model.put("firstPage", filter.after() == null ? null : listUrl(filter, null));
        model.put("nextPage", page.more() ? listUrl(filter, page.rows().get(page.rows().size() - 1).id()) : null);
        model.put("csrfField", csrfField);
        model.put("dataCenters", dataCenters.stream().map(dc -> option(dc.code(), dc.code().toUpperCase(), false)).toList());
        model.put("environments", Stream.of(Environment.values()).map(env -> option(env.code(), env.code(), false)).toList());
        return layout("Zoho Connect", PageTemplates.CONNECTIONS.execute(model), csrfField);
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
        Map<String, Object> model = new HashMap<>();
        model.put("outcome", outcome(outcome));
        model.put("id", c.id());
        model.put("status", c.status().name());
        model.put("reason", reason(c));
        model.put("whatToDo", whatToDo(c));
        List<Map<String, String>> facts = new ArrayList<>();
        fact(facts, "Data center", c.dc().toUpperCase());
        fact(facts, "Environment", c.environment().code());
        fact(facts, "API domain", c.apiDomain());
        fact(facts, "Zoho org", c.org() == null ? "—" : org(c.org().name(), c.org().id(), c.org().edition()));
        model.put("facts", facts);
        model.put("creditOrg", creditOrgs.orgOf(c.id()));
        model.put("credits", creditsOf(c.id()));
        List<Map<String, String>> more = new ArrayList<>();
        fact(more, "Scopes", String.join(", ", c.scopes()));
        fact(more, "Access token expires", time(c.accessTokenExpiresAt()));
        fact(more, "Last refresh", time(c.lastRefreshedAt()));
        if (c.failureCount() > 0) {
            fact(more, "Failed refreshes in a row", String.valueOf(c.failureCount()));
            fact(more, "Next attempt", time(c.nextAttemptAt()));
        }
        fact(more, "Last error", c.lastError() == null ? "—" : c.lastError());
        fact(more, "Connected", time(c.createdAt()));
        model.put("moreFacts", more);
        model.put("creditChart", creditChart(creditOrgs.orgOf(c.id())));
        List<Map<String, String>> reconnect = new ArrayList<>();
        fact(reconnect, "connection_id", c.id());
        fact(reconnect, "dc", c.dc());
        fact(reconnect, "environment", c.environment().code());
        fact(reconnect, "scopes", String.join(",", c.scopes()));
        model.put("reconnect", reconnect);
        model.put("csrfField", csrfField);
        model.put("refreshChart", refreshChart(refreshHistory, c.createdAt(), now));
        model.put("events", recent.stream().map(DashboardPages::event).toList());
        model.put("olderBefore", olderBefore);
        return layout("Connection " + c.id(), PageTemplates.CONNECTION.execute(model), csrfField);
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

    /** One row of the events table. */
    private static Map<String, String> event(AuditEntry e) {
        Map<String, String> row = new HashMap<>();
        row.put("type", e.type());
        row.put("time", time(e.time()));
        row.put("actor", e.actor().kind() + (e.actor().name() == null ? "" : " · " + e.actor().name()));
        row.put("outcome", e.outcome());
        row.put("detail", e.detail());
        return row;
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
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SyncRow row : syncs) {
            SyncSpec spec = row.spec();
            SyncState state = row.state();
            Map<String, Object> r = new HashMap<>();
            r.put("id", spec.id());
            r.put("connectionId", spec.connectionId());
            r.put("module", spec.module());
            r.put("mode", spec.mode().name().toLowerCase());
            r.put("schedule", spec.schedule());
            r.put("runningSince", state != null && state.running() ? time(state.lastRunStartedAt()) : null);
            r.put("waitingUntil", state != null && state.waitingForCreditsUntil() != null
                    ? time(state.waitingForCreditsUntil()) : null);
            r.put("lastRun", time(state == null ? null : state.lastRunFinishedAt()));
            r.put("records", String.valueOf(state == null ? 0 : state.lastRunRecords()));
            r.put("recordsTotal", String.valueOf(state == null ? 0 : state.recordsTotal()));
            r.put("runCredits", String.valueOf(state == null ? 0 : state.lastRunCredits()));
            r.put("checkpoint", time(state == null ? null : state.cursorTime()));
            r.put("lag", duration(row.lagSeconds()));
            r.put("lastError", state == null || state.lastError() == null ? "—" : state.lastError());
            charts(row, r);
            rows.add(r);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("outcome", outcome(outcome));
        model.put("rows", rows);
        model.put("csrfField", csrfField);
        return layout("Syncs", PageTemplates.SYNCS.execute(model), csrfField);
    }

    /** A sync's two charts, records per run and lag, drawn by {@link SvgCharts} (service-built, escaped there). */
    private static void charts(SyncRow row, Map<String, Object> model) {
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
        model.put("recordsChart", SvgCharts.bars("records-per-run", "Records per run of " + row.spec().id(), records,
                "records", "failed run"));
        model.put("creditsChart", SvgCharts.bars("credits-per-run", "API credits per run of " + row.spec().id(), credits,
                "credits", "failed run"));
        model.put("lagChart", SvgCharts.line("lag", "Lag in " + unit.name() + " of " + row.spec().id(), lag, unit.symbol()));
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

    /** A name and a value: a fact of the connection page, or a hidden field of a form. */
    private static void fact(List<Map<String, String>> facts, String name, String value) {
        Map<String, String> fact = new HashMap<>();
        fact.put("name", name);
        fact.put("value", value);
        facts.add(fact);
    }

    private static Map<String, Object> option(String value, String label, boolean selected) {
        return Map.of("value", value, "label", label, "selected", selected);
    }

    /** The outcome banner's model, or null for none. */
    private static Map<String, Object> outcome(Outcome outcome) {
        return outcome == null ? null : Map.of("text", outcome.text(), "bad", outcome.bad());
    }

    static String org(String name, String id, String edition) {
        if (id == null) {
            return "—";
        }
        return (name == null ? id : name) + " (" + (edition == null ? "" : edition + ", ") + "id " + id + ")";
    }
}
