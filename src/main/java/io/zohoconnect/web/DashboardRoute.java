package io.zohoconnect.web;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.datacenter.DataCenters;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** {@code GET /}: the connections table and a connect form (login required; the form POSTs with its CSRF token). */
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
                        pages.dashboard(connections.listStatuses(null, 500), dataCenters.all(), ServletExchange.csrfField(exchange))));
    }
}
