package io.zohoconnect.crm;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.stereotype.Component;

/**
 * One plain HTTP exchange with Zoho through Camel's http component, configured in application.yml (timeouts,
 * no retries of its own, no cookies, the header filter): error answers come back as answers. Its URI names
 * endpoint options only: the http component is lenient, and an option it does not know would reach Zoho as
 * a query parameter. Nothing here logs a request's headers or body.
 */
@Component
public final class CrmHttp implements AutoCloseable {

    private static final String ENDPOINT = "http://zoho-api?throwExceptionOnFailure=false&followRedirects=false";

    private final CamelContext camel;
    private volatile AsyncProducer producer;

    public CrmHttp(CamelContext camel) {
        this.camel = camel;
    }

    /** Zoho's answer: status, body as text (null when empty), its {@code Retry-After} header. */
    public record Answer(int status, String body, String retryAfter) {
    }

    /**
     * Sends {@code method url?query} with exactly these headers (and {@code body} as JSON when not null).
     * Completes with the answer, or exceptionally when none came (connection refused or reset, timeout).
     */
    public CompletableFuture<Answer> send(String method, String url, String query, Map<String, String> headers,
            String body) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Exchange exchange = new DefaultExchange(camel);
        Message out = exchange.getMessage();
        out.setHeader(Exchange.HTTP_URI, url);
        out.setHeader(Exchange.HTTP_METHOD, method);
        if (query != null) {
            out.setHeader(Exchange.HTTP_QUERY, query);
        }
        headers.forEach(out::setHeader);
        if (body != null) {
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
            out.setBody(body);
        }
        try {
            producer().process(exchange, doneSync -> complete(exchange, answer));
        } catch (RuntimeException failure) {
            answer.completeExceptionally(failure);
        }
        return answer;
    }

    private static void complete(Exchange exchange, CompletableFuture<Answer> answer) {
        if (exchange.getException() != null) {
            answer.completeExceptionally(exchange.getException());
            return;
        }
        try {
            Message in = exchange.getMessage();
            answer.complete(new Answer(in.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                    in.getBody(String.class), in.getHeader("Retry-After", String.class)));
        } catch (RuntimeException unreadable) {
            answer.completeExceptionally(unreadable);
        }
    }

    /** Stops the producer with the application (the Camel context does not know it). */
    @Override
    public void close() {
        ServiceHelper.stopService(producer);
    }

    private AsyncProducer producer() {
        AsyncProducer current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    try {
                        current = camel.getEndpoint(ENDPOINT).createAsyncProducer();
                        ServiceHelper.startService(current);
                    } catch (Exception e) {
                        throw new IllegalStateException("could not create the HTTP producer for Zoho", e);
                    }
                    producer = current;
                }
            }
        }
        return current;
    }
}
