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

    /** The threads of the call path's waits (retries, org slots): a Camel pool, see {@link CrmRetryScheduler}. */
    @Bean
    CrmRetryScheduler crmRetryScheduler(CamelContext camel) {
        return CrmRetryScheduler.camelPool(camel);
    }

    /** No accounting of calls unless the service has one (a bean of its own type replaces this). */
    @Bean
    @ConditionalOnMissingBean(CallAccounting.class)
    CallAccounting callAccounting() {
        return CallAccounting.NONE;
    }
}
