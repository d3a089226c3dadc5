package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmScopes.Operation.CREATE;
import static io.zohoconnect.simulator.CrmScopes.Operation.DELETE;
import static io.zohoconnect.simulator.CrmScopes.Operation.READ;
import static io.zohoconnect.simulator.CrmScopes.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which scopes reach which records and metadata (ZOHO-API.md §11). */
class CrmScopesTest {

    @Test
    void modulesAllReachesEveryModuleAndOperation() {
        List<String> scopes = List.of("ZohoCRM.modules.ALL");

        assertThat(CrmScopes.allowsRecords(scopes, "Leads", false, DELETE)).isTrue();
        assertThat(CrmScopes.allowsRecords(scopes, "Invoices", true, CREATE)).isTrue();
        assertThat(CrmScopes.allowsSettings(scopes, "fields")).isFalse();
    }

    @Test
    void aModuleScopeReachesOnlyThatModuleAndOperation() {
        List<String> scopes = List.of("ZohoCRM.modules.leads.READ", "zohocrm.modules.contacts.write");

        assertThat(CrmScopes.allowsRecords(scopes, "Leads", false, READ)).isTrue();
        assertThat(CrmScopes.allowsRecords(scopes, "Leads", false, UPDATE)).isFalse();
        assertThat(CrmScopes.allowsRecords(scopes, "Contacts", false, UPDATE)).isTrue();
        assertThat(CrmScopes.allowsRecords(scopes, "Contacts", false, READ)).isFalse();
        assertThat(CrmScopes.allowsRecords(scopes, "Deals", false, READ)).isFalse();
    }

    @Test
    void customModulesAreReachedByTheCustomScopeToo() {
        List<String> scopes = List.of("ZohoCRM.modules.custom.ALL");

        assertThat(CrmScopes.allowsRecords(scopes, "Invoices", true, DELETE)).isTrue();
        assertThat(CrmScopes.allowsRecords(scopes, "Leads", false, READ)).isFalse();
    }

    @Test
    void settingsScopesReachMetadata() {
        assertThat(CrmScopes.allowsSettings(List.of("ZohoCRM.settings.ALL"), "modules")).isTrue();
        assertThat(CrmScopes.allowsSettings(List.of("ZohoCRM.settings.READ"), "fields")).isTrue();
        assertThat(CrmScopes.allowsSettings(List.of("ZohoCRM.settings.modules.READ"), "fields")).isFalse();
        assertThat(CrmScopes.allowsSettings(List.of("ZohoCRM.settings.fields.ALL"), "fields")).isTrue();
    }
}
