package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Module metadata ({@code /settings/modules}, {@code /settings/fields}), custom modules and fields, scopes. */
class ModulesAndFieldsTest extends SimulatorTestBase {

    private String token;

    @BeforeEach
    void prepare() {
        token = sim.connect("eu").get("access_token").asText();
    }

    @Test
    void settingsModulesListsTheStandardModules() {
        HttpResponse<String> response = sim.crmGet("eu", "/crm/v8/settings/modules", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode all = SimHarness.json(response.body()).get("modules");
        JsonNode modules = apiSupported(all);
        assertThat(names(modules, "api_name"))
                .containsExactly("Leads", "Contacts", "Accounts", "Deals", "Campaigns", "Tasks", "Cases");
        // Zoho also lists modules the API does not serve: clients must look at api_supported
        assertThat(names(all, "api_name")).startsWith("Home", "Feeds");
        JsonNode leads = modules.get(0);
        assertThat(leads.get("module_name").asText()).isEqualTo("Leads");
        assertThat(leads.get("plural_label").asText()).isEqualTo("Leads");
        assertThat(leads.get("singular_label").asText()).isEqualTo("Lead");
        assertThat(leads.get("api_supported").asBoolean()).isTrue();
        assertThat(leads.get("generated_type").asText()).isEqualTo("default");
    }

    /** The keys of Zoho's v8 module model (zohocrm-java-sdk-8.0 {@code modules.Modules}) a client may read. */
    @Test
    void eachModuleCarriesZohosMetadataKeys() {
        JsonNode modules = SimHarness.json(sim.crmGet("eu", "/crm/v8/settings/modules", token).body()).get("modules");

        JsonNode leads = apiSupported(modules).get(0);
        assertThat(leads.fieldNames()).toIterable().contains("api_name", "module_name", "singular_label", "plural_label",
                "id", "api_supported", "creatable", "editable", "deletable", "viewable", "convertable", "generated_type",
                "sequence_number", "business_card_field_limit", "global_search_supported", "visible", "visibility",
                "modified_time", "modified_by", "profiles", "parent_module", "web_link", "triggers_supported",
                "feeds_required", "quick_create", "presence_sub_menu", "show_as_tab", "filter_supported",
                "scoring_supported", "webform_supported", "isBlueprintSupported", "kanban_view_supported",
                "recycle_bin_on_delete", "status", "arguments", "description", "has_more_profiles", "per_page",
                "display_field", "business_card_fields");
        assertThat(leads.size()).isGreaterThanOrEqualTo(40);
        assertThat(leads.get("id").asText()).matches("[0-9]{19}");
        assertThat(leads.get("convertable").asBoolean()).isTrue();
        assertThat(leads.get("modified_time").isNull()).isTrue();
        assertThat(leads.get("profiles").get(0).get("name").asText()).isEqualTo("Administrator");
        assertThat(modules).extracting(m -> m.get("sequence_number").asInt()).isSorted().doesNotHaveDuplicates();
        assertThat(modules.get(0).get("api_supported").asBoolean()).isFalse();
    }

    @Test
    void oneModuleByApiNameCarriesItsFieldsAndLayouts() {
        HttpResponse<String> response = sim.crmGet("eu", "/crm/v8/settings/modules/leads", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode leads = SimHarness.json(response.body()).get("modules").get(0);
        assertThat(leads.get("api_name").asText()).isEqualTo("Leads");
        assertThat(names(leads.get("fields"), "api_name")).contains("Last_Name", "Email", "Modified_Time");
        assertThat(leads.get("layouts").get(0).get("name").asText()).isEqualTo("Standard");
        assertError(sim.crmGet("eu", "/crm/v8/settings/modules/Nowhere", token), 400, "INVALID_MODULE");
    }

    @Test
    void settingsFieldsDescribesEachFieldOfAModule() {
        JsonNode fields = fieldsOf("Leads");

        assertThat(names(fields, "api_name")).contains("id", "Last_Name", "First_Name", "Company", "Email", "Phone",
                "Lead_Source", "Lead_Status", "Description", "Owner", "Created_Time", "Modified_Time");
        JsonNode lastName = field(fields, "Last_Name");
        assertThat(lastName.get("data_type").asText()).isEqualTo("text");
        assertThat(lastName.get("system_mandatory").asBoolean()).isTrue();
        assertThat(lastName.get("custom_field").asBoolean()).isFalse();
        assertThat(lastName.get("field_label").asText()).isEqualTo("Last Name");
        assertThat(field(fields, "Company").get("system_mandatory").asBoolean()).isTrue();
        assertThat(field(fields, "Email").get("system_mandatory").asBoolean()).isFalse();
        assertThat(field(fields, "Modified_Time").get("data_type").asText()).isEqualTo("datetime");
        assertThat(field(fields, "Lead_Status").get("pick_list_values").size()).isGreaterThan(3);
    }

    @Test
    void everyStandardModuleHasItsMandatoryFields() {
        Map<String, List<String>> mandatory = Map.of(
                "Leads", List.of("Last_Name", "Company"), "Contacts", List.of("Last_Name"),
                "Accounts", List.of("Account_Name"), "Deals", List.of("Deal_Name", "Stage"),
                "Campaigns", List.of("Campaign_Name"), "Tasks", List.of("Subject"), "Cases", List.of("Subject"));
        mandatory.forEach((module, expected) -> {
            List<String> found = new ArrayList<>();
            fieldsOf(module).forEach(f -> {
                if (f.get("system_mandatory").asBoolean()) {
                    found.add(f.get("api_name").asText());
                }
            });
            assertThat(found).as(module).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    void fieldsNeedAKnownModule() {
        assertError(sim.crmGet("eu", "/crm/v8/settings/fields", token), 400, "REQUIRED_PARAM_MISSING");
        HttpResponse<String> unknown = sim.crmGet("eu", "/crm/v8/settings/fields?module=Nothing", token);
        assertError(unknown, 400, "INVALID_MODULE");
        assertThat(SimHarness.json(unknown.body()).get("message").asText())
                .isEqualTo("the module name given seems to be invalid");
    }

    @Test
    void unknownModuleInTheRecordsApiIsInvalidModule() {
        HttpResponse<String> response = sim.crmGet("eu", "/crm/v8/Nothing?fields=Name", token);

        assertError(response, 400, "INVALID_MODULE");
        assertThat(SimHarness.json(response.body()).get("details").isObject()).isTrue();
    }

    @Test
    void customFieldsAreAddedBySeeding() {
        JsonNode seeded = sim.control.seedModule("eu", "production", "Leads", 10, 120, 42);

        assertThat(seeded.get("module").asText()).isEqualTo("Leads");
        assertThat(seeded.get("count").asInt()).isEqualTo(10);
        JsonNode fields = fieldsOf("Leads");
        assertThat(seeded.get("fields").asInt()).isEqualTo(fields.size());
        assertThat(field(fields, "Custom_Field_1").get("custom_field").asBoolean()).isTrue();
        assertThat(field(fields, "Custom_Field_120").get("data_type").asText()).isEqualTo("text");
        assertThat(field(fields, "Custom_Field_121")).isNull();
    }

    @Test
    void seedingToATotalFieldCountPadsWithCustomFields() {
        JsonNode seeded = sim.control.seedModule("eu", "production", "Contacts", Map.of("count", 5, "fields", 120));

        assertThat(seeded.get("fields").asInt()).isEqualTo(120);
        assertThat(fieldsOf("Contacts").size()).isEqualTo(120);
    }

    @Test
    void customModulesAreCreatedBySeedingAndListedAsCustom() {
        sim.control.seedModule("eu", "production", "Invoices_2", 3, 0, 1);

        JsonNode modules = SimHarness.json(sim.crmGet("eu", "/crm/v8/settings/modules", token).body()).get("modules");
        JsonNode custom = modules.get(modules.size() - 1);
        assertThat(custom.get("modified_by").get("id").asText()).matches("[0-9]{19}");
        assertThat(custom.get("api_name").asText()).isEqualTo("Invoices_2");
        assertThat(custom.get("generated_type").asText()).isEqualTo("custom");
        assertThat(field(fieldsOf("Invoices_2"), "Name").get("system_mandatory").asBoolean()).isTrue();
        HttpResponse<String> records = sim.crmGet("eu", "/crm/v8/Invoices_2?fields=Name", token);
        assertThat(SimHarness.json(records.body()).get("data").size()).isEqualTo(3);
        // another org does not have it
        assertThat(sim.crm("eu", "sandbox-api", "/crm/v8/Invoices_2?fields=Name", token).statusCode()).isNotEqualTo(200);
    }

    @Test
    void badCustomModuleNamesAreRefused() {
        assertThatThrownBy(() -> sim.control.seedModule("eu", "production", "9lives", 1, 0, 1))
                .hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.seedModule("eu", "production", "settings", 1, 0, 1))
                .hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.module("eu", "production", "NotSeeded")).hasMessageContaining("404");
    }

    @Test
    void settingsNeedASettingsScope() {
        String modulesOnly = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL"));
        String fieldsRead = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.settings.fields.READ"));

        assertError(sim.crmGet("eu", "/crm/v8/settings/modules", modulesOnly), 401, "OAUTH_SCOPE_MISMATCH");
        assertError(sim.crmGet("eu", "/crm/v8/settings/fields?module=Leads", modulesOnly), 401, "OAUTH_SCOPE_MISMATCH");
        assertThat(sim.crmGet("eu", "/crm/v8/settings/fields?module=Leads", fieldsRead).statusCode()).isEqualTo(200);
        assertError(sim.crmGet("eu", "/crm/v8/settings/modules", fieldsRead), 401, "OAUTH_SCOPE_MISMATCH");
    }

    @Test
    void recordsNeedAModulesScopeForThatModule() {
        String leadsRead = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.leads.READ"));
        String settingsOnly = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.settings.ALL"));

        assertThat(sim.crmGet("eu", "/crm/v8/Leads?fields=Last_Name", leadsRead).statusCode()).isEqualTo(200);
        assertError(sim.crmGet("eu", "/crm/v8/Contacts?fields=Last_Name", leadsRead), 401, "OAUTH_SCOPE_MISMATCH");
        assertError(sim.crm("POST", "eu", "/crm/v8/Leads", leadsRead, "{\"data\":[{\"Last_Name\":\"X\",\"Company\":\"Y\"}]}"),
                401, "OAUTH_SCOPE_MISMATCH");
        assertError(sim.crmGet("eu", "/crm/v8/Leads?fields=Last_Name", settingsOnly), 401, "OAUTH_SCOPE_MISMATCH");
    }

    @Test
    void tokenChecksComeBeforeEverything() {
        assertError(sim.crmGet("eu", "/crm/v8/Nothing", "1000.bad.token"), 401, "INVALID_TOKEN");
        assertError(sim.crmGet("eu", "/crm/v8/Leads", null), 401, "AUTHENTICATION_FAILURE");
    }

    private JsonNode fieldsOf(String module) {
        HttpResponse<String> response = sim.crmGet("eu", "/crm/v8/settings/fields?module=" + module, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHarness.json(response.body()).get("fields");
    }

    private static JsonNode field(JsonNode fields, String apiName) {
        for (JsonNode field : fields) {
            if (field.get("api_name").asText().equals(apiName)) {
                return field;
            }
        }
        return null;
    }

    private static List<String> names(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(key).asText()));
        return out;
    }

    private static JsonNode apiSupported(JsonNode modules) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode();
        modules.forEach(m -> {
            if (m.get("api_supported").asBoolean()) {
                out.add(m);
            }
        });
        return out;
    }
}
