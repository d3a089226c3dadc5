package io.zohoconnect.fuzz;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zohoconnect.connection.ConnectionIds;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.web.QueryParams;
import io.zohoconnect.web.connect.ConnectRequests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.zohoconnect.fuzz.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every HTTP input of the running service (the shared Spring test context, real port,
 * simulator behind it) with the {@link Gen generators} of {@link Fuzz}: {@code /connect} parameters (and every spelling of a
 * {@code link} parameter there, which is refused), {@code /oauth/callback}
 * parameters, {@code /api/connect-links} bodies and {@code /api/connections/{id}} ids, over encoded
 * requests and raw ones. Whatever it is sent, the service never answers 500, never shows a stack
 * trace or an exception name, never reflects markup, answers every error as JSON
 * {@code {"error","message"}} (HTML pages only on the browser-facing callback), and — checked on the
 * simulator's counters — never sends a token request for a callback whose {@code accounts-server}
 * is not the configured accounts server of its {@code location}.
 *
 * <p>Each test loops over its inputs ({@link Fuzz#sample}: every edge case, then {@code TRIES} random ones
 * from a seed printed with every failure; {@code -Dfuzz.seed=…} replays it) rather than being a
 * {@code @ParameterizedTest}: a case is a few requests, while the per-test set-up of the shared context would
 * be paid per case. The pure classes are fuzzed with parameterized properties (see the *FuzzTest classes beside
 * the classes they test).
 */
@ExtendWith(ReplaySeed.class)
class HttpInputFuzzTest extends IntegrationTest {

    static final int TRIES = 200;
    static final List<String> DCS = List.of("us", "eu", "in", "au", "cn", "jp", "ca", "sa");
    static final Set<String> CONNECT_ERRORS = Set.of("invalid_connection_id", "invalid_dc", "invalid_environment",
            "invalid_scopes", "invalid_return_to", "invalid_request");
    static final ObjectMapper JSON = new ObjectMapper();

    private Random random;
    private final List<String> createdConnections = new ArrayList<>();
    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void seed(TestInfo test) {
        random = Fuzz.random(test.getDisplayName());
    }

    @AfterEach
    void removeCreatedConnections() {
        createdConnections.forEach(id -> service.sendAsAdmin("DELETE", "/api/connections/" + id, null));
    }

    // ---- GET /connect

    record ConnectInput(String connectionId, String dc, String environment, String scopes, String returnTo) {
    }

    @Test
    void connectParametersGetARedirectToAConfiguredAccountsServerOrAClearJsonError() {
        Gen<ConnectInput> inputs = Gen.combine(
                Fuzz.mostly(Gen.strings("abcXYZ0189._-", 1, 64)),
                Fuzz.mostly(Gen.of(DCS).flatMap(dc -> Gen.of(dc, dc, dc, " " + dc.toUpperCase(Locale.ROOT)))),
                Fuzz.mostly(Gen.of("production", "sandbox", "developer", "Sandbox")),
                Fuzz.mostly(Gen.of("ZohoCRM.modules.ALL", "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL",
                        "ZohoCRM.users.READ ZohoCRM.org.READ")),
                Fuzz.mostly(Gen.of("/", "/dashboard?tab=zoho", "https://app.example.com/settings",
                        "https://APP.example.com:443/x#done")),
                ConnectInput::new);
        for (ConnectInput in : Fuzz.sample(inputs, TRIES, random)) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("connection_id", in.connectionId());
            params.put("dc", in.dc());
            params.put("environment", in.environment());
            params.put("scopes", in.scopes());
            params.put("return_to", in.returnTo());
            String path = "/connect?" + ServiceClient.query(params);
            Reply reply = Reply.of(path, service.getAsAdmin(path));
            ReplyChecks.safe(reply, in);
            String id = seen(in.connectionId());
            boolean validId = id != null && !id.isEmpty() && ConnectionIds.PATTERN.matcher(id).matches();
            if (reply.status() == 302) {
                assertThat(validId).as("redirected with connection_id %s", Fuzz.show(id)).isTrue();
                String dc = seen(in.dc()).trim().toLowerCase(Locale.ROOT);
                assertThat(reply.header("location")).as("Location of %s", Fuzz.show(in))
                        .startsWith(simulator.baseUrl() + "/" + dc + "/accounts/oauth/v2/auth?");
                assertThat(QueryParams.parse(URI.create(reply.header("location")).getRawQuery()).get("state"))
                        .isNotBlank();
            } else {
                JsonNode error = ReplyChecks.jsonError(reply, in);
                assertThat(reply.status()).as("status of %s", Fuzz.show(in)).isEqualTo(400);
                assertThat(error.get("error").asText()).isIn(CONNECT_ERRORS);
                assertThat(reply.header("location")).isNull();
                // over Tomcat's 8 KiB request-head limit the container refuses the request before any parameter is read
                // values with control or unassigned characters are refused by Spring Security's firewall first
                // (StrictHttpFirewall's allowed parameter values), as invalid_request
                if (!validId && path.length() <= 7 * 1024 && !firewallRefuses(in)) {
                    assertThat(error.get("error").asText()).as("error for %s", Fuzz.show(in))
                            .isEqualTo("invalid_connection_id");
                }
            }
        }
    }

    @Test
    void rawConnectAndCallbackQueriesNeverBreakTheService() {
        Gen<String> pieces = Gen.frequency(
                weighted(3, Gen.of("connection_id=", "dc=", "environment=", "scopes=", "return_to=", "state=",
                        "code=", "error=", "location=", "accounts-server=", "link=", "&", "=", "&&", "==")),
                weighted(3, Gen.of("%", "%0", "%zz", "%00", "%0d%0a", "%C0%80", "%FF", "%ED%A0%80", "%2F%2F",
                        "%3Cscript%3E", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "+", ";", "..", "//evil.com",
                        "javascript:alert(1)", "eu", "acme", "sandbox", "a".repeat(200))),
                weighted(2, Gen.strings("abc019-._~!$'()*,;:@/?%+=&", 0, 40)));
        Gen<String> queries = pieces.list(0, 12).map(list -> String.join("", list));
        List<String> samples = new ArrayList<>(Fuzz.sample(queries, TRIES / 2, random));
        samples.add("connection_id=a&connection_id=b&dc=eu");
        samples.add("connection_id=acme&dc=eu&" + "x=".repeat(3000)); // longer than the 8 KiB the service reads
        for (String query : samples) {
            Reply connect = Reply.raw(port(), "GET", "/connect?" + query,
                    "Authorization: Bearer test-admin-key-0123456789abcdef");
            ReplyChecks.safe(connect, query);
            if (connect.status() != 302) {
                ReplyChecks.jsonError(connect, query);
            }
            if (readsAsLink(query) && connect.status() != 400) {
                assertThat(connect.status()).as("a link parameter in %s", Fuzz.show(query)).isEqualTo(401);
            }
            Reply callback = Reply.raw(port(), "GET", "/oauth/callback?" + query);
            ReplyChecks.safe(callback, query);
            assertThat(callback.status()).as("callback %s", Fuzz.show(query)).isIn(400, 403);
            ReplyChecks.htmlPage(callback, query);
        }
    }

    // ---- a link parameter on /connect, in every spelling (issue 9 item 1)

    record LinkSpelling(String name, String value, int position, int copies, boolean adminKey) {
    }

    /**
     * Whatever the spelling of a {@code link} parameter on {@code /connect} — encoded, case-changed,
     * bracketed, empty, bare, blank, repeated, anywhere in the query — and with or without the
     * admin key: 401 {@code invalid_link}, no redirect, no state issued for the connection it names.
     */
    @Test
    void aLinkParameterOnConnectIsRefusedInEverySpellingAndIssuesNoState() {
        Gen<String> names = Gen.of("link", "LINK", "Link", "lInK", "%6Cink", "%6cink", "l%69nk", "li%6Ek",
                "lin%6B", "%6C%69%6E%6B", "%4C%49%4E%4B", "link%5B%5D", "link[]", "+link", "link+", "%20link", "link%20",
                "link%2E", "link.", "link_", "-link-", "%4Cink");
        Gen<String> values = Gen.of(null, "", "%20", "+", "%09", "x", "forged-link-value", "%26",
                "a".repeat(43), "=", "%3D");
        Gen<LinkSpelling> spellings = Gen.combine(names, values, Gen.integers(0, 3), Gen.integers(1, 3), Gen.booleans(),
                LinkSpelling::new);
        for (LinkSpelling in : Fuzz.sample(spellings, TRIES, random)) {
            String connectionId = "fuzz-link-" + Long.toHexString(random.nextLong());
            List<String> pairs = new ArrayList<>(List.of("connection_id=" + connectionId, "dc=eu",
                    "environment=production"));
            String pair = in.value() == null ? in.name() : in.name() + "=" + in.value();
            for (int i = 0; i < in.copies(); i++) {
                pairs.add(Math.min(in.position(), pairs.size()), pair);
            }
            String target = "/connect?" + String.join("&", pairs);
            Reply reply = in.adminKey()
                    ? Reply.raw(port(), "GET", target, "Authorization: Bearer test-admin-key-0123456789abcdef")
                    : Reply.raw(port(), "GET", target);
            ReplyChecks.safe(reply, in);
            String context = Fuzz.show(in) + " → " + target + " (seed " + Fuzz.SEED + ")";
            // raw brackets in a request target are refused by Tomcat itself (400) before any filter runs
            assertThat(reply.status()).as("status of %s", context).isEqualTo(target.contains("[") ? 400 : 401);
            assertThat(ReplyChecks.jsonError(reply, in).get("error").asText()).as(context)
                    .isEqualTo(target.contains("[") ? "invalid_request" : "invalid_link");
            assertThat(reply.header("location")).as("Location of %s", context).isNull();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_oauth_state WHERE connection_id = :id")
                    .param("id", connectionId).query(Long.class).single()).as("states for %s", context).isZero();
        }
    }

    // ---- GET /oauth/callback

    record CallbackInput(String connectDc, boolean realCode, boolean realState, String state, String code,
            String error, String errorDescription, String location, String accountsServer) {
    }

    @Test
    void callbacksNeverReachAnAccountsServerOtherThanTheConfiguredOneOfTheirLocation() {
        for (CallbackInput in : Fuzz.sample(callbackInputs(), TRIES, random)) {
            String connectionId = "fuzz-cb-" + Long.toHexString(random.nextLong());
            String authorizeUrl = ServiceClient.location(service.getAsAdmin(
                    ServiceClient.connectPath(connectionId, in.connectDc(), "production")));
            Map<String, String> params = new LinkedHashMap<>();
            String realState = QueryParams.parse(URI.create(authorizeUrl).getRawQuery()).get("state");
            String code = in.code();
            if (in.realCode()) {
                // the simulator approves at once: a real, unused code for this state
                String zohoRedirect = ServiceClient.location(service.get(authorizeUrl));
                code = QueryParams.parse(URI.create(zohoRedirect).getRawQuery()).get("code");
            }
            params.put("state", in.realState() ? realState : in.state());
            params.put("code", code);
            params.put("error", in.error());
            params.put("error_description", in.errorDescription());
            params.put("location", in.location());
            params.put("accounts-server", in.accountsServer());
            String path = "/oauth/callback?" + ServiceClient.query(params);

            JsonNode before = simulator.counters();
            Reply reply = Reply.of(path, service.get(path));
            JsonNode after = simulator.counters();

            ReplyChecks.safe(reply, in);
            // over Tomcat's 8 KiB request-head limit the path is never parsed: the container's generic problem answers
            boolean refusedByContainer = path.length() > 7 * 1024 && reply.contentType().startsWith("application/problem+json");
            if (refusedByContainer) {
                ReplyChecks.jsonError(reply, in);
            } else {
                ReplyChecks.htmlPage(reply, in);
            }
            String exchangeDc = refusedByContainer ? null : exchangeDc(in, code);
            long tokenRequests = after.path("tokenRequests").asLong() - before.path("tokenRequests").asLong();
            long dcRequests = total(after.path("requestsByDc")) - total(before.path("requestsByDc"));
            String context = Fuzz.show(in) + " → HTTP " + reply.status() + " (seed " + Fuzz.SEED + ")";
            if (exchangeDc == null) {
                assertThat(tokenRequests).as("token requests for %s", context).isZero();
                assertThat(dcRequests).as("requests to any Zoho DC for %s", context).isZero();
                assertThat(reply.status()).as("status of %s", context).isIn(400, 403);
            } else {
                assertThat(tokenRequests).as("token requests for %s", context).isEqualTo(1);
                // besides the code exchange, a stored grant's org is read once from its CRM API
                long orgReads = after.path("crmRequests").asLong() - before.path("crmRequests").asLong();
                assertThat(orgReads).as("CRM requests for %s", context).isLessThanOrEqualTo(1);
                assertThat(dcRequests - orgReads).as("requests to any Zoho accounts server for %s", context).isEqualTo(1);
                assertThat(after.path("tokenRequestsByDc").path(exchangeDc).asLong()
                        - before.path("tokenRequestsByDc").path(exchangeDc).asLong())
                        .as("token requests to DC %s for %s", exchangeDc, context).isEqualTo(1);
                assertThat(reply.status()).as("status of %s", context).isIn(200, 502);
                if (reply.status() == 200) {
                    createdConnections.add(connectionId);
                }
            }
        }
    }

    /**
     * Edge cases (each in at least one input, {@link Gen#combined}): the first and the last DC ("us", "sa") to
     * connect and as the other DC; the dice's 0, 1, 2 and 9 (a real code below 3, the real state below 8); every
     * one of {@link Fuzz#text}'s as a forged state, code, error and description; a code of 1000. + 10 x "0" or
     * 10 x ".", 513 x "a" or "b", absent; error "access_denied", " ", absent; the first and the last markup
     * description, absent; with {@link #locationAndServer}'s.
     */
    private Gen<CallbackInput> callbackInputs() {
        Gen<String> dcs = Gen.of(DCS);
        Gen<String> codes = Gen.frequency(
                weighted(5, Gen.strings("0123456789abcdef.", 10, 60).map(s -> "1000." + s)),
                weighted(1, Gen.strings("ab", 513, 513)),
                weighted(3, Fuzz.text()),
                weighted(1, Gen.just(null)));
        Gen<String> errors = Gen.frequency(
                weighted(7, Gen.just(null)),
                weighted(1, Gen.of("access_denied", "invalid_scope", " ")),
                weighted(2, Fuzz.text()));
        Gen<String> descriptions = Gen.frequency(
                weighted(3, Gen.just(null)),
                weighted(3, Gen.of("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                        "User denied <b>access</b>", "\"><svg onload=alert(1)>")),
                weighted(2, Fuzz.text()));
        return Gen.combine(dcs, Gen.integers(0, 9), Gen.integers(0, 9), Fuzz.text(), codes, errors, descriptions, dcs,
                (connectDc, codeDie, stateDie, state, code, error, description, otherDc) ->
                        locationAndServer(connectDc, otherDc).map(ls -> new CallbackInput(connectDc, codeDie < 3,
                                stateDie < 8, state, code, error, description, ls.location(), ls.accountsServer())))
                .flatMap(input -> input);
    }

    record LocationAndServer(String location, String accountsServer) {
    }

    /**
     * A location and an accounts server: matching, crossed, mutated, hostile or absent. Edge cases (in turn): the
     * location connected with, the other DC, its upper case, "", every one of {@link Fuzz#text}'s; the server
     * configured for the location, the first and the last DC's ("us", "sa"), the first and the last mutation
     * (a trailing slash, a "javascript:" prefix), every one of {@link Fuzz#text}'s, absent.
     */
    private Gen<LocationAndServer> locationAndServer(String connectDc, String otherDc) {
        String base = simulator.baseUrl();
        Gen<String> location = Gen.frequency(
                weighted(6, Gen.just(connectDc)),
                weighted(2, Gen.just(otherDc)),
                weighted(1, Gen.of(connectDc.toUpperCase(Locale.ROOT), " " + connectDc + " ", "uk", "")),
                weighted(1, Fuzz.text()));
        return location.flatMap(loc -> {
            String dc = loc == null ? connectDc : loc.trim().toLowerCase(Locale.ROOT);
            String configured = base + "/" + (DCS.contains(dc) ? dc : connectDc) + "/accounts";
            String hostPort = base.substring("http://".length());
            String path = configured.substring(base.length());
            int port = URI.create(base).getPort();
            Gen<String> server = Gen.frequency(
                    weighted(6, Gen.just(configured)),
                    weighted(2, Gen.of(DCS).map(other -> base + "/" + other + "/accounts")),
                    weighted(5, Gen.of(
                            configured + "/", configured + "//", " " + configured + " ", "HTTP://" + hostPort + path,
                            configured.toUpperCase(Locale.ROOT), base + path.toUpperCase(Locale.ROOT),
                            configured + "/../../us/accounts", configured + "/x", configured + "?x=1", configured + "#x",
                            configured + "%2F", configured + "/.", configured + "\u0000", configured + "\r\n",
                            "http://localhost:" + port + path, "http://127.0.0.1:" + (port + 1) + path,
                            "http://127.0.0.1.:" + port + path, "http://[::1]:" + port + path,
                            "http://2130706433:" + port + path, "https://" + hostPort + path,
                            "http://evil.com@" + hostPort + path, "http://" + hostPort + "@evil.com" + path,
                            "http://" + hostPort + ".evil.com" + path, "//" + hostPort + path, hostPort + path,
                            "https://accounts.zoho.eu", "https://accounts.zoho.com", "https://evil.com" + path,
                            "javascript:alert(1)//" + hostPort + path)),
                    weighted(2, Fuzz.text()),
                    weighted(1, Gen.just(null)));
            return server.map(s -> new LocationAndServer(loc, s));
        });
    }

    /**
     * The DC a token request may go to for this callback, or null when none may: the state must be
     * the one just issued, no {@code error}, a code of 1–512 characters, and {@code location} and
     * {@code accounts-server} either both absent (the DC chosen at /connect stands) or naming a
     * configured DC and exactly its configured accounts server (equal up to RFC 3986 equivalence:
     * case of scheme and host, one trailing slash).
     */
    private String exchangeDc(CallbackInput in, String code) {
        String error = seen(in.error());
        String location = seen(in.location());
        String server = seen(in.accountsServer());
        String seenCode = seen(code);
        if (!in.realState() || error != null && !error.isBlank()) {
            return null;
        }
        boolean hasLocation = location != null && !location.isBlank();
        boolean hasServer = server != null && !server.isBlank();
        String dc;
        if (!hasLocation && !hasServer) {
            dc = in.connectDc();
        } else if (hasLocation && hasServer) {
            dc = location.trim().toLowerCase(Locale.ROOT);
            if (!DCS.contains(dc) || !sameServer(server, simulator.baseUrl() + "/" + dc + "/accounts")) {
                return null;
            }
        } else {
            return null;
        }
        return seenCode == null || seenCode.isBlank() || seenCode.length() > 512 ? null : dc;
    }

    static boolean sameServer(String candidate, String configured) {
        try {
            URI c = new URI(candidate.trim());
            URI k = new URI(configured);
            if (c.getScheme() == null || c.getHost() == null || c.getRawUserInfo() != null || c.getRawQuery() != null
                    || c.getRawFragment() != null) {
                return false;
            }
            return c.getScheme().equalsIgnoreCase(k.getScheme()) && c.getHost().equalsIgnoreCase(k.getHost())
                    && c.getPort() == k.getPort() && withoutTrailingSlash(c.getRawPath()).equals(k.getRawPath());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String withoutTrailingSlash(String path) {
        return path != null && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    // ---- POST /api/connect-links

    @Test
    void connectLinkBodiesGetALinkOrAClearJsonError() {
        // edge cases (each in at least one body, Gen#combined): ids "fuzz-link", "<script>", absent; DCs "us", "sa",
        // absent; as values every one of Fuzz.text's, the ints -2 to 2 and bounds, true, false, JSON null, [], a
        // one-element array of each text edge case, an object; the masks 0, 1, 2 and 31 of the optional fields
        Gen<JsonNode> values = Gen.frequency(
                weighted(6, Fuzz.text().map(JsonNodeFactory.instance::textNode)),
                weighted(1, Gen.integers().map(JsonNodeFactory.instance::numberNode)),
                weighted(1, Gen.of(true, false).map(JsonNodeFactory.instance::booleanNode)),
                weighted(1, Gen.just(JsonNodeFactory.instance.nullNode())),
                weighted(1, Fuzz.text().list(0, 3).map(list -> {
                    var array = JsonNodeFactory.instance.arrayNode();
                    list.forEach(array::add);
                    return array;
                })),
                weighted(1, Gen.just(JsonNodeFactory.instance.objectNode().put("x", "<script>"))));
        Gen<String> objects = Gen.combine(
                Gen.of("fuzz-link", "acme", "a".repeat(65), "<script>").orNull(0.1),
                Gen.of(DCS).orNull(0.1), values, values, values, values, values, Gen.integers(0, 31),
                (id, dc, idV, dcV, envV, scopesV, returnV, mask) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.set("connection_id", (mask & 1) == 0 && id != null ? JsonNodeFactory.instance.textNode(id) : idV);
                    body.set("dc", (mask & 2) == 0 && dc != null ? JsonNodeFactory.instance.textNode(dc) : dcV);
                    if ((mask & 4) != 0) {
                        body.set("environment", envV);
                    }
                    if ((mask & 8) != 0) {
                        body.set("scopes", scopesV);
                    }
                    if ((mask & 16) != 0) {
                        body.set("return_to", returnV);
                    }
                    return body.toString();
                });
        Gen<String> bodies = Gen.frequency(
                weighted(7, objects),
                weighted(2, Fuzz.text()),
                weighted(1, Gen.of("[]", "null", "1", "\"x\"", "{", "{\"connection_id\":", "[".repeat(5000),
                        "{\"connection_id\":\"a\",\"connection_id\":\"b\",\"dc\":\"eu\"}",
                        "{\"connection_id\":\"" + "x".repeat(17000) + "\",\"dc\":\"eu\"}")));
        for (String body : Fuzz.sample(bodies, TRIES, random)) {
            String contentType = random.nextInt(8) == 0 ? "text/plain" : "application/json";
            Reply reply = Reply.of("POST /api/connect-links", service.send(HttpRequest.newBuilder(
                            URI.create(service.baseUrl() + "/api/connect-links"))
                    .header("Authorization", "Bearer test-admin-key-0123456789abcdef")
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
            ReplyChecks.safe(reply, body);
            if (reply.status() == 201) {
                JsonNode link = ReplyChecks.json(reply, body);
                assertThat(link.path("url").asText()).matches(java.util.regex.Pattern.quote(service.baseUrl()
                        + "/connect/link/") + "[A-Za-z0-9_-]{43}");
                assertThat(link.path("connection_id").asText()).matches(ConnectionIds.PATTERN);
            } else {
                ReplyChecks.jsonError(reply, body);
                assertThat(reply.status()).as("status for %s", Fuzz.show(body)).isEqualTo(400);
            }
        }
    }

    // ---- /api/connections/{id}

    @Test
    void connectionIdsInThePathGetJsonAnswersAndNeverATokenOrAnotherConnection() {
        Gen<String> ids = Gen.frequency(
                weighted(3, Fuzz.text()),
                weighted(2, Gen.strings("abcXYZ0189._-", 1, 70).map(s -> "fuzz-" + s)));
        for (String id : Fuzz.sample(ids, TRIES, random)) {
            boolean valid = ConnectionIds.PATTERN.matcher(id).matches();
            // changes only where they cannot touch another test's connection
            boolean mayChange = !valid || id.startsWith("fuzz-");
            String segment = pathSegment(id);
            List<Reply> replies = new ArrayList<>();
            String path = "/api/connections/" + segment;
            replies.add(Reply.of("GET " + path, service.getAsAdmin(path)));
            if (mayChange) {
                replies.add(Reply.of("DELETE " + path, service.sendAsAdmin("DELETE", path, null)));
                replies.add(Reply.of("POST " + path + "/refresh", service.sendAsAdmin("POST", path + "/refresh", null)));
                replies.add(Reply.of("GET " + path + "/access-token", service.getAsAdmin(path + "/access-token")));
            }
            for (Reply reply : replies) {
                ReplyChecks.safe(reply, id);
                ReplyChecks.noTokens(reply, id);
                if (reply.status() >= 400) {
                    JsonNode error = ReplyChecks.jsonError(reply, id);
                    assertThat(reply.status()).as("%s for %s", reply, Fuzz.show(id)).isIn(400, 404, 405, 409);
                    if (!valid && !id.isEmpty() && !id.contains("/")) {
                        assertThat(error.get("error").asText()).as("%s", reply).isIn("invalid_connection_id", "bad_request",
                                "not_found", "invalid_request");
                    }
                } else {
                    assertThat(reply.contentType()).as("%s", reply).startsWith("application/json");
                    assertThat(valid).as("%s succeeded for an invalid id %s", reply, Fuzz.show(id)).isTrue();
                }
            }
        }
    }

    @Test
    void rawConnectionIdPathsGetJsonAnswers() {
        Gen<String> segments = Gen.frequency(
                weighted(3, Gen.of("%2F", "%2f..%2f", "%00", "%0d%0a", "%zz", "%", "..", ".", "%2e%2e", ";x=1",
                        "%3B", "%5C", "%25", "%3Cscript%3E", "a%20b", "fuzz-ok", "fuzz-%C3%BC", "%FF", "~", "!$&'()*+,=:@")
                        .list(1, 3).map(list -> String.join("", list))),
                weighted(2, Gen.strings("abc019-._~!$&'()*+,;=:@%", 1, 30)));
        for (String segment : Fuzz.sample(segments, TRIES / 2, random)) {
            for (String target : List.of("/api/connections/" + segment, "/api/connections/" + segment + "/access-token")) {
                Reply reply = Reply.raw(port(), "GET", target,
                        "Authorization: Bearer test-admin-key-0123456789abcdef");
                ReplyChecks.safe(reply, target);
                ReplyChecks.noTokens(reply, target);
                if (reply.status() >= 400) {
                    ReplyChecks.jsonError(reply, target);
                } else {
                    assertThat(reply.contentType()).as("%s", reply).startsWith("application/json");
                }
            }
        }
    }

    // ---- helpers

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }

    /** Whether a raw query has a parameter whose decoded name, in letters only and any case, is "link". */
    private static boolean readsAsLink(String query) {
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // refused as malformed (400) before any other check
            }
            if (name.replaceAll("[^\\p{L}]", "").equalsIgnoreCase("link")) {
                return true;
            }
        }
        return false;
    }

    /** A value as the service reads it back from the query string (lone surrogates do not survive encoding). */
    /** True when a parameter value holds a character Spring Security's firewall refuses in parameter values. */
    private static boolean firewallRefuses(ConnectInput in) {
        for (String value : new String[] {in.connectionId(), in.dc(), in.environment(), in.scopes(), in.returnTo()}) {
            String decoded = seen(value);
            if (decoded != null && decoded.codePoints().anyMatch(c -> Character.isISOControl(c) || !Character.isDefined(c))) {
                return true;
            }
        }
        return false;
    }

    private static String seen(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return URLDecoder.decode(URLEncoder.encode(value, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static long total(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static String pathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
