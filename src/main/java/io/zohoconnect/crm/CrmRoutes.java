package io.zohoconnect.crm;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code direct:zoho-crm}: one CRM call for a connection (see {@link ZohoCrmCall});
 * {@code direct:zoho-crm-write}: batched writes (see {@link CrmWrites}); and the plain
 * HTTP hop it uses. The HTTP endpoint takes its URL from {@code CamelHttpUri} (set by zohoAuth),
 * returns error answers instead of throwing, and leaves retries to {@link ZohoCrmCall}.
 */
@Component
class CrmRoutes extends RouteBuilder {

    static final String CRM = "direct:zoho-crm";
    static final String WRITE = "direct:zoho-crm-write";

    private final ZohoCrmCall call;
    private final CrmWrites writes;

    CrmRoutes(ZohoCrmCall call, CrmWrites writes) {
        this.call = call;
        this.writes = writes;
    }

    @Override
    public void configure() {
        // failures belong to the calling route (its onException decides): no logging or redelivery here
        from(CRM).routeId("zoho-crm").errorHandler(noErrorHandler())
                .process(call);

        from(WRITE).routeId("zoho-crm-write").errorHandler(noErrorHandler())
                .process(writes);

        from(ZohoCrmCall.HTTP_ENDPOINT).routeId("zoho-crm-http").errorHandler(noErrorHandler())
                .to("http://zoho-api?throwExceptionOnFailure=false&followRedirects=false&cookieManagementDisabled=true")
                .convertBodyTo(String.class);
    }
}
