package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watch channels ({@code /crm/v8/actions/watch}, ZOHO-API.md §13) and the callbacks they cause. */
class WatchChannelsTest extends SimulatorTestBase {

    private static final String SCOPES = "ZohoCRM.modules.ALL,ZohoCRM.notifications.ALL";

    private String token;
    private CallbackReceiver receiver;
    private List<String> leadIds;

    @BeforeEach
    void prepare() {
        // channels live for hours and days: the test's access tokens must outlive them
        sim.control.settings(Map.of("tokenLifetimeSeconds", 30 * 24 * 3600));
        token = sim.connect("eu", "eu", Map.of("scope", SCOPES));
        receiver = new CallbackReceiver();
        sim.control.seedModule("eu", "production", "Leads", 20, 0, 1);
        leadIds = sim.control.liveIds("eu", "production", "Leads");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    // ---- enable, list, expiry

    @Test
    void enablingAChannelAnswersZohosShapeAndTheListShowsIt() {
        HttpResponse<String> response = watch("POST", channel("1000000068001", "[\"Leads.create\",\"Leads.edit\","
                + "\"Leads.delete\"]", ",\"token\":\"secret-1\",\"return_affected_field_values\":true"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = SimHarness.json(response.body()).get("watch").get(0);
        assertThat(result.get("code").asText()).isEqualTo("SUCCESS");
        assertThat(result.get("status").asText()).isEqualTo("success");
        assertThat(result.get("message").asText()).isEqualTo("Successfully subscribed for actions-watch of the given module");
        JsonNode event = result.get("details").get("events").get(0);
        assertThat(event.get("channel_id").asText()).isEqualTo("1000000068001");
        assertThat(event.get("resource_name").asText()).isEqualTo("Leads");
        assertThat(event.get("resource_uri").asText()).isEqualTo(sim.simulator.apiDomain("eu", "production") + "/crm/v8/Leads");
        assertThat(event.get("resource_id").asText()).matches("[0-9]{19}");
        assertThat(java.time.OffsetDateTime.parse(event.get("channel_expiry").asText()).toInstant()).isEqualTo(sim.clock.instant().plus(Duration.ofHours(1)));

        JsonNode listed = SimHarness.json(watch("GET", null).body());
        JsonNode entry = listed.get("watch").get(0);
        assertThat(entry.get("channel_id").asText()).isEqualTo("1000000068001");
        assertThat(entry.get("notify_url").asText()).isEqualTo(receiver.url("/hook"));
        assertThat(entry.get("token").asText()).isEqualTo("secret-1");
        assertThat(entry.get("return_affected_field_values").asBoolean()).isTrue();
        assertThat(entry.get("events")).extracting(JsonNode::asText)
                .containsExactly("Leads.create", "Leads.edit", "Leads.delete");
        assertThat(listed.get("info").get("count").asInt()).isEqualTo(1);
        assertThat(listed.get("info").get("more_records").asBoolean()).isFalse();
    }

    @Test
    void expiryIsKeptUpToAWeekAndOneHourWhenAbsentOrFurther() {
        Instant now = sim.clock.instant();
        watch("POST", channel("11", "[\"Leads.all\"]", ",\"channel_expiry\":\"" + now.plus(Duration.ofDays(6)) + "\""));
        watch("POST", channel("12", "[\"Leads.all\"]", ",\"channel_expiry\":\"" + now.plus(Duration.ofDays(8)) + "\""));
        watch("POST", channel("13", "[\"Leads.all\"]", ""));

        assertThat(expiryOf("11")).isEqualTo(now.plus(Duration.ofDays(6)));
        assertThat(expiryOf("12")).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(expiryOf("13")).isEqualTo(now.plus(Duration.ofHours(1)));
        assertItemError(watch("POST", channel("14", "[\"Leads.all\"]", ",\"channel_expiry\":\"" + now.minusSeconds(1)
                + "\"")), "INVALID_DATA", "channel_expiry");
    }

    @Test
    void anExpiredChannelIsNeitherListedNorCalled() {
        watch("POST", channel("21", "[\"Leads.all\"]", ""));
        sim.clock.advance(Duration.ofMinutes(61));

        assertThat(watch("GET", null).statusCode()).isEqualTo(204);
        updateLead(leadIds.get(0), "Expired");
        assertThat(sim.sim("GET", "/callbacks?kind=notification", null).get("pending").asInt()).isZero();
        assertThat(sim.callbacks("notification")).isEmpty();
        assertItemError(watch("PATCH", channel("21", "[\"Leads.edit\"]", "")), "INVALID_DATA", "channel_id");
    }

    @Test
    void patchAddsEventsRenewsExpiryAndDeleteEventsRemovesThem() {
        watch("POST", channel("31", "[\"Leads.create\"]", ""));
        sim.clock.advance(Duration.ofMinutes(50));
        Instant renewed = sim.clock.instant().plus(Duration.ofDays(7));

        HttpResponse<String> patched = watch("PATCH", "{\"watch\":[{\"channel_id\":31,\"events\":[\"Leads.edit\"],"
                + "\"channel_expiry\":\"" + renewed + "\"}]}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        sim.clock.advance(Duration.ofMinutes(30));
        assertThat(eventsOf("31")).containsExactly("Leads.create", "Leads.edit");
        assertThat(expiryOf("31")).isEqualTo(renewed);

        HttpResponse<String> removed = watch("PATCH", "{\"watch\":[{\"channel_id\":\"31\",\"events\":[\"Leads.create\"],"
                + "\"_delete_events\":true}]}");
        assertThat(SimHarness.json(removed.body()).get("watch").get(0).get("message").asText())
                .isEqualTo("Successfully un-subscribed from actions-watch");
        assertThat(eventsOf("31")).containsExactly("Leads.edit");
    }

    @Test
    void disableByChannelIdsAnswersPerChannel() {
        watch("POST", channel("41", "[\"Leads.all\",\"Contacts.create\"]", ""));

        HttpResponse<String> response = watch("DELETE", null, "?channel_ids=41,42");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode results = SimHarness.json(response.body()).get("watch");
        assertThat(results).extracting(r -> r.get("status").asText()).containsExactly("success", "success", "error");
        assertThat(results.get(0).get("details").get("resource_name").asText()).isEqualTo("Leads");
        assertThat(results.get(1).get("details").get("resource_name").asText()).isEqualTo("Contacts");
        assertThat(watch("GET", null).statusCode()).isEqualTo(204);
        assertError(watch("DELETE", null, ""), 400, "REQUIRED_PARAM_MISSING");
    }

    @Test
    void badChannelsAreRefusedOneByOne() {
        HttpResponse<String> response = watch("POST", "{\"watch\":["
                + "{\"channel_id\":51,\"events\":[\"Leads.all\"]},"
                + "{\"channel_id\":52,\"events\":[\"Nowhere.all\"],\"notify_url\":\"" + receiver.url("/x") + "\"},"
                + "{\"channel_id\":53,\"events\":[\"Leads.all\"],\"notify_url\":\"ftp://example.com\"},"
                + "{\"channel_id\":54,\"events\":[\"Leads.all\"],\"notify_url\":\"" + receiver.url("/x") + "\",\"token\":\""
                + "t".repeat(51) + "\"},"
                + "{\"channel_id\":\"abc\",\"events\":[\"Leads.all\"],\"notify_url\":\"" + receiver.url("/x") + "\"},"
                + "{\"channel_id\":56,\"events\":[\"Leads.all\"],\"notify_url\":\"" + receiver.url("/x") + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode results = SimHarness.json(response.body()).get("watch");
        assertThat(results).extracting(r -> r.get("code").asText())
                .containsExactly("MANDATORY_NOT_FOUND", "INVALID_DATA", "INVALID_DATA", "INVALID_DATA", "INVALID_DATA", "SUCCESS");
        assertThat(results.get(0).get("details").get("api_name").asText()).isEqualTo("notify_url");
        assertThat(results.get(3).get("details").get("api_name").asText()).isEqualTo("token");
        assertError(watch("POST", "{\"nothing\":[]}"), 400, "INVALID_DATA");
    }

    @Test
    void eachOperationNeedsItsNotificationsScope() {
        String readOnly = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL,ZohoCRM.notifications.READ"));
        String modulesOnly = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL"));

        assertError(sim.crm("POST", "eu", "/crm/v8/actions/watch", readOnly, channel("61", "[\"Leads.all\"]", "")), 401,
                "OAUTH_SCOPE_MISMATCH");
        assertError(sim.crm("GET", "eu", "/crm/v8/actions/watch", modulesOnly, null), 401, "OAUTH_SCOPE_MISMATCH");
        assertThat(sim.crm("GET", "eu", "/crm/v8/actions/watch", readOnly, null).statusCode()).isEqualTo(204);
        String create = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.notifications.CREATE"));
        assertThat(sim.crm("POST", "eu", "/crm/v8/actions/watch", create, channel("62", "[\"Leads.all\"]", ""))
                .statusCode()).isEqualTo(200);
        assertError(sim.crm("DELETE", "eu", "/crm/v8/actions/watch?channel_ids=62", create, null), 401,
                "OAUTH_SCOPE_MISMATCH");
    }

    // ---- callbacks

    @Test
    void anApiUpdateCallsBackWithZohosBody() {
        watch("POST", "{\"watch\":[{\"channel_id\":71,\"events\":[\"Leads.edit\"],\"token\":\"tok-71\","
                + "\"notify_url\":\"" + receiver.url("/hook?tenant=acme") + "\",\"return_affected_field_values\":true}]}");

        updateLead(leadIds.get(3), "Renamed");

        JsonNode body = awaitCalls(1).get(0).body();
        assertThat(body.get("operation").asText()).isEqualTo("update");
        assertThat(body.get("module").asText()).isEqualTo("Leads");
        assertThat(body.get("channel_id").asText()).isEqualTo("71");
        assertThat(body.get("token").asText()).isEqualTo("tok-71");
        assertThat(body.get("ids")).extracting(JsonNode::asText).containsExactly(leadIds.get(3));
        assertThat(body.get("query_params").get("tenant").asText()).isEqualTo("acme");
        assertThat(body.get("resource_uri").asText()).endsWith("/eu/api/crm/v8/Leads");
        assertThat(body.get("server_time").asLong()).isEqualTo(sim.clock.instant().toEpochMilli());
        assertThat(body.get("affected_fields").get(0).get(leadIds.get(3))).extracting(JsonNode::asText)
                .containsExactly("Last_Name");
        assertThat(body.get("affected_values").get(0).get("values").get("Last_Name").asText()).isEqualTo("Renamed");
        assertThat(receiver.calls().get(0).pathAndQuery()).isEqualTo("/hook?tenant=acme");
    }

    @Test
    void insertsAndDeletesThroughTheApiCallBackOncePerCall() {
        watch("POST", channel("81", "[\"Leads.all\"]", ""));

        HttpResponse<String> inserted = sim.crm("POST", "eu", "/crm/v8/Leads", token,
                "{\"data\":[{\"Last_Name\":\"A\",\"Company\":\"X\"},{\"Last_Name\":\"B\",\"Company\":\"Y\"},{\"Email\":\"x\"}]}");
        assertThat(inserted.statusCode()).isEqualTo(207);
        sim.crm("DELETE", "eu", "/crm/v8/Leads?ids=" + leadIds.get(0) + "," + leadIds.get(1), token, null);

        List<CallbackReceiver.Call> calls = awaitCalls(2);
        JsonNode insert = calls.stream().map(CallbackReceiver.Call::body)
                .filter(b -> b.get("operation").asText().equals("insert")).findFirst().orElseThrow();
        JsonNode delete = calls.stream().map(CallbackReceiver.Call::body)
                .filter(b -> b.get("operation").asText().equals("delete")).findFirst().orElseThrow();
        assertThat(insert.get("ids")).hasSize(2);
        assertThat(delete.get("ids")).extracting(JsonNode::asText).containsExactlyInAnyOrder(leadIds.get(0), leadIds.get(1));
        assertThat(delete.get("affected_fields")).isEmpty();
    }

    @Test
    void changesMadeInZohosUiThroughTheControlApiCallBackToo() {
        watch("POST", channel("91", "[\"Leads.all\"]", ""));

        sim.control.modifyRecords("eu", "production", "Leads", Map.of("ids", List.of(leadIds.get(5)),
                "values", Map.of("Lead_Status", "Contacted")));
        sim.control.deleteRecords("eu", "production", "Leads", Map.of("ids", List.of(leadIds.get(6))));
        List<String> created = sim.control.insertRecords("eu", "production", "Leads",
                List.of(Map.of("Last_Name", "Typed", "Company", "In the UI"), Map.of("Company", "No last name")));

        List<CallbackReceiver.Call> calls = awaitCalls(3);
        assertThat(calls).extracting(c -> c.body().get("operation").asText())
                .containsExactlyInAnyOrder("update", "delete", "insert");
        JsonNode update = calls.stream().map(CallbackReceiver.Call::body)
                .filter(b -> b.get("operation").asText().equals("update")).findFirst().orElseThrow();
        assertThat(update.get("affected_fields").get(0).get(leadIds.get(5))).extracting(JsonNode::asText)
                .containsExactly("Lead_Status");
        JsonNode insert = calls.stream().map(CallbackReceiver.Call::body)
                .filter(b -> b.get("operation").asText().equals("insert")).findFirst().orElseThrow();
        assertThat(insert.get("ids")).extracting(JsonNode::asText).containsExactlyElementsOf(created).hasSize(1);
    }

    @Test
    void onlyWatchedOperationsOfWatchedModulesCallBack() {
        watch("POST", channel("101", "[\"Leads.create\",\"Contacts.edit\"]", ""));

        updateLead(leadIds.get(0), "Not watched");
        sim.crm("POST", "eu", "/crm/v8/Leads", token, "{\"data\":[{\"Last_Name\":\"Watched\",\"Company\":\"C\"}]}");

        assertThat(awaitCalls(1).get(0).body().get("operation").asText()).isEqualTo("insert");
        assertThat(sim.callbacks("notification")).hasSize(1);
    }

    @Test
    void theDropSwitchLosesCallbacksAndLogsThem() {
        watch("POST", channel("111", "[\"Leads.edit\"]", ""));
        sim.control.callbackSwitch("notification", false, 1, 0);

        updateLead(leadIds.get(0), "Lost");
        updateLead(leadIds.get(1), "Delivered");

        assertThat(awaitCalls(1).get(0).body().get("ids").get(0).asText()).isEqualTo(leadIds.get(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.callbacks("notification").size() == 2);
        List<JsonNode> log = sim.callbacks("notification");
        assertThat(log).extracting(c -> c.get("outcome").asText()).containsExactly("dropped", "sent");
        assertThat(log.get(0).get("body").get("ids").get(0).asText()).isEqualTo(leadIds.get(0));
        assertThat(log.get(1).get("status").asInt()).isEqualTo(200);

        sim.sim("POST", "/callbacks", "{\"kind\":\"notification\",\"drop\":true}");
        updateLead(leadIds.get(2), "Lost too");
        assertThat(sim.callbacks("notification")).extracting(c -> c.get("outcome").asText())
                .containsExactly("dropped", "sent", "dropped");
        assertThat(receiver.calls()).hasSize(1);
    }

    @Test
    void theDelaySwitchHoldsCallbacksOffTheApiCall() {
        watch("POST", channel("121", "[\"Leads.edit\"]", ""));
        sim.sim("POST", "/callbacks", "{\"kind\":\"notification\",\"delayMillis\":600000}");

        HttpResponse<String> update = updateLead(leadIds.get(0), "Later");

        assertThat(update.statusCode()).isEqualTo(200);
        assertThat(sim.sim("GET", "/callbacks?kind=notification", null).get("pending").asInt()).isEqualTo(1);
        assertThat(receiver.calls()).isEmpty();
    }

    @Test
    void aShortDelayStillDelivers() {
        watch("POST", channel("131", "[\"Leads.edit\"]", ""));
        sim.sim("POST", "/callbacks", "{\"kind\":\"notification\",\"delayMillis\":50}");

        updateLead(leadIds.get(0), "Soon");

        assertThat(awaitCalls(1)).hasSize(1);
    }

    // ---- helpers

    /** One refused channel: the HTTP status is 400 and the channel's own result carries the code. */
    private static void assertItemError(HttpResponse<String> response, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode result = SimHarness.json(response.body()).get("watch").get(0);
        assertThat(result.get("code").asText()).isEqualTo(code);
        assertThat(result.get("status").asText()).isEqualTo("error");
        assertThat(result.get("details").get("api_name").asText()).isEqualTo(field);
    }

    private HttpResponse<String> updateLead(String id, String lastName) {
        return sim.crm("PUT", "eu", "/crm/v8/Leads/" + id, token, "{\"data\":[{\"Last_Name\":\"" + lastName + "\"}]}");
    }

    private List<CallbackReceiver.Call> awaitCalls(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls().size() >= count);
        return receiver.calls();
    }

    private HttpResponse<String> watch(String method, String body) {
        return watch(method, body, "");
    }

    private HttpResponse<String> watch(String method, String body, String query) {
        return sim.crm(method, "eu", "/crm/v8/actions/watch" + query, token, body);
    }

    private String channel(String id, String events, String extra) {
        return "{\"watch\":[{\"channel_id\":\"" + id + "\",\"events\":" + events + ",\"notify_url\":\""
                + receiver.url("/hook") + "\"" + extra + "}]}";
    }

    private JsonNode listed(String channelId) {
        JsonNode body = SimHarness.json(watch("GET", null, "?channel_id=" + channelId).body());
        return body.get("watch").get(0);
    }

    private Instant expiryOf(String channelId) {
        return java.time.OffsetDateTime.parse(listed(channelId).get("channel_expiry").asText()).toInstant();
    }

    private List<String> eventsOf(String channelId) {
        List<String> out = new java.util.ArrayList<>();
        listed(channelId).get("events").forEach(e -> out.add(e.asText()));
        return out;
    }
}
