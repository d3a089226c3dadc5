package io.zohoconnect.component;

import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The component as Camel and its tooling see it, without the service: found by its scheme, URIs
 * with options resolve to configured endpoints, bad URIs say what is wrong, and the generated
 * catalog JSON lists every option and header.
 */
class ZohoCrmComponentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theSchemeResolvesToTheComponentFromItsServiceFile() {
        assertThat(camel.getComponent("zoho-crm")).isInstanceOf(ZohoCrmComponent.class);
    }

    @Test
    void aListUriWithOptionsConfiguresTheEndpoint() {
        ZohoCrmEndpoint endpoint = camel.getEndpoint("zoho-crm:list/Leads?connectionId=acme-eu&fields=Last_Name,Email"
                + "&perPage=50&sortBy=Modified_Time&sortOrder=desc&cvid=42&pageToken=tok", ZohoCrmEndpoint.class);
        assertThat(endpoint.crmOperation()).isEqualTo(CrmOperation.LIST);
        assertThat(endpoint.getConfiguration().getModule()).isEqualTo("Leads");
        assertThat(endpoint.getConfiguration().getConnectionId()).isEqualTo("acme-eu");
        assertThat(endpoint.getConfiguration().getFields()).isEqualTo("Last_Name,Email");
        assertThat(endpoint.getConfiguration().getPerPage()).isEqualTo(50);
        assertThat(endpoint.getConfiguration().getSortBy()).isEqualTo("Modified_Time");
        assertThat(endpoint.getConfiguration().getSortOrder()).isEqualTo(SortOrder.DESC);
        assertThat(endpoint.getConfiguration().getCvid()).isEqualTo("42");
        assertThat(endpoint.getConfiguration().getPageToken()).isEqualTo("tok");
    }

    @Test
    void writeSearchAndConsumerOptionsResolve() {
        ZohoCrmEndpoint upsert = camel.getEndpoint("zoho-crm:upsert/Contacts?duplicateCheckFields=Email&trigger=none"
                + "&deadLetterUri=mock:refused&batchSize=50", ZohoCrmEndpoint.class);
        assertThat(upsert.crmOperation()).isEqualTo(CrmOperation.UPSERT);
        assertThat(upsert.getConfiguration().getDuplicateCheckFields()).isEqualTo("Email");
        assertThat(upsert.getConfiguration().getTrigger()).isEqualTo("none");
        assertThat(upsert.effectiveDeadLetterUri()).isEqualTo("mock:refused");
        assertThat(upsert.getConfiguration().getBatchSize()).isEqualTo(50);

        ZohoCrmEndpoint search = camel.getEndpoint("zoho-crm:search/Leads?criteria=(Last_Name:equals:Smith)",
                ZohoCrmEndpoint.class);
        assertThat(search.getConfiguration().getCriteria()).isEqualTo("(Last_Name:equals:Smith)");

        ZohoCrmEndpoint changes = camel.getEndpoint("zoho-crm:changes/Deals?mode=full&schedule=0 0/5 * * * ?"
                + "&deletions=false&batch=page&fields=Deal_Name", ZohoCrmEndpoint.class);
        assertThat(changes.getConfiguration().getMode()).isEqualTo(io.zohoconnect.sync.SyncSpec.Mode.FULL);
        assertThat(changes.getConfiguration().getSchedule()).isEqualTo("0 0/5 * * * ?");
        assertThat(changes.getConfiguration().isDeletions()).isFalse();
        assertThat(changes.getConfiguration().getBatch()).isEqualTo(io.zohoconnect.sync.SyncSpec.Batch.PAGE);

        assertThat(camel.getEndpoint("zoho-crm:coql", ZohoCrmEndpoint.class).getConfiguration().getModule()).isNull();
        assertThat(camel.getEndpoint("zoho-crm:raw", ZohoCrmEndpoint.class).crmOperation()).isEqualTo(CrmOperation.RAW);
    }

    @Test
    void badUrisSayWhatIsWrong() {
        assertThatThrownBy(() -> camel.getEndpoint("zoho-crm:fetch/Leads")).isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessageContaining("unknown zoho-crm operation 'fetch'").hasMessageContaining("upsert");
        assertThatThrownBy(() -> camel.getEndpoint("zoho-crm:list")).rootCause().hasMessageContaining("needs a module");
        assertThatThrownBy(() -> camel.getEndpoint("zoho-crm:list/Le ads")).rootCause().hasMessageContaining("not a CRM module");
        assertThatThrownBy(() -> camel.getEndpoint("zoho-crm:insert/Leads?batchSize=250")).rootCause()
                .hasMessageContaining("batchSize must be 1-100");
        assertThatThrownBy(() -> camel.getEndpoint("zoho-crm:list/Leads?perPage=500")).rootCause()
                .hasMessageContaining("perPage must be 1-200");
        assertThatThrownBy(() -> camel.getEndpoint("zoho-crm:list/Leads?pageSize=5")).rootCause()
                .hasMessageContaining("pageSize");
    }

    @Test
    void theCatalogJsonListsEveryOptionAndHeader() throws Exception {
        String schema = ((CatalogCamelContext) camel).getComponentParameterJsonSchema("zoho-crm");
        assertThat(schema).as("Camel finds the component's catalog JSON").isNotNull();
        JsonNode json = JSON.readTree(schema);
        assertThat(json.path("component").path("scheme").asText()).isEqualTo("zoho-crm");
        assertThat(json.path("component").path("syntax").asText()).isEqualTo("zoho-crm:operation/module");
        assertThat(json.path("componentProperties").has("connectionId")).isTrue();
        assertThat(json.path("componentProperties").has("deadLetterUri")).isTrue();
        JsonNode properties = json.path("properties");
        for (String option : new String[] {"operation", "module", "connectionId", "fields", "perPage", "sortBy", "sortOrder",
                "cvid", "pageToken", "id", "criteria", "email", "phone", "word", "duplicateCheckFields", "trigger",
                "deadLetterUri", "batchSize", "mode", "schedule", "deletions", "batch"}) {
            assertThat(properties.has(option)).as("option %s", option).isTrue();
            assertThat(properties.path(option).path("description").asText()).as("description of %s", option).isNotBlank();
        }
        assertThat(properties.path("operation").path("enum").toString()).contains("list", "upsert", "raw", "changes");
        assertThat(properties.path("mode").path("group").asText()).isEqualTo("consumer");
        assertThat(properties.path("criteria").path("group").asText()).isEqualTo("producer");
        assertThat(json.path("headers").has("ZohoConnectionId")).isTrue();
        assertThat(json.path("headers").has("ZohoNextPageToken")).isTrue();
        JsonNode override = properties.path("allowConnectionOverride");
        assertThat(override.path("type").asText()).isEqualTo("boolean");
        assertThat(override.path("defaultValue").asBoolean(true)).as("the safe rule is the default").isFalse();
        assertThat(override.path("description").asText()).contains("ZohoConnectionId");
        assertThat(properties.path("connectionId").path("description").asText()).contains("allowConnectionOverride");
        assertThat(json.path("headers").path("ZohoConnectionId").path("description").asText())
                .contains("allowConnectionOverride");

        try (InputStream file = getClass().getResourceAsStream("/META-INF/io/zohoconnect/component/zoho-crm.json")) {
            assertThat(file).as("the JSON ships in the jar where tooling looks").isNotNull();
        }
    }

    @Test
    void anEndpointThatNamesItsConnectionKeepsItUnlessItAllowsTheHeaderToOverrideIt() {
        ZohoCrmEndpoint pinned = camel.getEndpoint("zoho-crm:list/Leads?connectionId=acme-eu", ZohoCrmEndpoint.class);
        ZohoCrmEndpoint overridable = camel.getEndpoint("zoho-crm:list/Leads?connectionId=acme-eu"
                + "&allowConnectionOverride=true", ZohoCrmEndpoint.class);
        ZohoCrmEndpoint open = camel.getEndpoint("zoho-crm:list/Leads", ZohoCrmEndpoint.class);

        assertThat(pinned.connectionOf("other")).isEqualTo("acme-eu");
        assertThat(pinned.connectionOf(null)).isEqualTo("acme-eu");
        assertThat(overridable.connectionOf("other")).isEqualTo("other");
        assertThat(overridable.connectionOf("")).isEqualTo("acme-eu");
        assertThat(open.connectionOf("other")).isEqualTo("other");
        assertThat(open.connectionOf(null)).as("no connection anywhere").isNull();

        camel.getComponent("zoho-crm", ZohoCrmComponent.class).setConnectionId("component-default");
        assertThat(open.connectionOf(null)).isEqualTo("component-default");
        assertThat(open.connectionOf("other")).as("the component's default is no pin").isEqualTo("other");
    }

    @Test
    void toolingBuildsUrisFromOptions() throws Exception {
        EndpointUriFactory factory = camel.getCamelContextExtension().getEndpointUriFactory("zoho-crm");
        assertThat(factory).isNotNull();
        assertThat(factory.propertyNames()).contains("connectionId", "duplicateCheckFields", "schedule");
        String uri = factory.buildUri("zoho-crm", Map.of("operation", "upsert", "module", "Leads",
                "duplicateCheckFields", "Email"), false);
        assertThat(uri).isEqualTo("zoho-crm:upsert/Leads?duplicateCheckFields=Email");
    }
}
