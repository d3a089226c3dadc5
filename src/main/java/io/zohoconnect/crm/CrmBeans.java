package io.zohoconnect.crm;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.crm.wire.CrmWire;

import org.apache.camel.CamelContext;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CrmBeans {

    /**
     * The http component's header filter (camel.component.http.header-filter-strategy): besides
     * Camel's own headers, the service's {@code Zoho*} headers never become HTTP request headers,
     * whatever endpoint a route sends to.
     */
    @Bean
    HeaderFilterStrategy zohoHeaderFilter() {
        HttpHeaderFilterStrategy strategy = new HttpHeaderFilterStrategy();
        strategy.setOutFilterStartsWith("Camel", "camel", "org.apache.camel.", "Zoho");
        return strategy;
    }

    /** Zoho's CRM wire format, read with the service's Jackson settings. */
    @Bean
    CrmWire crmWire(ObjectMapper json) {
        return new CrmWire(json);
    }

    /** Without the API-credit ledger, attempts are counted by nobody. */
    @Bean
    @ConditionalOnMissingBean(CallAccounting.class)
    CallAccounting noCallAccounting() {
        return CallAccounting.NONE;
    }

    /** Redeliveries wait as long as Camel's error handler decided (tests replace this to record the waits). */
    @Bean
    RedeliveryDelays redeliveryDelays() {
        return RedeliveryDelays.AS_ASKED;
    }

    /**
     * The call route's redelivery timer; a retried call runs on one of its
     * threads, so this also bounds how many calls are being retried at once on this node.
     */
    @Bean
    CrmRedeliveryTimer crmRedeliveryTimer(CamelContext camel, RedeliveryDelays delays) {
        return new CrmRedeliveryTimer(camel, delays);
    }
}
