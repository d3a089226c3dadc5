package io.zohoconnect.component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.MissingConnectionIdException;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.crm.wire.WriteResult;
import io.zohoconnect.crm.wire.WriteSummary;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zoho-crm producer end to end against the simulator: every operation, and the call path's rules. */
class ZohoCrmProducerTest extends IntegrationTest {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;
    @Autowired
    ConnectionStore connections;

    String connectionId;
    MockEndpoint refused;

    @BeforeEach
    void connect() {
        simulator.resetData();
        connectionId = "zc-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
        refused = camel.getEndpoint("mock:refused-" + connectionId, MockEndpoint.class);
    }

    @Test
    void listGivesOnePageOfRecordsAndHowToGetTheNext() {
        simulator.seedModule("eu", "production", "Leads", 250, 0, 7);
        Exchange first = call("zoho-crm:list/Leads?fields=Last_Name,Email&perPage=200&sortBy=id", null, Map.of());
        List<Map<String, Object>> page = records(first);
        assertThat(page).hasSize(200);
        assertThat(page.get(0)).containsKeys("id", "Last_Name", "Email");
        assertThat(first.getMessage().getHeader(ZohoHeaders.MORE_RECORDS)).isEqualTo(true);
        assertThat(first.getMessage().getHeader(ZohoHeaders.RECORD_COUNT)).isEqualTo(200);
        String token = first.getMessage().getHeader(ZohoHeaders.NEXT_PAGE_TOKEN, String.class);
        assertThat(token).isNotBlank();

        Exchange second = call("zoho-crm:list/Leads?fields=Last_Name,Email&perPage=200&sortBy=id", null,
                Map.of(ZohoHeaders.PAGE_TOKEN, token));
        List<Map<String, Object>> rest = records(second);
        assertThat(rest).hasSize(50);
        assertThat(second.getMessage().getHeader(ZohoHeaders.MORE_RECORDS)).isEqualTo(false);
        assertThat(second.getMessage().getHeader(ZohoHeaders.NEXT_PAGE_TOKEN)).isNull();
        Set<Object> ids = new HashSet<>();
        page.forEach(r -> ids.add(r.get("id")));
        rest.forEach(r -> ids.add(r.get("id")));
        assertThat(ids).as("the two pages hold every record once").hasSize(250);
    }

    @Test
    void anEmptyListIsAnEmptyListNotAnError() {
        simulator.seedModule("eu", "production", "Empty_Module", 0, 0, 1);
        Exchange empty = call("zoho-crm:list/Empty_Module?fields=Name", null, Map.of());
        assertThat(records(empty)).isEmpty();
        assertThat(empty.getMessage().getHeader(ZohoHeaders.MORE_RECORDS)).isEqualTo(false);
    }

    @Test
    void getReadsOneRecordByIdAndAnUnknownIdIsANullBody() {
        simulator.seedModule("eu", "production", "Leads", 5, 0, 3);
        String id = simulator.liveIds("eu", "production", "Leads").get(2);
        Map<?, ?> lead = call("zoho-crm:get/Leads", null, Map.of(ZohoHeaders.RECORD_ID, id)).getMessage().getBody(Map.class);
        assertThat(lead.get("id")).isEqualTo(id);

        Exchange byOption = call("zoho-crm:get/Leads?id=" + id, null, Map.of());
        assertThat(byOption.getMessage().getBody(Map.class).get("id")).isEqualTo(id);

        Exchange unknown = call("zoho-crm:get/Leads?id=1234567890", null, Map.of());
        assertThat(unknown.getMessage().getBody()).isNull();
        assertThat(unknown.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(204);
    }

    @Test
    void searchFindsRecordsByEmailAndByCriteria() {
        insert(List.of(Map.of("Last_Name", "Searchable", "Company", "Acme", "Email", "find.me@example.com"),
                Map.of("Last_Name", "Other", "Company", "Acme", "Email", "other@example.com")));
        List<Map<String, Object>> byEmail = records(call("zoho-crm:search/Leads?email=find.me@example.com", null, Map.of()));
        assertThat(byEmail).singleElement().satisfies(r -> assertThat(r.get("Last_Name")).isEqualTo("Searchable"));

        List<Map<String, Object>> byCriteria = records(call("zoho-crm:search/Leads?criteria=(Last_Name:equals:Other)",
                null, Map.of()));
        assertThat(byCriteria).singleElement().satisfies(r -> assertThat(r.get("Email")).isEqualTo("other@example.com"));

        assertThatThrownBy(() -> call("zoho-crm:search/Leads", null, Map.of())).rootCause()
                .hasMessageContaining("criteria, email, phone or word");
    }

    @Test
    void coqlTakesTheQueryAsTheBodyAndGivesRows() {
        // COQL needs its own scope: a connection granted with it
        connectionId = "zq-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(ServiceClient.connectPath(connectionId, "eu", "production") + "&scopes=ZohoCRM.modules.ALL,ZohoCRM.coql.READ");
        insert(List.of(Map.of("Last_Name", "Coql_One", "Company", "Acme", "Email", "c1@example.com"),
                Map.of("Last_Name", "Coql_Two", "Company", "Acme", "Email", "c2@example.com")));
        Exchange rows = call("zoho-crm:coql", "select Last_Name, Email from Leads where Last_Name like 'Coql%' limit 0, 200",
                Map.of());
        assertThat(records(rows)).extracting(r -> r.get("Last_Name")).containsExactlyInAnyOrder("Coql_One", "Coql_Two");
        assertThat(rows.getMessage().getHeader(ZohoHeaders.MORE_RECORDS)).isEqualTo(false);
    }

    @Test
    void anUpsertOf250RecordsIsThreeBatchesWithTypedResultsInInputOrder() {
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            leads.add(Map.of("Last_Name", "Lead " + i, "Company", "Acme", "Email", "lead" + i + "@example.com"));
        }
        WriteSummary summary = write("zoho-crm:upsert/Leads?duplicateCheckFields=Email", leads);
        assertThat(summary.total()).isEqualTo(250);
        assertThat(summary.succeeded()).isEqualTo(250);
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Leads/upsert")).isEqualTo(3);
        for (int i = 0; i < 250; i++) {
            WriteResult result = summary.results().get(i);
            assertThat(result.index()).isEqualTo(i);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.action()).isEqualTo("insert");
            assertThat(result.id()).matches("[0-9]+");
        }
        WriteSummary again = write("zoho-crm:upsert/Leads?duplicateCheckFields=Email", leads.subList(240, 250));
        assertThat(again.results()).allSatisfy(r -> assertThat(r.action()).isEqualTo("update"));
        assertThat(again.results().get(9).id()).isEqualTo(summary.results().get(249).id());
    }

    @Test
    void aJsonFileFromAFileRouteIsUpsertedAsItsRecords(@TempDir Path inbox) throws Exception {
        String routeId = "file-upsert-" + connectionId;
        MockEndpoint done = camel.getEndpoint("mock:" + routeId, MockEndpoint.class);
        done.expectedMessageCount(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?initialDelay=0&delay=50").routeId(routeId)
                        .to("zoho-crm:upsert/Leads?duplicateCheckFields=Email&connectionId=" + connectionId)
                        .to(done);
            }
        });
        try {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < 120; i++) {
                json.append(i == 0 ? "" : ",").append("{\"Last_Name\":\"File ").append(i)
                        .append("\",\"Company\":\"Acme\",\"Email\":\"file").append(i).append("@example.com\"}");
            }
            // written aside, then moved in whole: the file consumer must not see it half-written
            Path written = Files.writeString(inbox.resolve(".leads.tmp"), json.append("]"));
            Files.move(written, inbox.resolve("leads.json"), StandardCopyOption.ATOMIC_MOVE);

            done.assertIsSatisfied(20_000);
            WriteSummary summary = done.getReceivedExchanges().get(0).getMessage().getBody(WriteSummary.class);
            assertThat(summary.total()).isEqualTo(120);
            assertThat(summary.results()).allSatisfy(r -> assertThat(r.succeeded()).as(r.code() + " " + r.message()).isTrue());
            // and a select query from a stream (an http or broker body) is read as text
            Exchange rows = call("zoho-crm:coql", new ByteArrayInputStream(
                    "select Last_Name from Leads where Email = 'file7@example.com'".getBytes(StandardCharsets.UTF_8)), Map.of());
            assertThat(records(rows)).extracting(r -> r.get("Last_Name")).containsExactly("File 7");
        } finally {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    @Test
    void refusedRecordsGoToTheDeadLetterUriWithZohosCodeAndMessage() throws Exception {
        refused.expectedMessageCount(2);
        List<Map<String, Object>> contacts = List.of(Map.of("Last_Name", "Fine", "Email", "ok@example.com"),
                Map.of("Email", "no-last-name@example.com"), Map.of("Last_Name", "Fine too"), Map.of("First_Name", "Nameless"));
        WriteSummary summary = write("zoho-crm:insert/Contacts?deadLetterUri=mock:refused-" + connectionId, contacts);
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(summary.results()).extracting(WriteResult::succeeded).containsExactly(true, false, true, false);
        assertThat(summary.results().get(1).code()).isEqualTo("MANDATORY_NOT_FOUND");
        refused.assertIsSatisfied();
        Exchange letter = refused.getReceivedExchanges().get(0);
        assertThat(letter.getMessage().getHeader(ZohoHeaders.ERROR_CODE)).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(letter.getMessage().getHeader(ZohoHeaders.ERROR_MESSAGE, String.class)).isNotBlank();
        assertThat(letter.getMessage().getHeader(ZohoHeaders.MODULE)).isEqualTo("Contacts");
        assertThat(letter.getMessage().getBody(String.class)).contains("no-last-name@example.com", "\"index\":1");
    }

    @Test
    void updateAndDeleteByIdWithTriggersOff() {
        WriteSummary inserted = insert(List.of(Map.of("Last_Name", "A", "Company", "Acme"), Map.of("Last_Name", "B", "Company", "Acme")));
        List<Map<String, Object>> updates = inserted.results().stream()
                .map(r -> Map.<String, Object>of("id", r.id(), "Last_Name", "Renamed")).toList();
        assertThat(write("zoho-crm:update/Leads?trigger=none", updates).succeeded()).isEqualTo(2);
        Map<?, ?> renamed = call("zoho-crm:get/Leads?id=" + inserted.results().get(0).id(), null, Map.of())
                .getMessage().getBody(Map.class);
        assertThat(renamed.get("Last_Name")).isEqualTo("Renamed");

        WriteSummary deleted = write("zoho-crm:delete/Leads?trigger=none", inserted.results().stream().map(WriteResult::id).toList());
        assertThat(deleted.succeeded()).isEqualTo(2);
        assertThat(simulator.liveIds("eu", "production", "Leads")).doesNotContainAnyElementsOf(
                inserted.results().stream().map(WriteResult::id).toList());
    }

    // The call path's rules (the refresh after a rejected token, Retry-After, which failures are retried) are
    // CrmCallTest's and CrmWriteTest's: the producer hands every call to that one path.

    @Test
    void rawCallsAnyPathOfTheConnectionTheHeaderNamesOnAnEndpointWithoutOne() {
        Exchange org = call("zoho-crm:raw", null, Map.of(ZohoHeaders.CRM_PATH, "org"));
        assertThat(org.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(org.getMessage().getBody(String.class)).contains("\"org\"").contains("EU production");
        assertThat(org.getMessage().getHeader("Authorization")).as("the token does not travel on").isNull();
    }

    @Test
    void anEndpointThatNamesItsConnectionIgnoresTheHeaderOfACaller() {
        String other = "zc-us-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(other, "us", "production");

        // call() sets ZohoConnectionId to this test's EU connection: a caller's choice the pinned endpoint ignores
        Exchange pinned = call("zoho-crm:raw?connectionId=" + other, null, Map.of(ZohoHeaders.CRM_PATH, "org"));
        Exchange pinnedList = call("zoho-crm:list/Leads?fields=Last_Name&connectionId=" + other, null, Map.of());

        assertThat(pinned.getMessage().getBody(String.class)).contains("US production");
        assertThat(pinned.getMessage().getHeader(ZohoHeaders.CONNECTION_ID)).as("the connection called").isEqualTo(other);
        assertThat(pinnedList.getMessage().getHeader(ZohoHeaders.CONNECTION_ID)).isEqualTo(other);
        assertThat(simulator.crmRequestsFor("GET /us/api/crm/v8/Leads")).isEqualTo(1);
        assertThat(simulator.crmRequestsFor("GET /eu/api/crm/v8/Leads")).isZero();
    }

    @Test
    void anEndpointThatAllowsTheOverrideTakesTheHeader() {
        String other = "zc-us-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(other, "us", "production");

        Exchange overridden = call("zoho-crm:raw?connectionId=" + other + "&allowConnectionOverride=true", null,
                Map.of(ZohoHeaders.CRM_PATH, "org"));

        assertThat(overridden.getMessage().getBody(String.class)).contains("EU production");
        assertThat(overridden.getMessage().getHeader(ZohoHeaders.CONNECTION_ID)).isEqualTo(connectionId);
    }

    @Test
    void withoutAConnectionTheCallFailsAndSaysWhichHeaderToSet() {
        assertThatThrownBy(() -> producer.requestBody("zoho-crm:list/Leads?fields=Last_Name", (Object) null))
                .hasCauseInstanceOf(MissingConnectionIdException.class);
        Exchange viaOption = producer.send("zoho-crm:raw?connectionId=" + connectionId,
                e -> e.getMessage().setHeader(ZohoHeaders.CRM_PATH, "org"));
        assertThat(viaOption.getException()).isNull();
        assertThatThrownBy(() -> call("zoho-crm:list/No_Such_Module?fields=Name", null, Map.of())).cause()
                .isInstanceOfSatisfying(ZohoCrmException.class, e -> assertThat(e.status()).isBetween(400, 499));
    }

    private WriteSummary insert(List<Map<String, Object>> leads) {
        return write("zoho-crm:insert/Leads", leads);
    }

    private WriteSummary write(String uri, List<?> records) {
        return call(uri, records, Map.of()).getMessage().getBody(WriteSummary.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    private Exchange call(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = producer.send(uri, e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
            e.getMessage().getHeaders().putAll(headers);
            e.getMessage().setBody(body);
        });
        if (exchange.getException() != null) {
            throw new CamelExecutionException("zoho-crm call failed", exchange, exchange.getException());
        }
        return exchange;
    }
}
