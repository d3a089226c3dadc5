package io.zohoconnect.crm;

import java.util.regex.Pattern;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.wire.CrmWire;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The documented {@code direct:} entries (DESIGN.md "Camel contract"), kept as thin wrappers over the
 * {@code zoho-crm} component: {@code direct:zoho-crm} is {@code zoho-crm:raw};
 * {@code direct:zoho-crm-write} is {@code zoho-crm:{ZohoWriteOperation}/{ZohoModule}} with its
 * summary as JSON text, as before the component.
 */
@Component
class CrmRoutes extends RouteBuilder {

    static final String CRM = "direct:zoho-crm";
    static final String WRITE = "direct:zoho-crm-write";
    private static final Pattern WRITE_OPERATION = Pattern.compile("(?i)insert|update|upsert|delete");

    private final CrmWire wire;

    CrmRoutes(CrmWire wire) {
        this.wire = wire;
    }

    @Override
    public void configure() {
        // failures belong to the calling route (its onException decides): no logging or redelivery here
        from(CRM).routeId("zoho-crm").errorHandler(noErrorHandler())
                .to("zoho-crm:raw");

        from(WRITE).routeId("zoho-crm-write").errorHandler(noErrorHandler())
                .process(CrmRoutes::checkWriteHeaders)
                .toD("zoho-crm:${header." + ZohoHeaders.WRITE_OPERATION + "}/${header." + ZohoHeaders.MODULE + "}")
                .process(exchange -> {
                    exchange.getMessage().setBody(wire.write(exchange.getMessage().getBody()));
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                });
    }

    /** The headers become part of an endpoint URI: only a module name and a write operation may. */
    private static void checkWriteHeaders(Exchange exchange) {
        Message in = exchange.getMessage();
        String module = in.getHeader(ZohoHeaders.MODULE, String.class);
        if (!ModuleNames.valid(module)) {
            throw new IllegalArgumentException("header " + ZohoHeaders.MODULE + " must name a CRM module such as Leads, got "
                    + (module == null ? "nothing" : "'" + module + "'"));
        }
        String operation = in.getHeader(ZohoHeaders.WRITE_OPERATION, String.class);
        if (operation == null || !WRITE_OPERATION.matcher(operation.trim()).matches()) {
            throw new IllegalArgumentException("header " + ZohoHeaders.WRITE_OPERATION + " must be one of insert, update,"
                    + " upsert, delete, got " + (operation == null ? "nothing" : "'" + operation + "'"));
        }
        in.setHeader(ZohoHeaders.WRITE_OPERATION, operation.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
