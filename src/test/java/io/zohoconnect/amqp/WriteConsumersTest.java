package io.zohoconnect.amqp;

import java.time.Duration;
import java.util.Map;

import io.zohoconnect.crm.CrmConnectionSettings;
import io.zohoconnect.crm.CrmSettings;
import io.zohoconnect.crm.ZohoEdition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Consumers of the writes queue are bounded by the CRM concurrency limit. */
class WriteConsumersTest {

    @Test
    void byDefaultThereAreAsManyConsumersAsTheDefaultEditionAllowsConcurrentCalls() {
        assertThat(WriteConsumers.of(amqp(null), crm(ZohoEdition.PROFESSIONAL, Map.of())).consumers()).isEqualTo(15);
    }

    @Test
    void moreConsumersThanAnyOrgMayCallAtOnceAreRefused() {
        assertThatThrownBy(() -> WriteConsumers.of(amqp(21), crm(ZohoEdition.ENTERPRISE, Map.of())))
                .hasMessageContaining("zoho.amqp.consumers (21) is above the highest CRM concurrency limit of any org (20,");
    }

    @Test
    void anOrgWithAHigherConfiguredLimitRaisesTheBound() {
        var big = new CrmConnectionSettings(null, 25);
        assertThat(WriteConsumers.of(amqp(25), crm(ZohoEdition.ENTERPRISE, Map.of("big", big))).consumers()).isEqualTo(25);
    }

    private static AmqpProperties amqp(Integer consumers) {
        return new AmqpProperties(true, "w", "d", "h", "r", "e", consumers, 1, 5, Duration.ofSeconds(30), Duration.ofHours(24));
    }

    private static CrmSettings crm(ZohoEdition edition, Map<String, CrmConnectionSettings> connections) {
        return new CrmSettings(edition, connections, 3, Duration.ofMillis(500), Duration.ofSeconds(20),
                Duration.ofSeconds(60), "log:x");
    }
}
