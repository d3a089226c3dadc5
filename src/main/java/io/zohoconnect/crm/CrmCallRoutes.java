package io.zohoconnect.crm;

import io.zohoconnect.connection.ZohoHeaders;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The CRM call path, built from Camel's parts (issue 11 item 4):
 * <ul>
 * <li>{@code zoho-crm-call}: holds a call slot of the connection's org — {@code throttle} in
 * concurrent-requests mode keyed by connection, sized by {@link OrgConcurrencyLimits} — and
 * redelivers failed attempts: once at once after a token refresh; after 429 with
 * {@code Retry-After} as the delay ({@code CamelRedeliveryDelay}) or exponential backoff with
 * jitter; after 5xx, IO errors and truncated bodies only when the call is safe to repeat. Waits run
 * on the redelivery timer, not on the caller's thread.</li>
 * <li>{@code zoho-crm-attempt}: one HTTP exchange with Zoho, classified by {@link CrmAttempt}.</li>
 * <li>{@code zoho-crm-http}: the plain HTTP hop: the URL comes from {@code CamelHttpUri} (set by
 * zohoAuth), error answers come back as answers, the http component never retries by itself and keeps
 * no cookies (both component options, in application.yml). Its URI names endpoint options only: the http
 * component is lenient, and an option it does not know would reach Zoho as a query parameter.</li>
 * </ul>
 * Nothing here logs a request's headers or body: exhausted failures go back to the caller as they are.
 */
@Component
class CrmCallRoutes extends RouteBuilder {

    static final String CALL = "direct:zoho-crm-call";
    static final String ATTEMPT = "direct:zoho-crm-attempt";
    static final String HTTP = "direct:zoho-crm-http";

    private final CrmAttempt attempt;
    private final OrgConcurrencyLimits limits;
    private final CrmRedeliveryTimer timer;
    private final CrmSettings settings;

    CrmCallRoutes(CrmAttempt attempt, OrgConcurrencyLimits limits, CrmRedeliveryTimer timer, ZohoApiSettings properties) {
        this.attempt = attempt;
        this.timer = timer;
        this.limits = limits;
        this.settings = properties.crm();
    }

    @Override
    public void configure() {
        from(CALL).routeId("zoho-crm-call")
                .errorHandler(defaultErrorHandler().executorService(timer.executor())
                        .logExhausted(false).logStackTrace(false).logRetryAttempted(false).logHandled(false)
                        .logExhaustedMessageHistory(false).logExhaustedMessageBody(false))
                .onException(CrmCallFailures.TokenRejected.class)
                    .maximumRedeliveries(1).redeliveryDelay(0)
                    .logExhausted(false).logStackTrace(false).logRetryAttempted(false)
                .end()
                .onException(CrmCallFailures.Retryable.class)
                    .maximumRedeliveries(settings.maxRetries())
                    .redeliveryDelay(settings.initialBackoff().toMillis())
                    .useExponentialBackOff().backOffMultiplier(2)
                    .maximumRedeliveryDelay(Math.max(settings.maxBackoff().toMillis(), settings.maxRetryAfter().toMillis()))
                    .useCollisionAvoidance() // ±15 %: callers that failed together do not come back together
                    .asyncDelayedRedelivery()
                    .onRedelivery(attempt::logRetry)
                    .logExhausted(false).logStackTrace(false).logRetryAttempted(false)
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .end()
                .throttle(method(limits, "limitOf(${header." + ZohoHeaders.CONNECTION_ID + "})"))
                    .correlationExpression(header(ZohoHeaders.CONNECTION_ID)).concurrentRequestsMode()
                .to(ATTEMPT);

        // no error handler: a failed attempt goes back to zoho-crm-call, whose clauses decide
        from(ATTEMPT).routeId("zoho-crm-attempt").errorHandler(noErrorHandler())
                .process(attempt::prepare)
                .doTry()
                    .to(HTTP)
                .doCatch(Exception.class)
                    .process(attempt::noAnswer)
                .end()
                .process(attempt::classify);

        from(HTTP).routeId("zoho-crm-http").errorHandler(noErrorHandler())
                .to("http://zoho-api?throwExceptionOnFailure=false&followRedirects=false")
                .convertBodyTo(String.class);
    }
}
