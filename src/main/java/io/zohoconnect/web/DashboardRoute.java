package io.zohoconnect.web;

import jakarta.servlet.http.HttpServletRequest;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.datacenter.DataCenters;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/** {@code GET /}: the connections table and a connect form (login required). */
@Component
class DashboardRoute extends RouteBuilder {

    private final ConnectionStore connections;
    private final DataCenters dataCenters;
    private final Pages pages;
    private final WebResponses responses;

    DashboardRoute(ConnectionStore connections, DataCenters dataCenters, Pages pages, WebResponses responses) {
        this.connections = connections;
        this.dataCenters = dataCenters;
        this.pages = pages;
        this.responses = responses;
    }

    @Override
    public void configure() {
        from("platform-http:/?httpMethodRestrict=GET").routeId("zoho-dashboard")
                .routeConfigurationId(WebErrorHandling.ID)
                .setProperty(WebErrorHandling.HTML, constant(true))
                .process(exchange -> responses.html(exchange, 200,
                        pages.dashboard(connections.listStatuses(null, 500), dataCenters.all(), csrfField(exchange))));
    }

    /** The hidden CSRF field for the logout form, taken from the servlet request Spring Security prepared. */
    private static String csrfField(Exchange exchange) {
        if (exchange.getMessage() instanceof PlatformHttpMessage message) {
            HttpServletRequest request = message.getRequest();
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                return "<input type=\"hidden\" name=\"" + Html.escape(token.getParameterName()) + "\" value=\""
                        + Html.escape(token.getToken()) + "\">";
            }
        }
        return "";
    }
}
