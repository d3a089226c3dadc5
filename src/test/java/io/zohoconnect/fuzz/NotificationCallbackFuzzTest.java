package io.zohoconnect.fuzz;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.zohoconnect.fuzz.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzzes {@code POST /zoho/notifications}, the open endpoint Zoho calls, while a real channel exists:
 * empty, bare, blank, repeated and encoded inputs, wrong content types and methods, huge bodies, and
 * near misses of the real channel id and token. Whatever it is sent, the service never answers 500,
 * answers every refusal as a JSON error, stores nothing and delivers nothing — unless the call carries
 * the channel's exact id, token and module. Inputs: {@link Fuzz#sample} (every edge case, then {@code TRIES}
 * random ones), looped in one test because each test first sets up a real channel.
 */
@ExtendWith(ReplaySeed.class)
class NotificationCallbackFuzzTest extends IntegrationTest {

    static final int TRIES = 150;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/zoho/notifications";

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;

    private Random random;
    private String route;
    private MockEndpoint sink;
    private String syncId;
    private String channelId;
    private String token;

    @BeforeEach
    void aRealChannel(TestInfo test) throws Exception {
        random = Fuzz.random(test.getDisplayName());
        simulator.resetData();
        String connection = "fz-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connection, "eu", "production");
        simulator.seedModule("eu", "production", "Fuzz_Ntf", 3, 0, 81);
        route = "fuzz-ntf-" + connection;
        syncId = connection + "-Fuzz_Ntf";
        sink = camel.getEndpoint("mock:" + route, MockEndpoint.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Fuzz_Ntf?mode=notifications&fields=Name&connectionId=" + connection
                        + "&schedule=0 0 0 1 1 ? 2099").routeId(route).to(sink);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> channelRows() == 1);
        // the token as Zoho echoes it: from a callback the simulator sent
        simulator.modifyRecords("eu", "production", "Fuzz_Ntf", Map.of("count", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() == 4);
        JsonNode sent = simulator.callbacks("notification").stream().reduce((a, b) -> b).orElseThrow().path("body");
        channelId = sent.path("channel_id").asText();
        token = sent.path("token").asText();
        sink.reset();
    }

    @AfterEach
    void removeRoute() throws Exception {
        camel.getRouteController().stopRoute(route);
        camel.removeRoute(route);
    }

    record Call(Object channelId, Object token, Object module, Object operation, Object ids) {
    }

    @Test
    void callbackBodiesAreTakenOnlyWithTheChannelsExactIdTokenAndModule() throws Exception {
        // edge cases (each in at least one call, Gen#combined): the channel's id, its near misses id + "0" and "",
        // the id as a number and in a map; the token, its near misses token minus its first character and "null",
        // the token in a list, true; the module, "Leads", "Contacts"; "insert", "delete", 1, ["update"]; ids ["1"],
        // [], "1", {"id":"1"}, none, one of each text edge case; and as each of them every one of Fuzz.text's
        Gen<Object> channelIds = Gen.frequency(
                weighted(3, Gen.just(channelId)),
                weighted(2, Gen.of(channelId + "0", "0" + channelId, channelId.substring(1), " " + channelId,
                        "-" + channelId, channelId + " ", "4242", "99999999999999999999", "")),
                weighted(1, Gen.of(Long.valueOf(channelId), List.of(channelId), Map.of("id", channelId))),
                weighted(2, Fuzz.text()));
        Gen<Object> tokens = Gen.frequency(
                weighted(2, Gen.just(token)),
                weighted(3, Gen.of(token.substring(1), token + "x", token.toUpperCase(),
                        " " + token, token.substring(0, token.length() - 1) + "A", "", "null")),
                weighted(1, Gen.of(List.of(token), Map.of("token", token), 0, true)),
                weighted(2, Fuzz.text()));
        Gen<Object> modules = Gen.frequency(
                weighted(4, Gen.just("Fuzz_Ntf")),
                weighted(2, Gen.of("Leads", "fuzz_ntf", "Fuzz_Ntf ", "", "Contacts")),
                weighted(1, Fuzz.text()));
        Gen<Object> operations = Gen.frequency(
                weighted(4, Gen.of("insert", "update", "delete")),
                weighted(2, Fuzz.text()),
                weighted(1, Gen.of(1, List.of("update"))));
        Gen<Object> ids = Gen.frequency(
                weighted(3, Gen.of(List.of("1"), List.of("42", "43"), List.of())),
                weighted(2, Fuzz.text().list(0, 3)),
                weighted(1, Gen.of("1", 1, Map.of("id", "1"))));
        Gen<Call> calls = Gen.combine(channelIds, tokens, modules, operations, ids, Call::new);
        // first the genuine call with one credential replaced by each of its edge cases: a gate that stopped
        // checking one of them lets exactly these through, and a random call is seldom off by one field only
        List<Call> inputs = new ArrayList<>();
        channelIds.edgeCases().forEach(id -> inputs.add(new Call(id, token, "Fuzz_Ntf", "update", List.of("1"))));
        tokens.edgeCases().forEach(t -> inputs.add(new Call(channelId, t, "Fuzz_Ntf", "update", List.of("1"))));
        modules.edgeCases().forEach(m -> inputs.add(new Call(channelId, token, m, "update", List.of("1"))));
        inputs.addAll(Fuzz.sample(calls, TRIES, random));
        java.util.Set<String> takenIds = new java.util.HashSet<>();
        for (Call call : inputs) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("server_time", 1);
            body.put("module", call.module());
            body.put("ids", call.ids());
            body.put("operation", call.operation());
            body.put("channel_id", call.channelId());
            body.put("token", call.token());
            String text = JSON.writeValueAsString(body);
            Reply reply = post("application/json", text.getBytes(StandardCharsets.UTF_8));
            ReplyChecks.safe(reply, call);
            boolean genuine = channelId.equals(String.valueOf(call.channelId())) && token.equals(call.token())
                    && "Fuzz_Ntf".equals(call.module());
            if (reply.status() == 200) {
                assertThat(genuine).as("taken: %s", Fuzz.show(call)).isTrue();
                ((List<?>) call.ids()).forEach(id -> takenIds.add(String.valueOf(id)));
            } else {
                ReplyChecks.jsonError(reply, call);
                if (!genuine) {
                    assertThat(reply.status()).as("a forged call %s", Fuzz.show(call)).isEqualTo(403);
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxRows() == 0);
        // a genuine delete of an id delivers its tombstone; nothing else can have been delivered
        assertThat(sink.getReceivedExchanges()).allSatisfy(e -> assertThat(takenIds)
                .contains(e.getMessage().getHeader(io.zohoconnect.connection.ZohoHeaders.RECORD_ID, String.class)));
    }

    @Test
    void emptyBareBlankEncodedWrongTypeAndHugeCallsAreRefusedAndStoreNothing() {
        String genuine = "{\"module\":\"Fuzz_Ntf\",\"ids\":[\"1\"],\"operation\":\"update\",\"channel_id\":\"" + channelId
                + "\",\"token\":\"" + token + "\"}";
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"application/json", ""});
        cases.add(new Object[] {"application/json", "   "});
        cases.add(new Object[] {"application/json", "null"});
        cases.add(new Object[] {"application/json", "[]"});
        cases.add(new Object[] {"application/json", "{}"});
        cases.add(new Object[] {"application/json", "{"});
        cases.add(new Object[] {"application/json", "\"" + token + "\""});
        cases.add(new Object[] {"application/json", genuine.replace("Fuzz_Ntf", "Leads")});
        cases.add(new Object[] {"application/json", "{\"channel_id\":\"" + channelId + "\",\"token\":\"" + token + "x\","
                + "\"token\":\"" + token + "x\",\"module\":\"Fuzz_Ntf\",\"ids\":[\"1\"],\"operation\":\"update\"}"});
        cases.add(new Object[] {"application/x-www-form-urlencoded", "channel_id=" + channelId + "&token=" + token
                + "&module=Fuzz_Ntf&ids=1&operation=update"});
        cases.add(new Object[] {"text/plain", genuine.replace(token, token + "x")});
        cases.add(new Object[] {"application/xml", "<watch/>"});
        cases.add(new Object[] {"multipart/form-data; boundary=x", "--x\r\n\r\n" + genuine + "\r\n--x--"});
        cases.add(new Object[] {null, genuine.replace(channelId, channelId + "1")});
        cases.add(new Object[] {"application/json", genuine.replace("\"ids\":[\"1\"]", "\"ids\":[\"" + "9".repeat(600_000) + "\"]")});
        cases.add(new Object[] {"application/json", "{\"a\":\"" + "x".repeat(5_000_000) + "\"}"});
        for (Object[] c : cases) {
            String contentType = (String) c[0];
            String body = (String) c[1];
            Reply reply = post(contentType, body.getBytes(StandardCharsets.UTF_8));
            Object input = contentType + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
            ReplyChecks.safe(reply, input);
            ReplyChecks.jsonError(reply, input);
            assertThat(reply.status()).as("status of %s", input).isIn(400, 403, 413, 415);
            assertThat(inboxRows()).as("stored for %s", input).isZero();
        }
        // a huge body sent without a length (chunked) is refused too, without being read whole
        byte[] chunked = ("{\"a\":\"" + "x".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Reply huge = Reply.of("POST " + PATH + " (chunked)", service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked)))));
        ReplyChecks.safe(huge, "chunked");
        ReplyChecks.jsonError(huge, "chunked");
        assertThat(huge.status()).isEqualTo(413);
        // parameters in the URL are not a callback, and other methods are not taken
        for (String target : List.of(PATH + "?channel_id=" + channelId + "&token=" + token, PATH + "?%zz", PATH + "/",
                PATH + "/..;/x", PATH + "?channel_id=" + channelId + "&channel_id=" + channelId)) {
            Reply reply = Reply.raw(port(), "POST", target, "Content-Type: application/json", "Content-Length: 0");
            ReplyChecks.safe(reply, target);
            assertThat(reply.status()).as("status of POST %s", target).isBetween(400, 499);
        }
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            Reply reply = Reply.raw(port(), method, PATH + "?channel_id=" + channelId + "&token=" + token);
            ReplyChecks.safe(reply, method);
            assertThat(reply.status()).as("status of %s", method).isBetween(400, 499);
        }
        assertThat(inboxRows()).isZero();
        assertThat(sink.getReceivedCounter()).isZero();
    }

    /** Zoho documents no content type for its callbacks: a genuine one labelled text/plain, or not at all, is taken. */
    @Test
    void aGenuineCallbackLabelledTextOrNotAtAllIsTaken() {
        for (String contentType : java.util.Arrays.asList("text/plain; charset=UTF-8", null, "application/json;charset=utf-8")) {
            String genuine = "{\"module\":\"Fuzz_Ntf\",\"ids\":[\"1\"],\"operation\":\"update\",\"channel_id\":\""
                    + channelId + "\",\"token\":\"" + token + "\"}";
            Reply reply = post(contentType, genuine.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).as("status with Content-Type %s", contentType).isEqualTo(200);
        }
        assertThat(inboxRows()).as("a repeated callback adds nothing").isLessThanOrEqualTo(1);
    }

    private Reply post(String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Reply.of("POST " + PATH, service.send(request));
    }

    private long channelRows() {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_notification_channel WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single();
    }

    private long inboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_notification_inbox WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single();
    }

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }
}
