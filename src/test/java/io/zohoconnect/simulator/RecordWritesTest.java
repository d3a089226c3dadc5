package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Insert, update, upsert and delete with per-record results, 207 and the 100-record limit (ZOHO-API.md §9). */
class RecordWritesTest extends SimulatorTestBase {

    private String token;

    @BeforeEach
    void prepare() {
        token = sim.connect("eu", "jane.doe@example.com").get("access_token").asText();
        sim.control.seedModule("eu", "production", "Leads", 100, 0, 2);
    }

    @Test
    void insertAddsRecordsThatLaterReadsReturn() {
        HttpResponse<String> response = write("POST", "/crm/v8/Leads", """
                {"data":[{"Last_Name":"Nakamura","First_Name":"Aiko","Company":"Zylker KK","Email":"aiko@zylker.example"}]}""");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode result = SimHarness.json(response.body()).get("data").get(0);
        assertThat(result.get("code").asText()).isEqualTo("SUCCESS");
        assertThat(result.get("status").asText()).isEqualTo("success");
        assertThat(result.get("message").asText()).isEqualTo("record added");
        JsonNode details = result.get("details");
        assertThat(details.fieldNames()).toIterable()
                .containsExactly("Modified_Time", "Modified_By", "Created_Time", "id", "Created_By");
        assertThat(OffsetDateTime.parse(details.get("Modified_Time").asText()).toInstant()).isEqualTo(sim.clock.instant());
        assertThat(details.get("Created_By").get("name").asText()).isEqualTo("Jane Doe");
        String id = details.get("id").asText();
        JsonNode stored = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/" + id, token).body()).get("data").get(0);
        assertThat(stored.get("Last_Name").asText()).isEqualTo("Nakamura");
        assertThat(stored.get("Email").asText()).isEqualTo("aiko@zylker.example");
        assertThat(stored.get("Phone").isNull()).isTrue();
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(101);
    }

    @Test
    void aMissingMandatoryFieldFailsThatRecordOnly() {
        HttpResponse<String> response = write("POST", "/crm/v8/Leads", """
                {"data":[{"Last_Name":"Ok","Company":"Acme"},{"First_Name":"NoLast","Company":"Acme"},
                         {"Last_Name":"Blank company","Company":"  "}]}""");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode data = SimHarness.json(response.body()).get("data");
        assertThat(data.get(0).get("status").asText()).isEqualTo("success");
        JsonNode missing = data.get(1);
        assertThat(missing.get("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(missing.get("status").asText()).isEqualTo("error");
        assertThat(missing.get("message").asText()).isEqualTo("required field not found");
        assertThat(missing.get("details").get("api_name").asText()).isEqualTo("Last_Name");
        assertThat(missing.get("details").get("json_path").asText()).isEqualTo("$.data[1].Last_Name");
        assertThat(data.get(2).get("details").get("api_name").asText()).isEqualTo("Company");
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(101);
    }

    @Test
    void allRecordsFailingIs400WithThePerRecordResults() {
        HttpResponse<String> response = write("POST", "/crm/v8/Leads", """
                {"data":[{"First_Name":"A"},{"Last_Name":"B","Company":"C","Shoe_Size":44}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode data = SimHarness.json(response.body()).get("data");
        assertThat(data.get(0).get("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(data.get(1).get("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(data.get(1).get("details").get("api_name").asText()).isEqualTo("Shoe_Size");
    }

    @Test
    void updateChangesTheNamedRecordsAndTheirModifiedTime() {
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");
        sim.clock.advance(java.time.Duration.ofMinutes(3));

        HttpResponse<String> response = write("PUT", "/crm/v8/Leads", """
                {"data":[{"id":"%s","Lead_Status":"Contacted"},{"id":"1000000000000000001","Lead_Status":"Junk Lead"},
                         {"Lead_Status":"No id"},{"id":"%s","Last_Name":""}]}""".formatted(ids.get(0), ids.get(1)));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode data = SimHarness.json(response.body()).get("data");
        assertThat(data.get(0).get("message").asText()).isEqualTo("record updated");
        assertThat(data.get(0).get("details").get("id").asText()).isEqualTo(ids.get(0));
        assertThat(data.get(0).get("details").get("Modified_By").get("name").asText()).isEqualTo("Jane Doe");
        assertThat(data.get(1).get("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(data.get(1).get("details").get("api_name").asText()).isEqualTo("id");
        assertThat(data.get(2).get("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(data.get(2).get("details").get("api_name").asText()).isEqualTo("id");
        assertThat(data.get(3).get("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        JsonNode updated = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/" + ids.get(0), token).body()).get("data").get(0);
        assertThat(updated.get("Lead_Status").asText()).isEqualTo("Contacted");
        assertThat(OffsetDateTime.parse(updated.get("Modified_Time").asText()).toInstant()).isEqualTo(sim.clock.instant());
        assertThat(updated.get("Modified_By").get("email").asText()).isEqualTo("jane.doe@example.com");
    }

    @Test
    void updateOfEveryRecordSucceedingIs200() {
        String id = sim.control.liveIds("eu", "production", "Leads").get(5);

        assertThat(write("PUT", "/crm/v8/Leads", "{\"data\":[{\"id\":\"" + id + "\",\"Phone\":\"+1 555 0100\"}]}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void upsertUpdatesOnADuplicateAndInsertsOtherwise() {
        String id = sim.control.liveIds("eu", "production", "Leads").get(7);
        String email = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/" + id, token).body()).get("data").get(0)
                .get("Email").asText();

        HttpResponse<String> response = write("POST", "/crm/v8/Leads/upsert", """
                {"data":[{"Email":"%s","Lead_Status":"Contacted"},
                         {"Last_Name":"New","Company":"Globex","Email":"new@globex.example"},
                         {"Last_Name":"Again","Company":"Globex","Email":"NEW@globex.example"}],
                 "duplicate_check_fields":["Email"]}""".formatted(email.toUpperCase()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = SimHarness.json(response.body()).get("data");
        assertThat(data.get(0).get("action").asText()).isEqualTo("update");
        assertThat(data.get(0).get("duplicate_field").asText()).isEqualTo("Email");
        assertThat(data.get(0).get("details").get("id").asText()).isEqualTo(id);
        assertThat(data.get(1).get("action").asText()).isEqualTo("insert");
        assertThat(data.get(1).get("message").asText()).isEqualTo("record added");
        assertThat(data.get(2).get("action").asText()).as("found the record inserted just before").isEqualTo("update");
        assertThat(data.get(2).get("details").get("id").asText()).isEqualTo(data.get(1).get("details").get("id").asText());
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(101);
    }

    @Test
    void upsertChecksTheModulesDefaultFieldWhenNoneIsGiven() {
        sim.control.seedModule("eu", "production", "Accounts", 10, 0, 2);
        String name = SimHarness.json(sim.crmGet("eu", "/crm/v8/Accounts?fields=Account_Name&per_page=1", token).body())
                .get("data").get(0).get("Account_Name").asText();

        JsonNode data = SimHarness.json(write("POST", "/crm/v8/Accounts/upsert",
                "{\"data\":[{\"Account_Name\":\"" + name + "\",\"Industry\":\"Large Enterprise\"}]}").body()).get("data");

        assertThat(data.get(0).get("action").asText()).isEqualTo("update");
        assertThat(data.get(0).get("duplicate_field").asText()).isEqualTo("Account_Name");
        assertError(write("POST", "/crm/v8/Accounts/upsert",
                "{\"data\":[{\"Account_Name\":\"x\"}],\"duplicate_check_fields\":[\"Nope\"]}"), 400, "INVALID_DATA");
    }

    @Test
    void upsertWithoutTheMandatoryFieldsOfAnInsertFails() {
        JsonNode result = SimHarness.json(write("POST", "/crm/v8/Leads/upsert",
                "{\"data\":[{\"Email\":\"nobody@nowhere.example\"}]}").body()).get("data").get(0);

        assertThat(result.get("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    }

    @Test
    void deleteMovesRecordsToTheDeletedList() {
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");

        HttpResponse<String> response = sim.crm("DELETE", "eu", "/crm/v8/Leads?ids=" + ids.get(0) + "," + ids.get(1)
                + ",1000000000000000001", token, null);

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode data = SimHarness.json(response.body()).get("data");
        assertThat(data.get(0).get("message").asText()).isEqualTo("record deleted");
        assertThat(data.get(0).get("details").get("id").asText()).isEqualTo(ids.get(0));
        assertThat(data.get(2).get("code").asText()).isEqualTo("INVALID_DATA");
        JsonNode deleted = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/deleted", token).body()).get("data");
        assertThat(deleted.size()).isEqualTo(2);
        assertThat(deleted.get(0).get("deleted_by").get("name").asText()).isEqualTo("Jane Doe");
        assertThat(sim.crm("DELETE", "eu", "/crm/v8/Leads?ids=" + ids.get(5), token, null).statusCode()).isEqualTo(200);
        assertError(sim.crm("DELETE", "eu", "/crm/v8/Leads", token, null), 400, "REQUIRED_PARAM_MISSING");
    }

    @Test
    void putAndDeleteOfOneRecordByIdWorkAsZohosDo() {
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");
        sim.clock.advance(java.time.Duration.ofMinutes(2));

        HttpResponse<String> put = write("PUT", "/crm/v8/Leads/" + ids.get(3), """
                {"data":[{"Lead_Status":"Contacted","Phone":"+1 555 0199"}]}""");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode updated = SimHarness.json(put.body()).get("data").get(0);
        assertThat(updated.get("code").asText()).isEqualTo("SUCCESS");
        assertThat(updated.get("message").asText()).isEqualTo("record updated");
        assertThat(updated.get("details").get("id").asText()).isEqualTo(ids.get(3));
        JsonNode stored = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/" + ids.get(3), token).body()).get("data").get(0);
        assertThat(stored.get("Lead_Status").asText()).isEqualTo("Contacted");
        assertThat(stored.get("Phone").asText()).isEqualTo("+1 555 0199");
        assertThat(OffsetDateTime.parse(stored.get("Modified_Time").asText()).toInstant()).isEqualTo(sim.clock.instant());

        HttpResponse<String> delete = sim.crm("DELETE", "eu", "/crm/v8/Leads/" + ids.get(3), token, null);

        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(200);
        JsonNode deleted = SimHarness.json(delete.body()).get("data").get(0);
        assertThat(deleted.get("message").asText()).isEqualTo("record deleted");
        assertThat(deleted.get("details").get("id").asText()).isEqualTo(ids.get(3));
        assertThat(sim.crmGet("eu", "/crm/v8/Leads/" + ids.get(3), token).statusCode()).isEqualTo(204);
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(99);
        JsonNode again = SimHarness.json(sim.crm("DELETE", "eu", "/crm/v8/Leads/" + ids.get(3), token, null).body());
        assertThat(again.get("data").get(0).get("code").asText()).isEqualTo("INVALID_DATA");
        HttpResponse<String> putUnknown = write("PUT", "/crm/v8/Leads/1000000000000000001",
                "{\"data\":[{\"Lead_Status\":\"Contacted\"}]}");
        assertThat(putUnknown.statusCode()).isEqualTo(400);
        assertThat(SimHarness.json(putUnknown.body()).get("data").get(0).get("code").asText()).isEqualTo("INVALID_DATA");
        assertError(sim.crm("PATCH", "eu", "/crm/v8/Leads/" + ids.get(4), token, "{}"), 400, "INVALID_REQUEST_METHOD");
    }

    @Test
    void aRecordInsertedWithoutOwnerIsOwnedByTheCallingUser() {
        JsonNode details = SimHarness.json(write("POST", "/crm/v8/Leads",
                "{\"data\":[{\"Last_Name\":\"Ownerless\",\"Company\":\"Acme\"}]}").body())
                .get("data").get(0).get("details");
        JsonNode me = SimHarness.json(sim.currentUser("eu", token).body()).get("users").get(0);

        JsonNode owner = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/" + details.get("id").asText(), token).body())
                .get("data").get(0).get("Owner");

        assertThat(owner.get("id").asText()).isEqualTo(me.get("id").asText());
        assertThat(owner.get("name").asText()).isEqualTo("Jane Doe");
        assertThat(owner.get("email").asText()).isEqualTo("jane.doe@example.com");
    }

    @Test
    void atMostOneHundredRecordsPerCall() {
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "{\"Last_Name\":\"L" + i + "\",\"Company\":\"C\"}")
                .collect(Collectors.joining(",", "{\"data\":[", "]}"));
        String hundred = IntStream.range(0, 100).mapToObj(i -> "{\"Last_Name\":\"L" + i + "\",\"Company\":\"C\"}")
                .collect(Collectors.joining(",", "{\"data\":[", "]}"));
        String ids = IntStream.range(0, 101).mapToObj(i -> "10000000000000" + (10000 + i)).collect(Collectors.joining(","));

        HttpResponse<String> tooMany = write("POST", "/crm/v8/Leads", hundredAndOne);

        assertError(tooMany, 400, "LIMIT_EXCEEDED");
        assertThat(SimHarness.json(tooMany.body()).get("details").get("limit").asInt()).isEqualTo(100);
        assertThat(write("POST", "/crm/v8/Leads", hundred).statusCode()).isEqualTo(201);
        assertError(write("POST", "/crm/v8/Leads/upsert", hundredAndOne), 400, "LIMIT_EXCEEDED");
        assertError(sim.crm("DELETE", "eu", "/crm/v8/Leads?ids=" + ids, token, null), 400, "LIMIT_EXCEEDED");
        assertThat(sim.control.writeRecordsFor("Leads")).isEqualTo(100);
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoDataArrayIsInvalidData() {
        assertError(write("POST", "/crm/v8/Leads", "{\"data\":[{\"Last_Name\""), 400, "INVALID_DATA");
        assertError(write("POST", "/crm/v8/Leads", "{\"records\":[]}"), 400, "INVALID_DATA");
        assertError(write("POST", "/crm/v8/Leads", "[1,2]"), 400, "INVALID_DATA");
        JsonNode notAnObject = SimHarness.json(write("POST", "/crm/v8/Leads",
                "{\"data\":[\"text\",{\"Last_Name\":\"L\",\"Company\":\"C\"}]}").body());
        assertThat(notAnObject.get("data").get(0).get("code").asText()).isEqualTo("INVALID_DATA");
    }

    @Test
    void writesToAnUnknownModuleAreInvalidModule() {
        assertError(write("POST", "/crm/v8/Widgets", "{\"data\":[{\"Name\":\"w\"}]}"), 400, "INVALID_MODULE");
    }

    @Test
    void insertsShowUpInAnIncrementalRead() {
        write("POST", "/crm/v8/Leads", "{\"data\":[{\"Last_Name\":\"Fresh\",\"Company\":\"C\"}]}");

        HttpResponse<String> response = sim.crmGet("eu", "/crm/v8/Leads?fields=Last_Name", token,
                "If-Modified-Since", sim.clock.instant().minusSeconds(1).toString());

        JsonNode data = SimHarness.json(response.body()).get("data");
        assertThat(data.size()).isEqualTo(1);
        assertThat(data.get(0).get("Last_Name").asText()).isEqualTo("Fresh");
    }

    private HttpResponse<String> write(String method, String path, String body) {
        return sim.crm(method, "eu", path, token, body);
    }
}
