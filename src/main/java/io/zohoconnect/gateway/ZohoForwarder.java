package io.zohoconnect.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.crm.CallAccounting;
import io.zohoconnect.crm.CreditsExhaustedException;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.CrmRetryScheduler;
import io.zohoconnect.crm.OrgSlots;
import io.zohoconnect.crm.wire.CrmErrorCodes;
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.crm.wire.RetryAfter;
import io.zohoconnect.credentials.AccessToken;
import io.zohoconnect.credentials.TokenRefresher;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends a gateway call to Zoho with the connection's token, on the call path's own parts: the token owner
 * ({@link TokenRefresher}, the source of {@code zohoAuth}), the org's concurrency limit ({@link OrgSlots}, the same slots the component's calls hold), the credit check every attempt passes
 * ({@link CallAccounting}, as an interactive call), Zoho's
 * error codes and {@code Retry-After}. A rejected token ({@code 401 INVALID_TOKEN}/{@code AUTHENTICATION_FAILURE}) is
 * refreshed once through the token owner — only if it is still the current one — and the call sent once more; a 429
 * whose {@code Retry-After} is at most {@code zoho.proxy.max-retry-wait} is waited out (without holding the org's slot)
 * and sent once more. Either only for a call whose body is held ({@link ProxyCall#replayable}). Any other answer goes
 * back as Zoho sent it, unread: the caller gets it streamed. No cookies, no redirects followed, no decompression.
 */
@Component
class ZohoForwarder implements DisposableBean {

    /** Longest 401 body read to find Zoho's code; Zoho's are a few hundred bytes. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    private static final Duration ANY_WAIT = Duration.ofDays(1);

    private final TokenRefresher tokens;
    private final OrgSlots slots;
    private final CallAccounting accounting;
    private final CrmWire wire;
    private final CrmRetryScheduler waits;
    private final Clock clock;
    private final ProxySettings settings;
    private final CloseableHttpClient http;

    ZohoForwarder(TokenRefresher tokens, OrgSlots slots, CallAccounting accounting, CrmWire wire, CrmRetryScheduler waits,
            Clock clock,
            ProxySettings settings) {
        this.tokens = tokens;
        this.slots = slots;
        this.accounting = accounting;
        this.wire = wire;
        this.waits = waits;
        this.clock = clock;
        this.settings = settings;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(500).setMaxConnPerRoute(200)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.responseTimeout())).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(settings.responseTimeout())).build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableDefaultUserAgent()
                .build();
    }

    /** Zoho's answer to the call, open: the caller streams it and closes it (which frees the org's slot). */
    ZohoAnswer send(ProxyCall call) throws IOException {
        OrgSlots.Slot slot = slot(call);
        try {
            AccessToken token = tokens.accessToken(call.connectionId());
            ClassicHttpResponse response = attempt(call, token);
            if (response.getCode() == 401 && call.replayable()) {
                byte[] head = readAtMost(response, ERROR_BODY_LIMIT);
                if (CrmErrorCodes.isTokenRejected(401, wire.error(401, new String(head, StandardCharsets.UTF_8)).code())) {
                    response.close();
                    // refreshes only if the token is still the one Zoho rejected (another caller may have done it)
                    tokens.afterRejection(call.connectionId(), new Secret(token.value()));
                    token = tokens.accessToken(call.connectionId());
                    response = attempt(call, token);
                } else {
                    return new ZohoAnswer(response, prefixed(head, response), slot);
                }
            }
            if (response.getCode() == 429 && call.replayable()) {
                Header retryAfter = response.getFirstHeader("Retry-After");
                Duration wait = RetryAfter.parse(retryAfter == null ? null : retryAfter.getValue(), ANY_WAIT, clock);
                if (wait != null && wait.compareTo(settings.maxRetryWait()) <= 0) {
                    response.close();
                    slot.release(); // the wait holds no slot of the org: other calls may use it meanwhile
                    pause(wait);
                    slot = slot(call);
                    response = attempt(call, token);
                }
            }
            return new ZohoAnswer(response, response.getEntity() == null ? null : response.getEntity().getContent(), slot);
        } catch (IOException | RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    /**
     * One HTTP exchange with Zoho: every call of the gateway leaves through here, once per attempt — the place an
     * org's API credits are charged once the service keeps a ledger of them.
     */
    private ClassicHttpResponse attempt(ProxyCall call, AccessToken token) throws IOException {
        CrmRequest charged = new CrmRequest(call.connectionId(), call.method(), "/" + call.path(), call.rawQuery(), null,
                Map.of());
        try {
            accounting.beforeAttempt(charged); // may refuse the call before it reaches Zoho (the org's credits)
        } catch (CreditsExhaustedException exhausted) {
            long seconds = Math.max(1, Duration.between(clock.instant(), exhausted.retryAt()).toSeconds() + 1);
            throw new GatewayException(429, "credits_exhausted", "The org's Zoho API credits for the last 24 hours are"
                    + " used up; the call was not sent to Zoho. More free at " + exhausted.retryAt() + ".",
                    Long.toString(seconds));
        }
        int status = 0;
        try {
            ClassicHttpResponse response = send(call, token);
            status = response.getCode();
            return response;
        } finally {
            accounting.afterAttempt(charged, status);
        }
    }

    private ClassicHttpResponse send(ProxyCall call, AccessToken token) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), target(token.apiDomain(), call));
        for (Map.Entry<String, String> header : call.headers()) {
            request.addHeader(header.getKey(), header.getValue());
        }
        request.setHeader("Authorization", token.authorization());
        if (call.bufferedBody() != null) {
            request.setEntity(new ByteArrayEntity(call.bufferedBody(), null));
        } else if (call.streamedBody() != null) {
            request.setEntity(new InputStreamEntity(call.streamedBody(), call.streamedLength(), (ContentType) null));
        }
        try {
            return http.executeOpen(null, request, null);
        } catch (SocketTimeoutException e) {
            throw new GatewayException(504, "zoho_timeout", "Zoho did not answer in time.");
        } catch (IOException e) {
            throw new GatewayException(502, "zoho_unreachable", "Zoho could not be reached: " + e.getClass().getSimpleName() + ".");
        }
    }

    /** The API domain of the connection (from its token response, never from the caller), the checked path and query. */
    private static URI target(String apiDomain, ProxyCall call) {
        String base = apiDomain.endsWith("/") ? apiDomain.substring(0, apiDomain.length() - 1) : apiDomain;
        try {
            return URI.create(base + "/" + call.path() + (call.rawQuery() == null ? "" : "?" + call.rawQuery()));
        } catch (IllegalArgumentException e) {
            throw new GatewayException(400, "invalid_query", "The query string is not a valid URI query.");
        }
    }

    private OrgSlots.Slot slot(ProxyCall call) {
        CompletableFuture<OrgSlots.Slot> slot = slots.acquire(call.connectionId());
        try {
            return slot.get(settings.slotWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a slot that comes after all goes straight back
            slot.thenAccept(OrgSlots.Slot::release);
            throw new GatewayException(503, "org_busy", "Every concurrency slot of this connection's"
                    + " org stayed busy for " + settings.slotWait().toSeconds() + " s.", "1");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot.thenAccept(OrgSlots.Slot::release);
            throw new GatewayException(503, "interrupted", "The service is shutting down.", "1");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static byte[] readAtMost(ClassicHttpResponse response, int limit) throws IOException {
        if (response.getEntity() == null) {
            return new byte[0];
        }
        return response.getEntity().getContent().readNBytes(limit);
    }

    private static InputStream prefixed(byte[] head, ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return new ByteArrayInputStream(head);
        }
        return new SequenceInputStream(new ByteArrayInputStream(head), response.getEntity().getContent());
    }

    /** Waits on the call path's scheduler (on a servlet thread: the gateway answers synchronously, the wait bounded by max-retry-wait). */
    private void pause(Duration wait) {
        try {
            waits.executor().schedule(() -> { }, wait.toMillis(), TimeUnit.MILLISECONDS).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(503, "interrupted", "The service is shutting down.", "1");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
