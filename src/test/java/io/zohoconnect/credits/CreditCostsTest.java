package io.zohoconnect.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.zohoconnect.crm.CrmRequest;

import org.junit.jupiter.api.Test;

/** Zoho's v8 credit table (src/docs/CREDITS.md), as the ledger charges it. */
class CreditCostsTest {

    private final CreditCosts costs = new CreditCosts(settings(Map.of()));

    @Test
    void mostCallsCostOneCredit() {
        assertThat(costs.of(CrmRequest.get("c", "/crm/v8/Leads", "fields=Last_Name&per_page=200"))).isEqualTo(1);
        assertThat(costs.of(CrmRequest.get("c", "Leads/search", "word=x"))).isEqualTo(1);
        assertThat(costs.of(new CrmRequest("c", "POST", "/coql", null, "{\"select_query\":\"…\"}", Map.of()))).isEqualTo(1);
        assertThat(costs.of(CrmRequest.get("c", "/crm/bulk/v8/read/123", null))).as("job status").isEqualTo(1);
    }

    @Test
    void theCallsZohoPricesHigherCostWhatItsTableSays() {
        assertThat(costs.of(CrmRequest.get("c", "/crm/v8/Leads/deleted", "type=all"))).isEqualTo(2);
        assertThat(costs.of(CrmRequest.get("c", "Leads", "fields=a&cvid=42"))).isEqualTo(3);
        assertThat(costs.of(new CrmRequest("c", "POST", "/Leads/1/actions/convert", null, "{}", Map.of()))).isEqualTo(5);
        assertThat(costs.of(new CrmRequest("c", "POST", "/crm/bulk/v8/read", null, "{}", Map.of()))).isEqualTo(50);
        assertThat(costs.of(new CrmRequest("c", "POST", "/crm/bulk/v8/write", null, "{}", Map.of()))).isEqualTo(500);
    }

    @Test
    void writesCostOneCreditPerStartedTenRecords() {
        assertThat(costs.of(write("/Leads", records(1)))).isEqualTo(1);
        assertThat(costs.of(write("/Leads", records(10)))).isEqualTo(1);
        assertThat(costs.of(write("/Leads", records(11)))).isEqualTo(2);
        assertThat(costs.of(write("/Leads/upsert", records(100)))).isEqualTo(10);
        assertThat(costs.of(new CrmRequest("c", "PUT", "Contacts", null, records(25), Map.of()))).isEqualTo(3);
    }

    @Test
    void recordsAreCountedWithoutBeingFooledByNestingOrStrings() {
        assertThat(RecordCount.of("{\"data\":[{\"a\":\"x,y]\",\"b\":[1,2,{\"c\":\"}\"}]},{\"a\":\"\\\"],\"}]}")).isEqualTo(2);
        assertThat(RecordCount.of("{\"trigger\":[],\"data\":[ ]}")).isEqualTo(1);
        assertThat(RecordCount.of("not json")).isEqualTo(1);
    }

    @Test
    void theTableCanBeOverriddenPerKindAndRefusesNonsense() {
        CreditCosts custom = new CreditCosts(settings(Map.of("deleted-records", 7, "default", 2)));

        assertThat(custom.of(CrmRequest.get("c", "Leads/deleted", null))).isEqualTo(7);
        assertThat(custom.of(CrmRequest.get("c", "Leads", "fields=a"))).isEqualTo(2);
        assertThatThrownBy(() -> new CreditCosts(settings(Map.of("default", -1))))
                .hasMessageContaining("zoho.credits.costs.default");
    }

    @Test
    void allowanceFollowsZohosFormula() {
        assertThat(OrgAllowances.zohoAllowance(io.zohoconnect.crm.ZohoEdition.FREE, 100)).isEqualTo(5_000);
        assertThat(OrgAllowances.zohoAllowance(io.zohoconnect.crm.ZohoEdition.STANDARD, 10)).isEqualTo(52_500);
        assertThat(OrgAllowances.zohoAllowance(io.zohoconnect.crm.ZohoEdition.STANDARD, 1_000)).isEqualTo(100_000);
        assertThat(OrgAllowances.zohoAllowance(io.zohoconnect.crm.ZohoEdition.ENTERPRISE, 100)).isEqualTo(150_000);
        assertThat(OrgAllowances.zohoAllowance(io.zohoconnect.crm.ZohoEdition.ULTIMATE, 10_000)).isEqualTo(20_050_000);
    }

    @Test
    void thresholdLevelsAreFiftyEightyAndAHundredPercent() {
        assertThat(CreditThresholds.levelOf(49, 100)).isZero();
        assertThat(CreditThresholds.levelOf(50, 100)).isEqualTo(50);
        assertThat(CreditThresholds.levelOf(99, 100)).isEqualTo(80);
        assertThat(CreditThresholds.levelOf(100, 100)).isEqualTo(100);
    }

    private static CrmRequest write(String path, String body) {
        return new CrmRequest("c", "POST", path, null, body, Map.of());
    }

    private static String records(int n) {
        StringBuilder body = new StringBuilder("{\"data\":[");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Last_Name\":\"L").append(i).append("\",\"Tags\":[{\"name\":\"a\"}]}");
        }
        return body.append("],\"trigger\":[\"workflow\"]}").toString();
    }

    private static CreditSettings settings(Map<String, Integer> costs) {
        return new CreditSettings(0.5, costs, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
}
