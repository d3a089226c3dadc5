package io.zohoconnect.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The calls Zoho makes to its clients: watch notifications and Bulk Read completion callbacks. They go
 * out from a small executor through {@link HttpClient}, never on the thread of the API call that caused
 * them, as Zoho's are. Each kind has a switch tests turn to drop or delay them (lost and late callbacks
 * are what a client must survive), and every callback is logged — sent, failed or dropped — for tests.
 */
final class OutboundCallbacks implements AutoCloseable {

    /** Watch-channel notifications. */
    static final String NOTIFICATION = "notification";
    /** Bulk Read job completion. */
    static final String BULK_READ = "bulk_read";
    static final List<String> KINDS = List.of(NOTIFICATION, BULK_READ);

    private static final int LOG_LIMIT = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * How callbacks of one kind go out.
     *
     * @param drop        drop every callback
     * @param dropNext    drop this many callbacks, then send again
     * @param delayMillis hold every callback this long before sending it
     */
    record Switch(boolean drop, int dropNext, long delayMillis) {

        static final Switch NORMAL = new Switch(false, 0, 0);

        Switch {
            if (dropNext < 0 || delayMillis < 0 || delayMillis > 600_000) {
                throw new IllegalArgumentException("dropNext must be 0 or more and delayMillis 0..600000");
            }
        }
    }

    /** One callback as tests see it; {@code outcome} is pending, sent, failed or dropped. */
    record Sent(long sequence, String kind, String url, Map<String, Object> body, String outcome, Integer status,
                String error, Instant at) {

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sequence", sequence);
            out.put("kind", kind);
            out.put("url", url);
            out.put("outcome", outcome);
            out.put("status", status);
            out.put("error", error);
            out.put("at", at.toString());
            out.put("body", body);
            return out;
        }
    }

    private final ObjectMapper json;
    private final Supplier<Instant> clock;
    private final HttpClient http;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Switch> switches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dropBudget = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    /** Oldest first, at most LOG_LIMIT (guarded by itself). */
    private final Deque<Sent> log = new ArrayDeque<>();

    OutboundCallbacks(ObjectMapper json, Supplier<Instant> clock) {
        this.json = json;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "zoho-sim-callbacks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends (or drops, or delays) one callback: a POST of {@code body} as JSON to {@code url}. Never blocks. */
    void post(String kind, String url, Map<String, Object> body) {
        Switch current = switchOf(kind);
        long number = sequence.incrementAndGet();
        boolean dropOne = dropBudget.computeIfAbsent(kind, k -> new AtomicInteger())
                .getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (current.drop() || dropOne) {
            record(new Sent(number, kind, url, body, "dropped", null, null, clock.get()));
            return;
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a callback body could not be written as JSON", e);
        }
        pending.incrementAndGet();
        Runnable send = () -> send(number, kind, url, body, payload);
        if (current.delayMillis() > 0) {
            executor.schedule(send, current.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            executor.execute(send);
        }
    }

    private void send(long number, String kind, String url, Map<String, Object> body, byte[] payload) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .header("User-Agent", "ZohoCRM-Simulator")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
        } catch (IllegalArgumentException e) {
            finished(new Sent(number, kind, url, body, "failed", null, "invalid URL", clock.get()));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                finished(new Sent(number, kind, url, body, "failed", null, failure.getClass().getSimpleName(),
                        clock.get()));
            } else {
                finished(new Sent(number, kind, url, body, "sent", response.statusCode(), null, clock.get()));
            }
        });
    }

    private void finished(Sent sent) {
        record(sent);
        pending.decrementAndGet();
    }

    private void record(Sent sent) {
        synchronized (log) {
            if (log.size() >= LOG_LIMIT) {
                log.pollFirst();
            }
            log.addLast(sent);
        }
    }

    Switch switchOf(String kind) {
        return switches.getOrDefault(kind, Switch.NORMAL);
    }

    void setSwitch(String kind, Switch value) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS);
        }
        switches.put(kind, value);
        dropBudget.computeIfAbsent(kind, k -> new AtomicInteger()).set(value.dropNext());
    }

    /** Callbacks of {@code kind} (null: all) that have an outcome, in the order they got it. */
    List<Sent> log(String kind) {
        synchronized (log) {
            List<Sent> out = new ArrayList<>();
            for (Sent sent : log) {
                if (kind == null || sent.kind().equals(kind)) {
                    out.add(sent);
                }
            }
            return out;
        }
    }

    /** Callbacks queued or delayed and not yet answered. */
    int pending() {
        return pending.get();
    }

    void clearLog() {
        synchronized (log) {
            log.clear();
        }
    }

    /** {@code /_sim/reset}: switches back to normal and the log emptied. */
    void reset() {
        switches.clear();
        dropBudget.clear();
        synchronized (log) {
            log.clear();
        }
    }

    /** Runs {@code task} every {@code period} on the callback executor (the Bulk Read job clock). */
    void every(Duration period, Runnable task) {
        executor.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
