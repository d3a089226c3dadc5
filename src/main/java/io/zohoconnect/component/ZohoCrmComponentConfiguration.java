package io.zohoconnect.component;

import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.ZohoApiSettings;
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.sync.ConsumerSyncs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code zoho-crm} component under its scheme, configured from {@code camel.component.zoho-crm.*}. */
@Configuration(proxyBeanMethods = false)
class ZohoCrmComponentConfiguration {

    @Bean("zoho-crm")
    ZohoCrmComponent zohoCrmComponent(ZohoCrmComponentSettings settings, CrmCalls calls, CrmWire wire,
            ConsumerSyncs consumerSyncs, ZohoApiSettings properties) {
        ZohoCrmComponent component = new ZohoCrmComponent();
        component.setCalls(calls);
        component.useWire(wire);
        component.setConsumerSyncs(consumerSyncs);
        component.setConnectionId(settings.connectionId());
        component.setDeadLetterUri(settings.deadLetterUri() != null ? settings.deadLetterUri()
                : properties.crm().writeDeadLetterUri());
        return component;
    }
}
