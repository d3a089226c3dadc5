package io.zohoconnect.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * P5: the callback and the admin API under load on loopback, each measured against a control in the same run. An
 * open-loop generator in its own JVM ({@link OpenLoad}) sends requests at fixed arrival times — {@code bench.rate}
 * callbacks/s and as many token requests/s to the simulator's token endpoint (the control), interleaved one for one —
 * and measures every latency from the time the request was due, so a stall is charged to every request behind it.
 * The figure is the callback's p99 minus the control's p99 <em>of the same window</em>: both saw the same machine at
 * the same moments. Then the same for the admin API against the control. The first {@code bench.warmup-seconds} of
 * each run are load but not measured (in a cold JVM the JIT compiler took a third of the CPU).
 *
 * <p>Every callback carries a fresh state and code (prepared beforehand through /connect and the simulator's consent)
 * and the cookies /connect set, as the browser would, so each one really exchanges a code, reads the org and stores a
 * connection. The simulator runs in its own JVM with no added token latency. A socket error, a timeout or any status
 * but 200, on either stream, in the warm-up too, fails the run after the figures are printed.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=LoadBenchmark [-Dbench.rate=200] [-Dbench.seconds=30]
 * [-Dbench.windows=3] [-Dbench.warmup-seconds=10]}
 */
class LoadBenchmark {

    static final int RATE = Integer.getInteger("bench.rate", 200);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    /** The measured period is cut into windows of equal length: the spread of the figure over them. */
    static final int WINDOWS = Integer.getInteger("bench.windows", 3);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 10);
    static final long TIMEOUT_MILLIS = 10_000;
    static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";

    @Test
    void callbackAndAdminApiAgainstTheTokenEndpointInTheSameWindow() throws Exception {
        if (SECONDS % WINDOWS != 0) {
            throw new IllegalArgumentException("bench.seconds (" + SECONDS + ") must be a multiple of bench.windows (" + WINDOWS + ")");
        }
        int port = freePort();
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0, "http://localhost:" + port + "/oauth/callback");
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "load",
                        "--server.port=" + port, "--zoho.redirect-uri=http://localhost:" + port + "/oauth/callback",
                        "--logging.level.io.zohoconnect=WARN", "--logging.level.root=WARN")) {
            String base = "http://localhost:" + port;
            OpenLoad.Stream control = new OpenLoad.Stream("token endpoint", "POST",
                    refreshForm(simulator.base, base + "/oauth/callback"),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    List.of(new OpenLoad.Target(simulator.base + "/eu/accounts/oauth/v2/token", null)), true, List.of(200));
            OpenLoad.Stream callback = new OpenLoad.Stream("callback", "GET", null, null,
                    callbackTargets(base, "load-", RATE * (WARMUP_SECONDS + SECONDS)), false, List.of(200));
            OpenLoad.Stream admin = new OpenLoad.Stream("admin API", "GET", null, Map.of("Authorization", "Bearer " + ADMIN_KEY),
                    List.of(new OpenLoad.Target(base + "/api/connections/load-1", null),
                            new OpenLoad.Target(base + "/api/connections/load-2", null),
                            new OpenLoad.Target(base + "/api/connections?limit=50", null)), true, List.of(200));

            Measured callbacks = load(simulator, "callbacks", control, callback);
            Measured api = load(simulator, "admin", control, admin);
            report(callbacks, api);
        }
    }

    /** One run of the generator with its CPU: the service's (this JVM) and the simulator's, over the measured period. */
    record Measured(OpenLoad.Result result, double serviceCpuMillis, double simulatorCpuMillis) {
    }

    private static Measured load(BenchSupport.SimulatorJvm simulator, String name, OpenLoad.Stream control,
                                 OpenLoad.Stream subject) throws Exception {
        Path plan = Path.of("target/bench/load-" + name + ".json").toAbsolutePath();
        Files.createDirectories(plan.getParent());
        OpenLoad.JSON.writeValue(plan.toFile(), new OpenLoad.Plan(RATE, WARMUP_SECONDS, SECONDS, WINDOWS, TIMEOUT_MILLIS,
                List.of(control, subject)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // on 2 cores the common pool has 1 thread, and CompletableFuture then starts a thread per async task — one per
        // response of java.net.http's client, which hands each completion to that pool: 2 keeps the generator light
        Process generator = new ProcessBuilder(java, "-Xmx512m", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                "-cp", System.getProperty("java.class.path"), OpenLoad.class.getName(), plan.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long cpuBefore = 0;
        long simulatorCpuBefore = 0;
        long cpuAfter = 0;
        long simulatorCpuAfter = 0;
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("MEASURE-START")) {
                    cpuBefore = processCpuNanos();
                    simulatorCpuBefore = cpuNanos(simulator.process);
                } else if (line.equals("MEASURE-END")) {
                    cpuAfter = processCpuNanos();
                    simulatorCpuAfter = cpuNanos(simulator.process);
                } else if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                }
            }
        } finally {
            if (!generator.waitFor(60, TimeUnit.SECONDS)) {
                generator.destroyForcibly();
            }
        }
        if (result == null) {
            throw new IllegalStateException("the load generator (" + name + ") printed no result; exit " + generator.exitValue());
        }
        return new Measured(OpenLoad.JSON.readValue(result, OpenLoad.Result.class), (cpuAfter - cpuBefore) / 1e6,
                (simulatorCpuAfter - simulatorCpuBefore) / 1e6);
    }

    private static void report(Measured callbacks, Measured api) throws Exception {
        String control = "token endpoint";
        OpenLoad.Summary callback = callbacks.result().measured().get("callback");
        OpenLoad.Summary controlWithCallbacks = callbacks.result().measured().get(control);
        OpenLoad.Summary admin = api.result().measured().get("admin API");
        OpenLoad.Summary controlWithAdmin = api.result().measured().get(control);
        List<Double> callbackOver = overControl(callbacks.result(), "callback");
        List<Double> adminOver = overControl(api.result(), "admin API");

        BenchReport.Table streams = new BenchReport.Table("run", "stream", "answered", "rate", "p50", "p90", "p99", "p99.9",
                "max", "failures");
        streams(streams, "callbacks", callbacks.result());
        streams(streams, "admin API", api.result());
        BenchReport.Table windows = new BenchReport.Table("window", "token endpoint p99", "callback p99",
                "callback − token endpoint", "token endpoint p99 (admin run)", "admin API p99", "admin − token endpoint");
        for (int w = 0; w < WINDOWS; w++) {
            windows.row(w + 1, ms(callbacks.result().windows().get(control).get(w).p99()),
                    ms(callbacks.result().windows().get("callback").get(w).p99()), String.format("%.1f ms", callbackOver.get(w)),
                    ms(api.result().windows().get(control).get(w).p99()), ms(api.result().windows().get("admin API").get(w).p99()),
                    String.format("%.1f ms", adminOver.get(w)));
        }
        Rounds.Spread callbackWindows = Rounds.Spread.of(callbackOver);
        Rounds.Spread adminWindows = Rounds.Spread.of(adminOver);
        double cpuPerCallback = callbacks.serviceCpuMillis() / callback.count();
        new BenchReport("P5", "callback and admin API under load, against the token endpoint in the same window")
                .condition(String.format("open-loop generator in its own JVM (OpenLoad): %d callbacks/s and %d token"
                        + " requests/s interleaved one for one, latency from each request's due time; %d s warm-up, then"
                        + " %d s measured in %d windows; the same for the admin API", RATE, RATE, WARMUP_SECONDS, SECONDS,
                        WINDOWS))
                .condition("control: POST /oauth/v2/token (refresh grant) at the simulator, its own JVM, no added latency;"
                        + " callback: state check, code exchange and org read at the simulator, encrypted store")
                .condition(String.format("generator's own lateness in sending (p99 / max): callbacks run %d / %d µs, admin"
                        + " run %d / %d µs", callbacks.result().sendLagP99Micros(), callbacks.result().sendLagMaxMicros(),
                        api.result().sendLagP99Micros(), api.result().sendLagMaxMicros()))
                .figure("callback p99 − token endpoint p99, same window",
                        String.format("%.1f ms", (callback.p99() - controlWithCallbacks.p99()) / 1000.0),
                        callbackWindows.range("%.1f") + " ms over the windows", WINDOWS, "≤ 50 ms")
                .figure("callback p99", ms(callback.p99()), "–", 1, null)
                .figure("token endpoint p99 (callback run)", ms(controlWithCallbacks.p99()), "–", 1, null)
                .figure("admin API p99 − token endpoint p99, same window",
                        String.format("%.1f ms", (admin.p99() - controlWithAdmin.p99()) / 1000.0),
                        adminWindows.range("%.1f") + " ms over the windows", WINDOWS, null)
                .figure("service CPU per callback", String.format("%.2f ms", cpuPerCallback), "–", 1, null)
                .figure("simulator CPU per callback + token request",
                        String.format("%.2f ms", callbacks.simulatorCpuMillis() / callback.count()), "–", 1, null)
                .table(streams)
                .table(windows)
                .write("load.md");

        List<String> failures = new ArrayList<>();
        for (Measured run : List.of(callbacks, api)) {
            if (!run.result().failures().isEmpty()) {
                failures.add(run.result().failures() + " e.g. " + run.result().failureSamples());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("P5 is not valid: requests failed or were answered otherwise than 200 (socket errors,"
                    + " timeouts, statuses): " + String.join("; ", failures));
        }
    }

    /** Per window: the subject's p99 minus the control's p99 of the same window, in ms. */
    private static List<Double> overControl(OpenLoad.Result result, String subject) {
        List<Double> out = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            out.add((result.windows().get(subject).get(w).p99() - result.windows().get("token endpoint").get(w).p99()) / 1000.0);
        }
        return out;
    }

    private static void streams(BenchReport.Table table, String run, OpenLoad.Result result) {
        result.measured().forEach((stream, s) -> table.row(run, stream, String.format("%,d", s.count()),
                String.format("%.0f/s", s.ratePerSecond()), ms(s.p50()), ms(s.p90()), ms(s.p99()), ms(s.p999()), ms(s.max()),
                result.failures().getOrDefault(stream, 0)));
    }

    private static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }

    /**
     * Fresh callbacks, each with its own state and code: /connect as the admin, then the simulator's auto-approved
     * consent. The cookies /connect sets (the browser binding) go with the callback, as a browser would send them.
     */
    private static List<OpenLoad.Target> callbackTargets(String base, String prefix, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<OpenLoad.Target> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> connect = http.send(HttpRequest.newBuilder(URI.create(base + "/connect?connection_id=" + prefix
                    + i + "&dc=eu")).header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            String authorize = location(connect, "/connect");
            String cookies = String.join("; ", connect.headers().allValues("Set-Cookie").stream()
                    .map(cookie -> cookie.split(";", 2)[0]).toList());
            String callback = location(http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString()), "the simulator's consent");
            targets.add(new OpenLoad.Target(callback, cookies.isEmpty() ? null : Map.of("Cookie", cookies)));
        }
        return targets;
    }

    /** The redirect target, or a failure that says what answered instead (not a bare NoSuchElementException). */
    private static String location(HttpResponse<String> response, String step) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(step
                + " answered HTTP " + response.statusCode() + " without a redirect: "
                + response.body().substring(0, Math.min(300, response.body().length()))));
    }

    /** A refresh-token grant at the simulator (consent and code exchange), as the body of token requests. */
    private static String refreshForm(String simulatorBase, String redirectUri) throws Exception {
        String redirect = URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
        String code = location(BenchSupport.HTTP.send(HttpRequest.newBuilder(URI.create(simulatorBase
                + "/eu/accounts/oauth/v2/auth?client_id=" + BenchSupport.CLIENT_ID + "&response_type=code&scope=ZohoCRM.modules.ALL"
                + "&access_type=offline&prompt=consent&state=s&redirect_uri=" + redirect)).build(),
                HttpResponse.BodyHandlers.ofString()), "the simulator's consent").replaceAll(".*[?&]code=([^&]+).*", "$1");
        String credentials = "client_id=" + BenchSupport.CLIENT_ID + "&client_secret=" + BenchSupport.CLIENT_SECRET;
        String refreshToken = BenchSupport.JSON.readTree(BenchSupport.HTTP.send(HttpRequest.newBuilder(URI.create(simulatorBase
                + "/eu/accounts/oauth/v2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&" + credentials + "&redirect_uri="
                        + redirect + "&code=" + code)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("refresh_token").asText();
        return "grant_type=refresh_token&" + credentials + "&refresh_token=" + refreshToken;
    }

    /** CPU time of this JVM: during the load, the service's (the simulator and the generator have processes of their own). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
