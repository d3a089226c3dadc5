package io.zohoconnect.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What of Zoho's org answer is kept: an id as it is or not at all, labels cut to their columns. */
class ZohoOrgTest {

    @Test
    void aZohoOrgIdIsKeptAsItIs() {
        assertThat(ZohoOrg.fromZoho("4150868000000224001", "Acme", "enterprise"))
                .contains(new ZohoOrg("4150868000000224001", "Acme", "enterprise"));
        assertThat(ZohoOrg.fromZoho("9".repeat(64), null, null)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1234 5678", "123\r\n456", "123\u0000", "org/1", "<script>"})
    void anIdThatIsNotOneMakesTheOrgUnknown(String id) {
        assertThat(ZohoOrg.fromZoho(id, "Acme", "free")).isEmpty();
    }

    @Test
    void anIdLongerThanItsColumnMakesTheOrgUnknownRatherThanCut() {
        // cut to 64, it would equal the id of another org that shares the prefix
        assertThat(ZohoOrg.fromZoho("9".repeat(65), "Acme", "free")).isEmpty();
        assertThat(ZohoOrg.fromZoho(null, "Acme", "free")).isEmpty();
    }

    @Test
    void nameAndEditionAreCutToTheirColumnsWithoutSplittingACharacter() {
        ZohoOrg org = ZohoOrg.fromZoho("1", "x".repeat(254) + "😀", "e".repeat(40)).orElseThrow();
        assertThat(org.name()).isEqualTo("x".repeat(254));
        assertThat(org.edition()).hasSize(ZohoOrg.MAX_EDITION_LENGTH);
        assertThat(ColumnText.fit("ab😀", 4)).isEqualTo("ab😀");
        assertThat(ColumnText.fit("ab😀c", 3)).isEqualTo("ab");
    }
}
