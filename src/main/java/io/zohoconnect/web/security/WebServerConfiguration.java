package io.zohoconnect.web.security;

import java.io.IOException;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.web.JsonErrorReportValve;
import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The servlet container's edge: who the client is ({@link TrustedProxies}), how many sessions may live
 * ({@link BoundedSessions}), and every error — from filters, the firewall or Tomcat itself — in the service's shape.
 */
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
                ProblemResponses.write(request, response, new Problem(400, "invalid_request",
                        "The request was refused: its URL holds characters or sequences that are not allowed."));
            } catch (IOException e) {
                // the client is gone
            }
        };
    }

    /**
     * Forwarded headers count only from {@code zoho.trusted-proxies}, decided by one valve. Spring Boot's own
     * handling ({@code server.forward-headers-strategy=native} or {@code framework}, {@code server.tomcat.remoteip.*})
     * would believe them from every private address besides, so start-up refuses it.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(TrustedProxies proxies, ServerProperties server) {
        return factory -> {
            // a RemoteIpValve is what native (also when Boot deduces it on a cloud platform) and remoteip.* headers add
            boolean remoteIpValve = factory.getEngineValves().stream().anyMatch(RemoteIpValve.class::isInstance);
            ServerProperties.ForwardHeadersStrategy strategy = server.getForwardHeadersStrategy();
            if (remoteIpValve || strategy == ServerProperties.ForwardHeadersStrategy.NATIVE
                    || strategy == ServerProperties.ForwardHeadersStrategy.FRAMEWORK) {
                throw new WebServerException("server.forward-headers-strategy must stay 'none' and server.tomcat.remoteip.*"
                        + " unset: they trust forwarded headers from every private address. Name your reverse proxies in"
                        + " zoho.trusted-proxies (ZOHO_TRUSTED_PROXIES) instead, e.g. 10.0.0.0/8", null);
            }
            factory.addEngineValves(new TrustedProxyValve(proxies));
        };
    }

    /** At most {@code zoho.admin.max-sessions} live sessions (only logins make them). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> boundedSessions(ZohoProperties properties) {
        return factory -> factory.addContextCustomizers(context ->
                context.setManager(new BoundedSessions(properties.admin().maxSessions())));
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
