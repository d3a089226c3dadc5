package io.zohoconnect.simulator;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CRM REST API of every simulated org ({@code /{dc}/api}, {@code /{dc}/sandbox-api},
 * {@code /{dc}/developer-api}), versions v2…v8: token checks as ZOHO-API.md §7 lists them, the current
 * user, the org, module metadata and the records API ({@link SimCrmRecords}). Errors use Zoho's
 * {@code {"code","details","message","status"}} body.
 */
final class SimCrmApi {

    private static final String TOKEN_SCHEME = "zoho-oauthtoken ";
    private static final Pattern VERSIONED = Pattern.compile("/crm/(v[2-8]|v2\\.1)(/.*)");
    private static final Pattern BULK_READ = Pattern.compile("/crm/bulk/(v[2-8]|v2\\.1)/read(/.*)?");

    private final SimState state;
    private final SimCrmRecords records;
    private final SimWatchApi watch;
    private final SimBulkReadApi bulkRead;
    private final ObjectMapper json;

    SimCrmApi(SimState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
        this.records = new SimCrmRecords(state, json);
        this.watch = new SimWatchApi(state, json);
        this.bulkRead = new SimBulkReadApi(state, json);
    }

    /** The Bulk Read job clock, run by the simulator every few hundred milliseconds. */
    void tickBulkJobs() {
        bulkRead.tick();
    }

    /** {@code rest} is the path after {@code /{dc}/{api|sandbox-api|developer-api}}. */
    void handle(SimExchange exchange, String dc, ApiEnvironment environment, String rest) throws IOException {
        String authorization = exchange.header("Authorization");
        String token = tokenOf(authorization);
        state.counters().crmRequest(token);
        state.counters().crmRequestPath(exchange.method() + " " + exchange.path());
        SimOrg org = state.orgs().get(dc, environment);
        int inFlight = org.enter();
        // the request stops counting against the org's concurrency before its answer is sent, as on a
        // real server: a client that got its answer and sends the next request is not "one too many"
        exchange.beforeAnswer(org::leave);
        try {
            state.counters().crmConcurrency(org.key(), inFlight);
            SimSettings settings = state.settings();
            delay(settings.crmLatencyMillis());
            if (state.faults().intercept(Fault.Target.CRM, dc, exchange, settings)) {
                return;
            }
            int limit = settings.crmConcurrencyLimit() < 0 ? org.edition().concurrencyLimit()
                    : settings.crmConcurrencyLimit();
            if (limit > 0 && inFlight > limit) {
                exchange.json(429, error("TOO_MANY_REQUESTS",
                        "The concurrency limit of the org has been exceeded"));
                return;
            }
            if (token == null) {
                exchange.json(401, error("AUTHENTICATION_FAILURE", "Authentication failed"));
                return;
            }
            IssuedToken issued = state.grants().authenticate(token, dc, state.now()).orElse(null);
            if (issued == null) {
                exchange.json(401, error("INVALID_TOKEN", "invalid oauth token"));
                return;
            }
            // a consent given in another org of this DC reads and writes that org
            SimOrg grantOrg = issued.grant().org() == null ? org : state.orgs().get(dc, environment, issued.grant().org());
            if (!charge(exchange, grantOrg, rest)) {
                return;
            }
            route(exchange, grantOrg, issued.grant(), rest);
        } finally {
            exchange.finishWork();
        }
    }

    /**
     * An authenticated call costs its credits (ZOHO-API.md §10, {@link CreditCosts}); once the org's rolling
     * 24 hours hold no more, Zoho answers 429 TOO_MANY_REQUESTS with its error body and no {@code Retry-After}
     * (its documentation names none for credits) until old calls age out.
     */
    private boolean charge(SimExchange exchange, SimOrg org, String rest) throws IOException {
        int cost = CreditCosts.of(exchange.method(), rest, exchange.rawQuery(), writeRecords(exchange));
        if (org.credits().charge(org.edition(), state.now(), cost)) {
            return true;
        }
        exchange.json(429, error("TOO_MANY_REQUESTS",
                "The API credits of the org for the last 24 hours have been exhausted"));
        return false;
    }

    /** How many records a write body carries (its {@code data} array); 0 for other calls or unreadable bodies. */
    private int writeRecords(SimExchange exchange) throws IOException {
        String method = exchange.method();
        if (!method.equals("POST") && !method.equals("PUT")) {
            return 0;
        }
        byte[] body = exchange.body();
        if (body.length == 0) {
            return 0;
        }
        try {
            JsonNode tree = json.readTree(body);
            JsonNode data = tree.path("data");
            return data.isArray() ? data.size() : tree.path("ids").size();
        } catch (IOException unreadable) {
            return 0;
        }
    }

    private void route(SimExchange exchange, SimOrg org, Grant grant, String rest) throws IOException {
        Matcher versioned = VERSIONED.matcher(rest);
        String resource = versioned.matches() ? versioned.group(2) : "";
        try {
            Matcher bulk = BULK_READ.matcher(rest);
            if (bulk.matches()) {
                bulkRead.handle(exchange, org, grant, bulk.group(1), bulk.group(2) == null ? "" : bulk.group(2));
                return;
            }
            switch (resource) {
                case "/actions/watch" -> watch.handle(exchange, org, grant);
                case "/users" -> {
                    if (requireGet(exchange) && requireScope(exchange, grant, "users")) {
                        users(exchange, org, grant);
                    }
                }
                case "/org" -> {
                    if (requireGet(exchange) && requireScope(exchange, grant, "org")) {
                        org(exchange, org, state.settings());
                    }
                }
                case "/coql" -> {
                    if (!exchange.method().equals("POST")) {
                        throw CrmError.invalidMethod();
                    }
                    if (requireScope(exchange, grant, "coql")) {
                        records.coql(exchange, org, grant);
                    }
                }
                case "/settings/modules" -> SimCrmMetadata.modules(exchange, org, grant, state);
                case "/settings/fields" -> SimCrmMetadata.fields(exchange, org, grant);
                default -> {
                    if (resource.startsWith("/settings/modules/")) {
                        SimCrmMetadata.module(exchange, org, grant, state, resource.substring("/settings/modules/".length()));
                    } else {
                        records.handle(exchange, org, grant, resource);
                    }
                }
            }
        } catch (CrmError e) {
            exchange.json(e.status(), e.body());
        }
    }

    private static final int USERS_PER_PAGE = 200;

    /**
     * ZOHO-API.md §12: {@code type} AllUsers (default) and ActiveUsers list the org's users (all active),
     * CurrentUser the one who consented; {@code page}/{@code per_page} and Zoho's {@code info} block.
     */
    private static void users(SimExchange exchange, SimOrg org, Grant grant) throws IOException {
        String type = exchange.query("type") == null ? "AllUsers" : exchange.query("type");
        List<Actor> users = switch (type) {
            case "AllUsers", "ActiveUsers" -> org.users(grant.userEmail());
            case "CurrentUser" -> List.of(org.actor(grant.userEmail()));
            default -> throw CrmError.invalidData("type must be AllUsers, ActiveUsers or CurrentUser",
                    Map.of("param_name", "type"));
        };
        int perPage = positive(exchange, "per_page", USERS_PER_PAGE, USERS_PER_PAGE);
        int page = positive(exchange, "page", 1, Integer.MAX_VALUE);
        long from = (long) (page - 1) * perPage;
        List<Map<String, Object>> out = users.stream().skip(from).limit(perPage).map(SimCrmApi::user).toList();
        if (out.isEmpty()) {
            exchange.empty(204);
            return;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", out.size());
        info.put("page", page);
        info.put("more_records", from + out.size() < users.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", out);
        body.put("info", info);
        exchange.json(200, body);
    }

    private static Map<String, Object> user(Actor actor) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", actor.id());
        user.put("full_name", actor.name());
        user.put("email", actor.email());
        user.put("status", "active");
        user.put("confirm", true);
        return user;
    }

    /** A positive integer query parameter up to {@code max}, or Zoho's INVALID_DATA naming it (also used by the watch API). */
    static int positive(SimExchange exchange, String name, int fallback, int max) {
        String value = exchange.query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw CrmError.invalidData(name + " must be a number from 1" + (max == Integer.MAX_VALUE ? " up" : " to " + max),
                Map.of("param_name", name));
    }

    /** ZOHO-API.md §12: the edition is in {@code license_details.paid_type}, lower case, as real Zoho says it. */
    private static void org(SimExchange exchange, SimOrg org, SimSettings settings) throws IOException {
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("paid", org.edition() != Edition.FREE);
        license.put("paid_type", org.edition().name().toLowerCase(java.util.Locale.ROOT));
        license.put("paid_expiry", null);
        license.put("trial_type", null);
        license.put("trial_expiry", null);
        license.put("users_license_purchased", org.credits().users());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", org.id());
        body.put("zgid", org.zgid());
        body.put("company_name", org.companyName());
        body.put("primary_email", "admin@org" + org.id() + ".example.com");
        body.put("time_zone", org.timeZone());
        body.put("currency", "US Dollar - USD");
        body.put("iso_code", "USD");
        body.put("country_code", org.countryCode());
        body.put("domain_name", "org" + org.id());
        body.put("license_details", license);
        SimSettings.applyOverride(body, settings.orgAnswerOverride());
        exchange.json(200, Map.of("org", List.of(body)));
    }

    private static boolean requireGet(SimExchange exchange) throws IOException {
        if (exchange.method().equals("GET")) {
            return true;
        }
        exchange.json(400, error("INVALID_REQUEST_METHOD", "The http request method type is not a valid one"));
        return false;
    }

    /** ZohoCRM.modules.ALL does not reach users or org: those need their own scope areas. */
    private static boolean requireScope(SimExchange exchange, Grant grant, String area) throws IOException {
        if (grant.hasScopeArea(area)) {
            return true;
        }
        exchange.json(401, error("OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL"));
        return false;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("details", Map.of());
        body.put("message", message);
        body.put("status", "error");
        return body;
    }

    /** The token of {@code Authorization: Zoho-oauthtoken <token>}; null when missing or malformed. */
    private static String tokenOf(String authorization) {
        if (authorization == null || authorization.length() <= TOKEN_SCHEME.length()
                || !authorization.substring(0, TOKEN_SCHEME.length()).toLowerCase(Locale.ROOT).equals(TOKEN_SCHEME)) {
            return null;
        }
        String token = authorization.substring(TOKEN_SCHEME.length()).trim();
        return token.isEmpty() || token.contains(" ") ? null : token;
    }

    /** "jane.doe@example.com" → "Jane Doe". */
    static String fullName(String email) {
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        String name = Arrays.stream(local.split("[._+-]+")).filter(p -> !p.isEmpty())
                .map(p -> p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1))
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? "Simulated User" : name;
    }

    /** The deliberate CRM latency setting, to make concurrency observable; never used for a decision. */
    private static void delay(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
