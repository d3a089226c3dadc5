package io.zohoconnect.oauth;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The one way out to Zoho's accounts servers. The URL comes in {@code CamelHttpUri}; timeouts are
 * the http component's ({@code camel.component.http.*-timeout}). Non-2xx answers are returned, not
 * thrown: Zoho's error shapes are read by {@link TokenResponseParser}.
 */
@Component
class ZohoAccountsRoute extends RouteBuilder {

    @Override
    public void configure() {
        // IO failures are classified by ZohoTokenClient, which logs what matters without tokens
        from(ZohoTokenClient.ENDPOINT).routeId("zoho-accounts").errorHandler(noErrorHandler())
                .to("http://zoho-accounts?throwExceptionOnFailure=false&followRedirects=false"
                        + "&cookieManagementDisabled=true&skipResponseHeaders=true")
                .convertBodyTo(String.class);
    }
}
