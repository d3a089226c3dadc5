package io.zohoconnect.gateway;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway as a plain servlet on {@code /proxy/*}: bodies stream straight between the caller's connection and
 * Zoho's, which a Camel route (that reads the body into the message) would not do. Spring Security's filters run
 * before it, as for every path.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    ServletRegistrationBean<GatewayServlet> gatewayServlet(ZohoForwarder forwarder, ProxySettings settings,
            MeterRegistry meters) {
        ServletRegistrationBean<GatewayServlet> registration = new ServletRegistrationBean<>(
                new GatewayServlet(forwarder, settings, meters), GatewayServlet.PREFIX + "*");
        registration.setName("zohoGateway");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
