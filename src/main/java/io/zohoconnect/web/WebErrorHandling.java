package io.zohoconnect.web;

import io.zohoconnect.connection.DatabaseReachability;
import io.zohoconnect.credentials.TokenUnavailableException;
import io.zohoconnect.crm.MissingConnectionIdException;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every HTTP route: an {@link ApiException} becomes its status with a
 * {@link Problem} (or a page for the routes people use, decided by {@link ProblemResponses}); an unreachable database a 503
 * {@code database_unavailable} with {@code Retry-After} (said once by {@link DatabaseReachability}, not
 * per request); anything else is logged and becomes a 500 that says nothing about internals. Never a
 * stack trace on the wire.
 */
@Component
public class WebErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "web-errors";
    private static final Logger log = LoggerFactory.getLogger(WebErrorHandling.class);
    /** Seconds a caller is asked to wait when the database is unreachable. */
    public static final String DATABASE_RETRY_AFTER = "5";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiException.class).handled(true)
                .process(exchange -> {
                    ApiException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ApiException.class);
                    respond(exchange, e.status(), e.error(), e.getMessage());
                })
                .end()
                // a route's zohoAuth step without a connection id (e.g. an example route's empty parameter)
                .onException(MissingConnectionIdException.class).handled(true)
                .process(exchange -> respond(exchange, 400, "invalid_connection_id", "Name the connection: "
                        + exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                .end()
                .onException(TokenUnavailableException.class).handled(true)
                .process(exchange -> {
                    TokenUnavailableException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                            TokenUnavailableException.class);
                    switch (e.reason()) {
                        case UNKNOWN_CONNECTION -> respond(exchange, 404, "not_found", e.getMessage());
                        case NEEDS_REAUTH -> respond(exchange, 409, "needs_reauth", e.getMessage());
                        case REVOKE_PENDING -> respond(exchange, 409, "revoke_pending", e.getMessage());
                        case DATABASE_UNAVAILABLE -> databaseUnavailable(exchange, e.getMessage());
                        default -> respond(exchange, 503, "token_unavailable", e.getMessage());
                    }
                })
                .end()
                .onException(Exception.class).onWhen(exchange -> DatabaseReachability.isOutage(exchange.getException()))
                .handled(true)
                .process(exchange -> databaseUnavailable(exchange, "The database is unreachable ("
                        + DatabaseReachability.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                        + "). Try again shortly."))
                .end()
                .onException(Exception.class).handled(true)
                .process(exchange -> {
                    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    log.error("Unexpected failure in route {}: {}", exchange.getFromRouteId(), e.toString(), e);
                    respond(exchange, 500, "internal_error", "Something went wrong on our side. It has been logged.");
                })
                .end();
    }

    private static void databaseUnavailable(Exchange exchange, String message) {
        respond(exchange, 503, "database_unavailable", message);
        exchange.getMessage().setHeader("Retry-After", DATABASE_RETRY_AFTER);
    }

    private static void respond(Exchange exchange, int status, String error, String message) {
        ProblemResponses.write(exchange, new Problem(status, error, message));
    }
}
