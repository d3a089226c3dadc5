package io.zohoconnect.credentials;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The one way out to Zoho's accounts servers. The URL comes in {@code CamelHttpUri}; timeouts and
 * cookies are the http component's ({@code camel.component.http.*}: no cookie jar). Non-2xx answers
 * are returned, not thrown: Zoho's error shapes are read by {@link TokenResponseParser}. The URI names
 * endpoint options only: the http component is lenient, and an option it does not know would be sent to
 * Zoho as a query parameter ({@code OutboundZohoCallsTest}).
 */
@Component
class ZohoAccountsRoute extends RouteBuilder {

    @Override
    public void configure() {
        // IO failures are classified by ZohoTokenClient, which logs what matters without tokens
        from(ZohoTokenClient.ENDPOINT).routeId("zoho-accounts").errorHandler(noErrorHandler())
                .to("http://zoho-accounts?throwExceptionOnFailure=false&followRedirects=false&skipResponseHeaders=true")
                .convertBodyTo(String.class);
    }
}
