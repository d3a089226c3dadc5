package io.zohoconnect.web;

import java.io.IOException;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Every error the service answers — from filters, the firewall or Tomcat itself — is in the service's shape. */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    /** Runs before Spring Security, so malformed requests never reach a place that fails with a 500. */
    @Bean
    FilterRegistrationBean<RequestGuardFilter> requestGuard() {
        FilterRegistrationBean<RequestGuardFilter> registration = new FilterRegistrationBean<>(new RequestGuardFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Spring Security's firewall refusals (";" in paths, encoded "//"…) are a 400, not a rethrown 500. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            try {
                ErrorBodies.write(response, request.getRequestURI(), 400, "invalid_request",
                        "The request was refused: its URL holds characters or sequences that are not allowed.");
            } catch (IOException e) {
                // the client is gone
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
