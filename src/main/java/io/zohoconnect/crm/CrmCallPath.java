package io.zohoconnect.crm;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.credentials.AccessToken;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one CRM call path: for each attempt a slot of the connection's org ({@link OrgSlots}), the connection's
 * current token ({@link ConnectionTokens}), {@link CallAccounting} before and after, one HTTP exchange
 * ({@link CrmHttp}), Zoho's answer read ({@link CrmAttempt}); then, by {@link CrmRetryPolicy}, one refresh and
 * retry after a rejected token, or a retry later after 429 / 5xx / no answer. A wait — for a retry or for a
 * slot — holds no thread: the retry is scheduled on the {@link CrmRetryScheduler} (a Camel pool), and the call completes from there. The org slot is held during an attempt only, not during
 * the wait before the next.
 */
@Component
final class CrmCallPath implements CrmCalls {

    private static final Logger log = LoggerFactory.getLogger(CrmCallPath.class);

    private final ConnectionTokens tokens;
    private final OrgSlots slots;
    private final CrmAttempt attempt;
    private final CrmHttp http;
    private final CrmRetryPolicy policy;
    private final CallAccounting accounting;
    private final CrmPaths paths;
    private final ScheduledExecutorService scheduler;

    CrmCallPath(ConnectionTokens tokens, OrgSlots slots, CrmAttempt attempt, CrmHttp http, CrmRetryPolicy policy,
            CallAccounting accounting, CrmPaths paths,
            CrmRetryScheduler scheduler) {
        this.tokens = tokens;
        this.slots = slots;
        this.attempt = attempt;
        this.http = http;
        this.policy = policy;
        this.accounting = accounting;
        this.paths = paths;
        this.scheduler = scheduler.executor();
    }

    @Override
    public CrmReply call(CrmRequest request) {
        try {
            return callAsync(request).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ZohoCrmException("CRM call " + request + " failed: " + e.getCause().getClass().getSimpleName(), e);
        }
    }

    @Override
    public CompletionStage<CrmReply> callAsync(CrmRequest request) {
        Call call = new Call(request);
        try {
            call.path = paths.normalize(request.path());
            // an unknown connection, or one that needs re-consent, fails here, before it takes an org slot
            tokens.current(request.connectionId());
        } catch (RuntimeException refused) {
            call.result.completeExceptionally(refused);
            return call.result;
        }
        call.next();
        return call.result;
    }

    /** One call in flight: its request, retries so far, and the future its caller holds. */
    private final class Call {

        final CrmRequest request;
        final CompletableFuture<CrmReply> result = new CompletableFuture<>();
        String path;
        int retries;
        boolean refreshed;

        Call(CrmRequest request) {
            this.request = request;
        }

        /** The next attempt, as soon as the org has a slot free; continues where a released slot hands over. */
        void next() {
            CompletableFuture<OrgSlots.Slot> slot = slots.acquire(request.connectionId());
            if (slot.isDone()) {
                attempt(slot.join());
            } else {
                // not on the releasing caller's thread: it has its own answer to deliver
                slot.thenAcceptAsync(this::attempt, scheduler);
            }
        }

        private void attempt(OrgSlots.Slot slot) {
            AccessToken token;
            try {
                token = tokens.current(request.connectionId());
                accounting.beforeAttempt(request);
            } catch (RuntimeException refused) {
                slot.release();
                result.completeExceptionally(refused);
                return;
            }
            CompletableFuture<CrmHttp.Answer> answer;
            try {
                answer = http.send(request.method(), token.apiDomain() + path, request.query(),
                        CrmCallPath.this.attempt.headers(request, token.authorization()), request.body());
            } catch (RuntimeException failed) {
                answer = CompletableFuture.failedFuture(failed);
            }
            answer.whenComplete((reply, noAnswer) -> {
                slot.release();
                afterAttempt(reply == null ? 0 : reply.status());
                try {
                    if (noAnswer != null) {
                        throw CrmCallPath.this.attempt.noAnswer(request, unwrap(noAnswer));
                    }
                    result.complete(CrmCallPath.this.attempt.classify(request, reply, token.apiDomain(), !refreshed));
                } catch (CrmCallFailures.TokenRejected rejected) {
                    refreshAndRetry(token, rejected);
                } catch (CrmCallFailures.Retryable failure) {
                    retryLater(failure);
                } catch (RuntimeException | Error failure) {
                    result.completeExceptionally(failure);
                }
            });
        }

        private void afterAttempt(int status) {
            try {
                accounting.afterAttempt(request, status);
            } catch (RuntimeException e) {
                log.warn("Connection {}: the call accounting failed after {}: {}", request.connectionId(), request,
                        e.toString());
            }
        }

        private void refreshAndRetry(AccessToken sent, CrmCallFailures.TokenRejected rejected) {
            refreshed = true;
            log.info("Connection {}: Zoho rejected the access token ({}); refreshing once and retrying",
                    request.connectionId(), rejected.code());
            try {
                // the retry carries the token the row holds now: another node may have replaced it already
                tokens.rejected(request.connectionId(), sent);
            } catch (RuntimeException cannotRefresh) {
                result.completeExceptionally(cannotRefresh);
                return;
            }
            next();
        }

        private void retryLater(CrmCallFailures.Retryable failure) {
            if (retries >= policy.maxRetries()) {
                result.completeExceptionally(failure);
                return;
            }
            retries++;
            Duration wait = policy.delayBefore(retries, failure.retryAfter());
            log.info("Connection {}: {} got {}; retry {} of {} in {} ms", request.connectionId(), request,
                    failure.status() > 0 ? "HTTP " + failure.status() + " " + failure.code()
                            : failure.getCause() == null ? "a failure" : failure.getCause().getClass().getSimpleName(),
                    retries, policy.maxRetries(), wait.toMillis());
            try {
                scheduler.schedule(this::next, wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                // the scheduler is shut down: the service is stopping
                result.completeExceptionally(failure);
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
