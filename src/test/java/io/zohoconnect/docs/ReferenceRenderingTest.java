package io.zohoconnect.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** How the generated references turn catalog and metadata entries into Markdown. */
class ReferenceRenderingTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theComponentReferenceGroupsEndpointOptionsAndShowsTypesDefaultsEnumsAndHeaders() throws Exception {
        JsonNode catalog = json.readTree("""
                {"component": {"title": "Zoho CRM", "scheme": "zoho-crm", "syntax": "zoho-crm:operation/module",
                   "firstVersion": "0.1.0", "supportLevel": "Preview", "javaType": "a.ZohoCrmComponent",
                   "consumerOnly": false, "producerOnly": false, "description": "{code zoho-crm:{operation}} calls Zoho"},
                 "componentProperties": {
                   "deadLetterUri": {"index": 0, "kind": "property", "group": "common", "javaType": "java.lang.String",
                     "defaultValue": "log:x?level=WARN", "description": "Where refused records go"}},
                 "headers": {
                   "ZohoDeleted": {"index": 0, "group": "consumer", "javaType": "boolean",
                     "constantName": "io.zohoconnect.connection.ZohoHeaders#DELETED", "description": "true for a tombstone"}},
                 "properties": {
                   "operation": {"index": 0, "kind": "path", "group": "common", "required": true, "javaType": "java.lang.String",
                     "enum": ["list", "get"], "description": "What to do"},
                   "trigger": {"index": 2, "kind": "parameter", "group": "producer", "javaType": "java.lang.String",
                     "description": "workflow|approval, or none"},
                   "mode": {"index": 1, "kind": "parameter", "group": "consumer", "javaType": "java.lang.String",
                     "enum": ["incremental", "full"], "defaultValue": "incremental", "description": "How to read <module>"},
                   "schedulerProperties": {"index": 3, "kind": "parameter", "group": "scheduler",
                     "javaType": "java.util.Map<java.lang.String, java.lang.Object>", "deprecated": true, "description": "More"}}}
                """);

        String markdown = ComponentReference.render(catalog);

        assertThat(markdown).contains("`zoho-crm:{operation}` calls Zoho")
                .contains("| `deadLetterUri` | common | `String` | `log:x?level=WARN` | Where refused records go |")
                .contains("| `operation` | `String`: `list`, `get` |  | **Required.** What to do |")
                .contains("| `mode` | `String`: `incremental`, `full` | `incremental` | How to read &lt;module> |")
                .contains("| `trigger` | `String` |  | workflow\\|approval, or none |")
                .contains("| `schedulerProperties` | `Map` |  | **Deprecated.** More |")
                .contains("| `ZohoDeleted` | `ZohoHeaders.DELETED` | consumer | `boolean` | true for a tombstone |");
        assertThat(markdown.indexOf("#### Consumer options")).isPositive()
                .isLessThan(markdown.indexOf("#### Producer options"));
        assertThat(markdown.indexOf("#### Producer options")).isLessThan(markdown.indexOf("#### Scheduler options"));
        assertThat(markdown.indexOf("| `mode`")).isGreaterThan(markdown.indexOf("#### Consumer options"))
                .isLessThan(markdown.indexOf("#### Producer options"));
    }

    @Test
    void theSettingsReferenceListsEverySettingByNameWithItsSimpleTypeAndDefault() throws Exception {
        JsonNode metadata = json.readTree("""
                {"properties": [
                  {"name": "zoho.scopes", "type": "java.util.List<java.lang.String>", "defaultValue": ["A.ALL", "B.READ"],
                   "description": "scopes of a connect."},
                  {"name": "zoho.crm.connections",
                   "type": "java.util.Map<java.lang.String,io.zohoconnect.ZohoProperties$CrmConnection>",
                   "description": "Per connection; see {@code max-concurrency}."},
                  {"name": "zoho.admin.max-failed-logins", "type": "java.lang.Integer", "defaultValue": 10,
                   "description": "Wrong keys per window, e.g. /api/**."}]}
                """);

        String markdown = SettingsReference.render(metadata);

        assertThat(markdown.lines().skip(2)).containsExactly(
                "| `zoho.admin.max-failed-logins` | `Integer` | `10` | Wrong keys per window, e.g. /api/\\*\\*. |",
                "| `zoho.crm.connections` | `Map<String, CrmConnection>` |  | Per connection; see `max-concurrency`. |",
                "| `zoho.scopes` | `List<String>` | `A.ALL,B.READ` | Scopes of a connect. |");
    }

    @Test
    void aGeneratedSectionReplacesOnlyTheTextBetweenItsMarkers() {
        GeneratedSection section = new GeneratedSection("things", "the catalog");
        String document = "# Prose\nkept\n" + section.startMarker() + "\nold\n" + section.endMarker() + "\nafter\n";

        String replaced = section.replacedIn(document, "new\n");

        assertThat(replaced).isEqualTo("# Prose\nkept\n" + section.startMarker() + "\nnew\n" + section.endMarker()
                + "\nafter\n");
        assertThat(section.in(replaced)).isEqualTo("new\n");
        assertThatThrownBy(() -> section.in("# no markers\n")).hasMessageContaining(section.startMarker());
    }

    @Test
    void theKameletReferenceListsEachKameletsPropertiesWithRequiredTypesDefaultsAndExamples() {
        Map<String, Object> kamelet = new Yaml().load("""
                metadata:
                  name: zoho-crm-source
                  labels: { camel.apache.org/kamelet.type: source }
                spec:
                  definition:
                    title: Zoho CRM Source
                    description: The changes of a module.
                    required: [connectionId]
                    properties:
                      connectionId: { title: Connection, description: A connection id., type: string }
                      batch: { title: Batch, description: record or page., type: string, enum: [record, page], default: record }
                      fields: { title: Fields, description: Field names., type: string, example: "Last_Name,Email" }
                """);

        String markdown = KameletReference.render(List.of(kamelet));

        assertThat(markdown).startsWith("### `zoho-crm-source`\n\n**Zoho CRM Source** (source). The changes of a module.\n")
                .contains("| `connectionId` | yes | Connection | `string` |  | A connection id. |")
                .contains("| `batch` |  | Batch | `string`: `record`, `page` | `record` | record or page. |")
                .contains("| `fields` |  | Fields | `string` |  | Field names. Example: `Last_Name,Email`. |");
    }
}
