package io.zohoconnect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An open-loop load generator, in a JVM of its own: requests go out at fixed arrival times whatever the answers do,
 * and each latency is measured from the time the request was <em>due</em>, not from when it went out — so a server
 * that stalls is charged for every request that waited behind the stall (no coordinated omission, as wrk's
 * closed-loop connections with a fixed pause between requests had). Several streams share one schedule, interleaved
 * slot by slot (control, subject, control, subject, …), each at {@link Plan#rate()} requests/s: what they measure
 * they measure in the same moments of the same machine.
 *
 * <p>Args: a plan file ({@link Plan} as JSON). Prints {@code MEASURE-START} when the first measured request is due,
 * {@code MEASURE-END} once every measured request is answered, then {@code RESULT {json}} ({@link Result}). Every
 * socket error, timeout and unexpected status is counted and described, in the warm-up too.
 */
public final class OpenLoad {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param rate          requests per second of each stream
     * @param warmupSeconds unmeasured load first (JIT, pools, caches), the same schedule
     * @param seconds       measured load, cut into {@code windows} windows of equal length by due time
     * @param timeoutMillis a request not answered within this is an error
     */
    public record Plan(int rate, int warmupSeconds, int seconds, int windows, long timeoutMillis, List<Stream> streams) {
    }

    /**
     * @param targets the requests, taken in turn; with {@code reuse} false each is sent once (a callback's state and
     *                code), and running out of them is an error of the plan
     * @param expect  the statuses that count as answered as intended
     */
    public record Stream(String name, String method, String body, Map<String, String> headers, List<Target> targets,
                         boolean reuse, List<Integer> expect) {
    }

    public record Target(String url, Map<String, String> headers) {
    }

    /** Latency percentiles in microseconds, from every sample (not a histogram's buckets). */
    public record Summary(int count, double ratePerSecond, long p50, long p90, long p99, long p999, long max) {

        static Summary of(long[] micros, double seconds) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return new Summary(sorted.length, sorted.length / seconds, at(sorted, 0.50), at(sorted, 0.90),
                    at(sorted, 0.99), at(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }

        /** The nearest-rank percentile: the smallest sample with at least {@code q} of the samples at or below it. */
        private static long at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    /** Per stream: the whole measured period and each window; then the failures and how late the generator itself sent. */
    public record Result(Map<String, Summary> measured, Map<String, List<Summary>> windows, Map<String, Integer> failures,
                         List<String> failureSamples, long sendLagP99Micros, long sendLagMaxMicros) {
    }

    private OpenLoad() {
    }

    public static void main(String[] args) throws Exception {
        Plan plan = JSON.readValue(Path.of(args[0]).toFile(), Plan.class);
        Result result = run(plan);
        System.out.println("RESULT " + JSON.writeValueAsString(result));
        System.out.flush();
    }

    static Result run(Plan plan) throws Exception {
        int k = plan.streams().size();
        long interval = 1_000_000_000L / ((long) plan.rate() * k);
        int warmupSlots = plan.rate() * plan.warmupSeconds() * k;
        int slots = warmupSlots + plan.rate() * plan.seconds() * k;
        for (Stream stream : plan.streams()) {
            int needed = plan.rate() * (plan.warmupSeconds() + plan.seconds());
            if (!stream.reuse() && stream.targets().size() < needed) {
                throw new IllegalArgumentException(stream.name() + ": " + stream.targets().size() + " targets for " + needed
                        + " requests that each need their own");
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofMillis(plan.timeoutMillis())).build();
        HttpRequest[] requests = new HttpRequest[slots];
        int[] next = new int[k];
        for (int slot = 0; slot < slots; slot++) {
            Stream stream = plan.streams().get(slot % k);
            Target target = stream.targets().get(next[slot % k]++ % stream.targets().size());
            requests[slot] = request(stream, target, plan.timeoutMillis());
        }

        long[] latency = new long[slots];
        long[] lag = new long[slots];
        String[] failure = new String[slots];
        CompletableFuture<?>[] answers = new CompletableFuture<?>[slots];
        long start = System.nanoTime() + 100_000_000L;
        for (int slot = 0; slot < slots; slot++) {
            long due = start + slot * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (slot == warmupSlots) {
                System.out.println("MEASURE-START");
                System.out.flush();
            }
            lag[slot] = (System.nanoTime() - due) / 1000;
            Stream stream = plan.streams().get(slot % k);
            int index = slot;
            answers[slot] = http.sendAsync(requests[slot], HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                latency[index] = (System.nanoTime() - due) / 1000;
                if (error != null) {
                    failure[index] = stream.name() + ": " + error;
                } else if (!stream.expect().contains(response.statusCode())) {
                    String body = response.body() == null ? "" : response.body();
                    failure[index] = stream.name() + ": HTTP " + response.statusCode() + " "
                            + body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
                }
            });
        }
        try {
            CompletableFuture.allOf(answers).get(plan.timeoutMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException someFailed) {
            // each failure is recorded by its own slot
        }
        System.out.println("MEASURE-END");
        System.out.flush();
        return summarise(plan, warmupSlots, slots, interval, latency, lag, failure);
    }

    private static HttpRequest request(Stream stream, Target target, long timeoutMillis) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.url())).timeout(Duration.ofMillis(timeoutMillis))
                .method(stream.method(), stream.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(stream.body()));
        if (stream.headers() != null) {
            stream.headers().forEach(builder::header);
        }
        if (target.headers() != null) {
            target.headers().forEach(builder::header);
        }
        return builder.build();
    }

    private static Result summarise(Plan plan, int warmupSlots, int slots, long interval, long[] latency, long[] lag,
                                    String[] failure) {
        int k = plan.streams().size();
        int perWindow = (slots - warmupSlots) / plan.windows();
        double windowSeconds = perWindow * interval / 1e9;
        Map<String, Summary> measured = new LinkedHashMap<>();
        Map<String, List<Summary>> windows = new LinkedHashMap<>();
        for (int s = 0; s < k; s++) {
            String name = plan.streams().get(s).name();
            measured.put(name, Summary.of(samples(latency, failure, warmupSlots, slots, s, k), (slots - warmupSlots) * interval / 1e9));
            List<Summary> perStream = new ArrayList<>();
            for (int w = 0; w < plan.windows(); w++) {
                int from = warmupSlots + w * perWindow;
                perStream.add(Summary.of(samples(latency, failure, from, from + perWindow, s, k), windowSeconds));
            }
            windows.put(name, perStream);
        }
        Map<String, Integer> failures = new LinkedHashMap<>();
        List<String> samples = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            if (failure[slot] != null) {
                failures.merge(plan.streams().get(slot % k).name(), 1, Integer::sum);
                if (samples.size() < 10) {
                    samples.add((slot < warmupSlots ? "warm-up " : "measured ") + failure[slot]);
                }
            }
        }
        long[] lags = Arrays.copyOfRange(lag, warmupSlots, slots);
        Arrays.sort(lags);
        return new Result(measured, windows, failures, samples, lags[Math.max(0, (int) Math.ceil(0.99 * lags.length) - 1)],
                lags[lags.length - 1]);
    }

    /** The latencies of stream {@code s} among slots {@code [from, to)}, answered as intended. */
    private static long[] samples(long[] latency, String[] failure, int from, int to, int s, int k) {
        long[] out = new long[to - from];
        int n = 0;
        for (int slot = from; slot < to; slot++) {
            if (slot % k == s && failure[slot] == null) {
                out[n++] = latency[slot];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
