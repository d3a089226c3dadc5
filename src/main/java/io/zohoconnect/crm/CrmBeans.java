package io.zohoconnect.crm;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CrmBeans {

    @Bean
    Sleeper sleeper() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
