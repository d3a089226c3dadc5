package io.zohoconnect.amqp;

import io.zohoconnect.crm.CrmConnectionSettings;
import io.zohoconnect.crm.CrmSettings;

/**
 * How many messages of the writes queue are worked on at once: {@code consumers} × {@code prefetch}
 * unacknowledged. Each consumer makes one CRM call at a time, so more consumers than the highest
 * CRM concurrency limit of any org would only wait for call slots (and hold more messages a crash
 * hands back): such a setting is refused at start-up.
 */
public record WriteConsumers(int consumers, int prefetch) {

    static WriteConsumers of(AmqpProperties settings, CrmSettings crm) {
        int highest = crm.defaultEdition().concurrentCalls();
        for (CrmConnectionSettings connection : crm.connections().values()) {
            if (connection.maxConcurrency() != null) {
                highest = Math.max(highest, connection.maxConcurrency());
            } else if (connection.edition() != null) {
                highest = Math.max(highest, connection.edition().concurrentCalls());
            }
        }
        int consumers = settings.consumers() == null ? crm.defaultEdition().concurrentCalls() : settings.consumers();
        if (consumers > highest) {
            throw new IllegalStateException("zoho.amqp.consumers (" + consumers + ") is above the highest CRM concurrency limit"
                    + " of any org (" + highest + ", from zoho.crm.default-edition and zoho.crm.connections.*): the extra"
                    + " consumers would only wait for call slots. Lower it, or raise the limits.");
        }
        return new WriteConsumers(consumers, settings.prefetch());
    }
}
