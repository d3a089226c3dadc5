package io.zohoconnect.notifications;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;

import io.zohoconnect.PackageSettings;
import io.zohoconnect.ZohoProperties;
import io.zohoconnect.component.ZohoCrmChangesConsumer;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credits.CreditLedger;
import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.events.ConnectionEvents;
import io.zohoconnect.lifecycle.GracefulShutdown;
import io.zohoconnect.support.ChangesConsumerIntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.sync.SyncSettings;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@code from("zoho-crm:changes/{module}?mode=notifications")} end to end against the simulator: changes
 * made as a user in Zoho's UI would make them reach the route through watch callbacks; lost callbacks
 * are made up by the gap fill; forged ones are refused; channels are renewed and re-created.
 */
class NotificationsConsumerTest extends ChangesConsumerIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NOTIFICATION = "notification";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CrmCalls calls;
    @Autowired
    SyncStateStore states;

    NotificationsConsumerTest() {
        super("n-");
    }

    @AfterEach
    void deliverCallbacksAgain() {
        simulator.callbackSwitch(NOTIFICATION, false, 0, 0);
    }

    @Test
    void aChangeMadeInZohoReachesTheRouteWithinSecondsWithTheHeadersOfThePollingConsumer() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Live", 30, 61, "fields=Name,Email&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Live";
        channelOf(syncId);
        sink.reset();

        clock.advance(Duration.ofMinutes(1));
        List<String> live = simulator.liveIds("eu", "production", "Ntf_Live");
        simulator.modifyRecords("eu", "production", "Ntf_Live", Map.of("ids", live.subList(0, 3)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() >= 3);

        assertThat(ids(sink)).containsExactlyInAnyOrderElementsOf(live.subList(0, 3));
        Exchange first = sink.getReceivedExchanges().get(0);
        assertThat(first.getMessage().getHeaders()).containsEntry(ZohoHeaders.CONNECTION_ID, connectionId)
                .containsEntry(ZohoHeaders.MODULE, "Ntf_Live").containsEntry(ZohoHeaders.SYNC_ID, syncId)
                .containsEntry(ZohoHeaders.DELETED, false);
        assertThat(first.getMessage().getHeader(ZohoHeaders.MODIFIED_TIME, String.class)).isNotBlank();
        @SuppressWarnings("unchecked") Map<String, Object> record = first.getMessage().getBody(Map.class);
        assertThat(record.keySet()).contains("id", "Name", "Email", "Modified_Time").doesNotContain("Phone");
        ZohoCrmChangesConsumer consumer = (ZohoCrmChangesConsumer) camel.getRoute(routes.get(0)).getConsumer();
        assertThat(consumer.getCounter()).as("its cron never fired: the callbacks brought them").isZero();

        sink.reset();
        List<String> inserted = simulator.insertRecords("eu", "production", "Ntf_Live",
                List.of(Map.of("Name", "Ada Lovelace", "Email", "ada@example.com")));
        JsonNode deleted = simulator.deleteRecords("eu", "production", "Ntf_Live", Map.of("ids", live.subList(5, 6)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() >= 2);
        Exchange tombstone = sink.getReceivedExchanges().stream()
                .filter(e -> Boolean.TRUE.equals(e.getMessage().getHeader(ZohoHeaders.DELETED))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked") Map<String, Object> body = tombstone.getMessage().getBody(Map.class);
        assertThat(body.keySet()).containsExactly("id", "deleted", "deleted_time", "type");
        assertThat(body.get("id")).isEqualTo(deleted.path("ids").path(0).asText());
        assertThat(ids(sink)).contains(inserted.get(0));
    }

    @Test
    void droppedCallbacksAreMadeUpByTheGapFillWhichDoesNotResendWhatNotificationsDelivered() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Gap", 40, 62, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Gap";
        channelOf(syncId);
        sink.reset();

        clock.advance(Duration.ofMinutes(1));
        List<String> live = simulator.liveIds("eu", "production", "Ntf_Gap");
        simulator.modifyRecords("eu", "production", "Ntf_Gap", Map.of("ids", live.subList(0, 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() >= 2);
        sink.reset();

        simulator.callbackSwitch(NOTIFICATION, true, 0, 0);
        clock.advance(Duration.ofMinutes(1));
        simulator.modifyRecords("eu", "production", "Ntf_Gap", Map.of("ids", live.subList(10, 15)));
        assertThat(simulator.callbacks(NOTIFICATION)).anyMatch(c -> c.path("outcome").asText().equals("dropped"));
        assertThat(sink.getReceivedCounter()).as("the callback was lost").isZero();

        assertThat(service.sendAsAdmin("POST", "/api/syncs/" + syncId + "/run", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() >= 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> !states.find(syncId).orElseThrow().running());
        assertThat(ids(sink)).as("the gap fill sends the 5 missed, not the 2 notifications delivered")
                .containsExactlyInAnyOrderElementsOf(live.subList(10, 15));
    }

    @Test
    void readsTheCreditsRefuseWaitWithoutFailingAndGoOnOnceTheAllowanceIsRaised() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Credits", 20, 63, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Credits";
        channelOf(syncId);
        sink.reset();
        String orgId = service.json(service.getAsAdmin("/api/connections/" + connectionId)).path("org").path("id").asText();
        ledger.flush();
        long backgroundUsed = service.json(service.getAsAdmin("/api/orgs/" + orgId + "/credits")).path("background_used").asLong();
        try {
            // the background share (half) is what background work already spent: its next read is refused
            assertThat(service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits",
                    "{\"allowance\": " + 2 * backgroundUsed + "}").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            List<String> live = simulator.liveIds("eu", "production", "Ntf_Credits");
            simulator.modifyRecords("eu", "production", "Ntf_Credits", Map.of("ids", live.subList(0, 3)));

            await().atMost(Duration.ofSeconds(10)).until(() -> states.find(syncId).orElseThrow().waitingForCreditsUntil() != null);
            JsonNode waiting = syncView(syncId);
            assertThat(waiting.path("status").asText()).startsWith("waiting for credits until ");
            assertThat(waiting.path("failures_total").asLong()).as("not a failure").isZero();
            assertThat(waiting.path("last_error").isNull()).as(waiting.path("last_error").asText()).isTrue();
            assertThat(sink.getReceivedCounter()).isZero();
            assertThat(pendingIds(syncId)).as("the ids wait in the inbox").isEqualTo(3);

            service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowance\": null}");
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() >= 3);
            assertThat(ids(sink)).containsExactlyInAnyOrderElementsOf(live.subList(0, 3));
            await().atMost(Duration.ofSeconds(10)).until(() -> syncView(syncId).path("status").asText().equals("ok"));
        } finally {
            service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowance\": null}");
        }
    }

    @Test
    void aForgedOrMisdirectedCallbackIsRefusedAndDeliversNothingWhileARepeatedOneDeliversOnce() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Forged", 10, 63, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Forged";
        NotificationChannel channel = channelOf(syncId);
        sink.reset();
        String id = simulator.liveIds("eu", "production", "Ntf_Forged").get(0);

        ObjectNode forged = callback(channel.channelId(), "not-the-token", "Ntf_Forged", id);
        assertThat(post(forged).statusCode()).isEqualTo(403);
        assertThat(post(callback("4242424242", channel.token().value(), "Ntf_Forged", id)).statusCode()).isEqualTo(403);
        assertThat(post(callback(channel.channelId(), channel.token().value(), "Contacts", id)).statusCode())
                .as("a channel's token does not open another module").isEqualTo(403);
        ObjectNode noToken = callback(channel.channelId(), "x", "Ntf_Forged", id);
        noToken.remove("token");
        HttpResponse<String> refused = post(noToken);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("forbidden");
        assertThat(pendingIds(syncId)).as("nothing stored").isZero();

        ObjectNode genuine = callback(channel.channelId(), channel.token().value(), "Ntf_Forged", id);
        assertThat(post(genuine).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() == 1);
        assertThat(post(genuine).statusCode()).as("Zoho repeats a callback").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingIds(syncId) == 0);
        assertThat(sink.getReceivedCounter()).as("the same version of a record is delivered once").isEqualTo(1);
        assertThat(ids(sink)).containsExactly(id);
    }

    @Test
    void aChannelIsRenewedBeforeItsExpiryAndKeepsDelivering() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Renew", 5, 64, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Renew";
        NotificationChannel before = channelOf(syncId);
        assertThat(before.expiresAt()).isAfter(clock.instant().plus(Duration.ofDays(5)))
                .isBefore(clock.instant().plus(Duration.ofDays(7)));

        clock.advance(Duration.ofDays(5).plusHours(1)); // within a day of its expiry
        await().atMost(Duration.ofSeconds(15)).until(() -> channelOf(syncId).expiresAt().isAfter(before.expiresAt()));
        NotificationChannel after = channelOf(syncId);
        assertThat(after.channelId()).as("the same channel, extended").isEqualTo(before.channelId());
        assertThat(expiryAtZoho(after)).isEqualTo(after.expiresAt());

        sink.reset();
        String id = simulator.liveIds("eu", "production", "Ntf_Renew").get(1);
        simulator.modifyRecords("eu", "production", "Ntf_Renew", Map.of("ids", List.of(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() >= 1);
        assertThat(ids(sink)).containsExactly(id);
    }

    @Test
    void aChannelThatLapsedIsRecreatedAndTheGapFillBringsWhatWasMissed() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Lapse", 5, 65, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Lapse";
        NotificationChannel lapsed = channelOf(syncId);
        sink.reset();

        // the service was away for a week: Zoho let the channel lapse and changes went unheard
        simulator.callbackSwitch(NOTIFICATION, true, 0, 0);
        clock.advance(Duration.ofDays(7));
        List<String> live = simulator.liveIds("eu", "production", "Ntf_Lapse");
        simulator.modifyRecords("eu", "production", "Ntf_Lapse", Map.of("ids", live.subList(0, 2)));
        simulator.callbackSwitch(NOTIFICATION, false, 0, 0);

        await().atMost(Duration.ofSeconds(20)).until(() -> !channelOf(syncId).channelId().equals(lapsed.channelId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() >= 2);
        assertThat(ids(sink)).containsExactlyInAnyOrderElementsOf(live.subList(0, 2));
        NotificationChannel recreated = channelOf(syncId);
        assertThat(expiryAtZoho(recreated)).isEqualTo(recreated.expiresAt());
    }

    @Test
    void aChannelZohoNoLongerKnowsIsRecreatedAtTheNextScheduledPass() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Gone", 5, 66, "fields=Name&schedule=0/1 * * * * ?");
        String syncId = connectionId + "-Ntf_Gone";
        NotificationChannel gone = channelOf(syncId);
        // someone stopped it at Zoho
        calls.call(new CrmRequest(connectionId, "DELETE", ZohoWatchApi.PATH, "channel_ids=" + gone.channelId(), null, Map.of()));
        assertThat(expiryAtZohoOrNull(gone)).isNull();

        await().atMost(Duration.ofSeconds(20)).until(() -> !channelOf(syncId).channelId().equals(gone.channelId()));
        sink.reset();
        String id = simulator.liveIds("eu", "production", "Ntf_Gone").get(2);
        clock.advance(Duration.ofMinutes(1));
        simulator.modifyRecords("eu", "production", "Ntf_Gone", Map.of("ids", List.of(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.getReceivedCounter() >= 1);
        assertThat(Set.copyOf(ids(sink))).containsExactly(id);
        assertThat(simulator.callbacks(NOTIFICATION)).anyMatch(c -> c.path("body").path("channel_id").asText()
                .equals(channelOf(syncId).channelId()) && c.path("outcome").asText().equals("sent"));
    }

    @Test
    void aConsumerStartedAgainAfterADowntimeGapFillsWhatChangedMeanwhileAtStart() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Restart", 8, 69, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Restart";
        NotificationChannel first = channelOf(syncId);
        camel.getRouteController().stopRoute(routes.get(0));
        sink.reset();

        clock.advance(Duration.ofMinutes(5));
        List<String> live = simulator.liveIds("eu", "production", "Ntf_Restart");
        simulator.modifyRecords("eu", "production", "Ntf_Restart", Map.of("ids", live.subList(2, 5)));
        JsonNode deleted = simulator.deleteRecords("eu", "production", "Ntf_Restart", Map.of("ids", live.subList(7, 8)));

        camel.getRouteController().startRoute(routes.get(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() >= 4);
        assertThat(ids(sink)).as("the gap fill at start: the changes and the deletion, nothing else")
                .containsExactlyInAnyOrder(live.get(2), live.get(3), live.get(4), deleted.path("ids").path(0).asText());
        assertThat(channelOf(syncId).channelId()).as("a new channel").isNotEqualTo(first.channelId());
    }

    @Test
    void aConnectionGrantedWithoutTheNotificationScopesGetsAnErrorNamingThem() throws Exception {
        String narrow = "narrow-" + UUID.randomUUID().toString().substring(0, 6);
        service.connect(ServiceClient.connectPath(narrow, "eu", "production")
                + "&scopes=ZohoCRM.modules.ALL,ZohoCRM.settings.ALL");
        simulator.seedModule("eu", "production", "Ntf_Scope", 3, 0, 67);
        String route = "ntf-narrow-" + narrow;
        MockEndpoint sink = camel.getEndpoint("mock:" + route, MockEndpoint.class);
        addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Ntf_Scope?mode=notifications&connectionId=" + narrow + "&schedule=" + NEVER)
                        .routeId(route).to(sink);
            }
        });
        String syncId = narrow + "-Ntf_Scope";
        await().atMost(Duration.ofSeconds(20)).until(() -> states.find(syncId).map(s -> s.lastError() != null).orElse(false));
        assertThat(states.find(syncId).orElseThrow().lastError()).contains("ZohoCRM.notifications.READ", "ZohoCRM.notifications.CREATE",
                "reconnect");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_notification_channel WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single()).isZero();
        assertThat(sink.getReceivedCounter()).as("the sync fails until the connection is reconnected").isZero();
        JsonNode events = service.json(service.getAsAdmin("/api/connections/" + narrow + "/events?limit=50"));
        assertThat(events.path("events").findValuesAsText("type")).as("an event says it, once")
                .containsOnlyOnce(NotificationStreams.SCOPES_MISSING_EVENT);
    }

    @Test
    void aRouteStoppedForGoodDisablesItsChannelAtZoho() throws Exception {
        MockEndpoint sink = consumeAfterGapFill("Ntf_Stop", 3, 68, "fields=Name&schedule=" + NEVER);
        String syncId = connectionId + "-Ntf_Stop";
        NotificationChannel channel = channelOf(syncId);

        camel.getRouteController().stopRoute(routes.get(0));

        assertThat(expiryAtZohoOrNull(channel)).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_notification_channel WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single()).isZero();
        assertThat(post(callback(channel.channelId(), channel.token().value(), "Ntf_Stop", "1")).statusCode())
                .as("its callbacks are refused from then on").isEqualTo(403);
    }

    @Test
    void withoutAPublicUrlTheConsumerRefusesToStartNamingZohoPublicUrl() {
        ZohoProperties noPublicUrl = new ZohoProperties(properties.clientId(), properties.clientSecret(),
                properties.redirectUri(), properties.scopes(), properties.apiVersion(), null, properties.pkce(),
                properties.dataDir(), properties.nodeId(), properties.datacenters(), properties.crypto(), properties.state(),
                properties.admin(), properties.events(), properties.returnTo(), properties.refresh(), properties.crm());
        NotificationStreams streams = new NotificationStreams(PackageSettings.zohoApi(noPublicUrl), beans.getBean(NotificationSettings.class),
                beans.getBean(ChannelKeeper.class), beans.getBean(NotificationInbox.class),
                beans.getBean(NotifiedRecordReader.class), states, beans.getBean(SyncSettings.class),
                beans.getBean(ConnectionStore.class), clock, beans.getBean(GracefulShutdown.class),
                beans.getBean(NodeIdentity.class), beans.getBean(MeterRegistry.class), beans.getBean(ConnectionEvents.class),
                beans.getBean(CamelContext.class));
        try {
            SyncSpec spec = new SyncSpec(connectionId + "-Leads", connectionId, "Leads", List.of(), "route:x", NEVER,
                    SyncSpec.Mode.NOTIFICATIONS, true, SyncSpec.Batch.RECORD);
            assertThat(catchThrowable(() -> streams.open(spec, message -> { }, () -> null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("zoho.public-url (env ZOHO_PUBLIC_URL)")
                    .hasMessageContaining("/zoho/notifications");
        } finally {
            streams.destroy();
        }
    }

    @Autowired
    ZohoProperties properties;
    @Autowired
    org.springframework.context.ApplicationContext beans;

    // ---- helpers

    /** Every consumer of this class is one in notifications mode. */
    @Override
    protected MockEndpoint consume(String module, String options) throws Exception {
        return super.consume(module, "mode=notifications&" + options);
    }

    /**
     * A consumer of {@code module} seeded with {@code records} records (from {@code seed}), once its gap fill at
     * start has delivered them all: what follows reaches it by callbacks.
     */
    private MockEndpoint consumeAfterGapFill(String module, int records, int seed, String options) throws Exception {
        simulator.seedModule("eu", "production", module, records, 0, seed);
        MockEndpoint sink = consume(module, options);
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() == records);
        return sink;
    }

    @Autowired
    NotificationChannelStore channels;

    private NotificationChannel channelOf(String syncId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> channels.ofSync(syncId).isPresent());
        return channels.ofSync(syncId).orElseThrow();
    }

    private Instant expiryAtZoho(NotificationChannel channel) {
        Instant at = expiryAtZohoOrNull(channel);
        assertThat(at).as("Zoho knows channel %s", channel.channelId()).isNotNull();
        return at;
    }

    private Instant expiryAtZohoOrNull(NotificationChannel channel) {
        return new ZohoWatchApi(calls, JSON).expiryAtZoho(channel).orElse(null);
    }

    @Autowired
    CreditLedger ledger;

    private JsonNode syncView(String syncId) {
        for (JsonNode sync : service.json(service.getAsAdmin("/api/syncs")).path("syncs")) {
            if (sync.path("sync_id").asText().equals(syncId)) {
                return sync;
            }
        }
        throw new AssertionError("no sync " + syncId);
    }

    private long pendingIds(String syncId) {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_notification_inbox WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single();
    }

    private static ObjectNode callback(String channelId, String token, String module, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_time", System.currentTimeMillis());
        body.put("query_params", Map.of());
        body.put("module", module);
        body.put("resource_uri", "https://www.zohoapis.eu/crm/v8/" + module);
        body.put("ids", List.of(id));
        body.put("affected_fields", List.of());
        body.put("operation", "update");
        body.put("channel_id", channelId);
        body.put("token", token);
        return JSON.valueToTree(body);
    }

    private HttpResponse<String> post(JsonNode body) {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + NotificationStreams.CALLBACK_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }}
