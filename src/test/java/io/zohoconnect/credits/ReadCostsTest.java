package io.zohoconnect.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The arithmetic of {@code readPath=auto} (src/docs/CREDITS.md, "The cheapest read"), by Zoho's cost table. */
class ReadCostsTest {

    private final ReadCosts zoho = costs(Map.of());

    @Test
    void per100000RecordsListingCosts500CreditsAndBulkRead53() {
        ReadCosts.Estimate estimate = zoho.estimate(100_000, 20);

        assertThat(estimate.listing()).isEqualTo(500);
        assertThat(estimate.bulk()).as("one job: initialize 50, a status call, the download, the field metadata").isEqualTo(53);
        assertThat(estimate.coql()).as("COQL reaches only 10,000 rows").isEqualTo(Long.MAX_VALUE);
        assertThat(estimate.cheapest()).isEqualTo(ReadCosts.Path.BULK);
    }

    @Test
    void listingIsCheaperUpTo10600RecordsBulkReadAbove() {
        assertThat(zoho.estimate(0, 5).cheapest()).isEqualTo(ReadCosts.Path.LISTING);
        assertThat(zoho.estimate(10_000, 5).coql()).as("COQL costs what listing costs").isEqualTo(50);
        assertThat(zoho.estimate(10_000, 5).cheapest()).isEqualTo(ReadCosts.Path.LISTING);
        assertThat(zoho.estimate(10_600, 5).listing()).isEqualTo(53);
        assertThat(zoho.estimate(10_600, 5).cheapest()).as("a tie lists").isEqualTo(ReadCosts.Path.LISTING);
        assertThat(zoho.estimate(10_601, 5).cheapest()).isEqualTo(ReadCosts.Path.BULK);
    }

    @Test
    void moreThan50FieldsMultiplyTheListingsCallsNotBulkReads() {
        ReadCosts.Estimate wide = zoho.estimate(6_000, 120); // three field groups of 50

        assertThat(wide.listing()).isEqualTo(90);
        assertThat(wide.bulk()).isEqualTo(53);
        assertThat(wide.cheapest()).isEqualTo(ReadCosts.Path.BULK);
    }

    @Test
    void theCostTableSettingsMoveTheChoice() {
        ReadCosts dearBulk = costs(Map.of("bulk-read", 500));

        assertThat(dearBulk.estimate(50_000, 10).bulk()).isEqualTo(503);
        assertThat(dearBulk.estimate(50_000, 10).cheapest()).isEqualTo(ReadCosts.Path.LISTING);
        assertThat(dearBulk.estimate(500_000, 10).bulk()).as("three jobs of 200,000").isEqualTo(3 * 502 + 1);
    }

    private static ReadCosts costs(Map<String, Integer> table) {
        return new ReadCosts(new CreditCosts(new CreditSettings(0.5, table, Duration.ofSeconds(1), Duration.ofMinutes(1))));
    }
}
