package io.zohoconnect.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleAuditTest {

    @ParameterizedTest
    @CsvSource({"connection.created,success", "connection.refreshed,success", "connection.revoked,success",
            "connection.deleted,success", "connection.refresh_failed,failure", "connection.needs_reauth,failure",
            "connection.client_misconfigured,failure", "connection.revoke_pending,pending",
            "connection.org_change_refused,refused"})
    void eachLifecycleEventHasTheOutcomeItMeansForTheConnection(String type, String outcome) {
        assertThat(LifecycleAudit.outcomeOf(type)).isEqualTo(outcome);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Zoho refused 1000.0a1b2c3d4e5f.99aa88bb77cc|Zoho refused [redacted]",
            "header Zoho-oauthtoken abc.def sent|header Zoho-oauthtoken [redacted] sent",
            "url ?refresh_token=r1&x=1|url ?refresh_token=[redacted]&x=1",
            "connection acme-eu refreshed|connection acme-eu refreshed"})
    void detailsAreScrubbedOfAnythingTokenShaped(String detail, String stored) {
        assertThat(AuditTrail.scrub(detail)).isEqualTo(stored);
    }
}
