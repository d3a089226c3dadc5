package io.zohoconnect.web.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.zohoconnect.web.WebErrorHandling;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code GET /assets/dashboard.js}: the dashboard's small script, from the jar (no CDN: the service
 * works offline). Open to anyone, like a stylesheet: it holds nothing but the copy-to-clipboard code.
 */
@Component
public class DashboardAssets extends RouteBuilder {

    public static final String SCRIPT_PATH = "/assets/dashboard.js";

    private final String script;

    DashboardAssets() {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dashboard/dashboard.js")) {
            if (in == null) {
                throw new IllegalStateException("dashboard/dashboard.js is missing from the jar");
            }
            this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void configure() {
        from("platform-http:" + SCRIPT_PATH + "?httpMethodRestrict=GET").routeId("zoho-dashboard-assets")
                .routeConfigurationId(WebErrorHandling.ID)
                .process(this::serve);
    }

    private void serve(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/javascript; charset=utf-8");
        exchange.getMessage().setHeader("Cache-Control", "max-age=3600");
        exchange.getMessage().setBody(script);
    }
}
