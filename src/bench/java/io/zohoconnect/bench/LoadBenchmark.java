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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P5: the callback and the admin API under load, with wrk on loopback at about 200 requests/s for
 * 30 s each. Every callback carries a fresh state and code (prepared beforehand through /connect and
 * the simulator's consent) and the cookies /connect set, as the browser would, so each one really
 * exchanges a code, reads the org and stores a connection. The simulator runs in its own JVM with no
 * added token latency; its token endpoint is measured the same way in the same run (wrk, same rate),
 * so the callback's figures can be read as "over the token endpoint's latency" on whatever machine.
 * Both are measured after {@code bench.warmup-seconds} (default 10) of the same load, unmeasured, so the figures are the
 * steady state and not the JIT compiler's warm-up. Each run starts its own simulator and in-memory
 * database, so runs can follow each other.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=LoadBenchmark} (needs wrk: {@code apt-get install wrk})
 */
class LoadBenchmark {

    static final int RATE = Integer.getInteger("bench.rate", 200);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    /** Unmeasured load first: in a cold JVM the JIT compiler took about a third of the CPU of the measured window. */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 10);
    static final int CONNECTIONS = 14;
    static final int THREADS = 2;
    static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";
    static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p90_us=(\\d+)"
            + " p99_us=(\\d+) max_us=(\\d+) non2xx=(\\d+) errors=(\\d+)");

    @Test
    void callbackAndAdminApiUnderLoad() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is not installed (apt-get install wrk)");
        int port = freePort();
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0, "http://localhost:" + port + "/oauth/callback")) {
            try (ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "load",
                    "--server.port=" + port, "--zoho.redirect-uri=http://localhost:" + port + "/oauth/callback",
                    "--logging.level.io.zohoconnect=WARN", "--logging.level.root=WARN")) {
                String base = "http://localhost:" + port;
                Path token = Path.of("target/bench/token.txt");
                Files.createDirectories(token.getParent());
                Files.write(token, java.util.Collections.nCopies(THREADS, "/eu/accounts/oauth/v2/token")); // a line per wrk thread
                String refreshForm = refreshForm(simulator.base, base + "/oauth/callback");
                wrk(simulator.base, token, null, "POST", refreshForm, WARMUP_SECONDS);
                Map<String, String> tokenEndpoint = wrk(simulator.base, token, null, "POST", refreshForm, SECONDS);

                // each callback needs a state and code of its own: the warm-up uses up its own set
                Path warmup = Path.of("target/bench/callbacks-warmup.txt");
                Files.write(warmup, callbackRequests(base, "warm-", RATE * WARMUP_SECONDS + RATE * 2));
                Path targets = Path.of("target/bench/callbacks.txt");
                Files.write(targets, callbackRequests(base, "load-", RATE * SECONDS + RATE * 5));
                wrk(base, warmup, null, null, null, WARMUP_SECONDS);
                long cpuBefore = processCpuNanos();
                long simulatorCpuBefore = cpuNanos(simulator.process);
                Map<String, String> callback = wrk(base, targets, null);
                double cpuPerCallback = (processCpuNanos() - cpuBefore) / 1e6 / Long.parseLong(callback.get("requests"));
                double simulatorCpuPerCallback = (cpuNanos(simulator.process) - simulatorCpuBefore) / 1e6
                        / Long.parseLong(callback.get("requests"));

                Path admin = Path.of("target/bench/admin.txt");
                Files.write(admin, List.of("/api/connections/load-1", "/api/connections/load-2", "/api/connections?limit=50"));
                Map<String, String> api = wrk(base, admin, "Authorization: Bearer " + ADMIN_KEY);

                String table = "| endpoint | requests | rate | p50 | p90 | p99 | max | non-2xx/3xx |\n|---|---|---|---|---|---|---|---|\n"
                        + row("POST /oauth/v2/token at the simulator (its token endpoint alone, for reference)", tokenEndpoint)
                        + row("GET /oauth/callback (state check, code exchange and org read at the simulator, encrypted store)", callback)
                        + row("GET /api/connections/{id} and /api/connections?limit=50 (admin key)", api)
                        + String.format("%ncallback p99 over the token endpoint's p99: %.1f ms; CPU per callback: service %.2f ms,"
                                + " simulator %.2f ms (at %d req/s: %.2f of %d cores, before wrk's own)%n",
                                ms(callback.get("p99")) - ms(tokenEndpoint.get("p99")), cpuPerCallback, simulatorCpuPerCallback,
                                RATE, (cpuPerCallback + simulatorCpuPerCallback) * RATE / 1000,
                                Runtime.getRuntime().availableProcessors());
                Files.writeString(Path.of("target/bench/load.md"), table);
                System.out.println("\nP5 load (" + Runtime.getRuntime().availableProcessors() + " cores, wrk -t" + THREADS + " -c"
                        + CONNECTIONS + ", paced to ~" + RATE + " req/s for " + SECONDS + " s)\n" + table);
                assertThat(Long.parseLong(callback.get("non2xx"))).as("callbacks that did not connect").isZero();
            }
        }
    }

    /**
     * Fresh callbacks, one wrk target line each ({@code path TAB cookies}): /connect as the admin, then
     * the simulator's auto-approved consent. The cookies /connect sets (the browser binding) go back
     * with the callback, as a browser would send them.
     */
    private static List<String> callbackRequests(String base, String prefix, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> connect = http.send(HttpRequest.newBuilder(URI.create(base + "/connect?connection_id=" + prefix
                    + i + "&dc=eu")).header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            String authorize = location(connect, "/connect");
            String cookies = String.join("; ", connect.headers().allValues("Set-Cookie").stream()
                    .map(cookie -> cookie.split(";", 2)[0]).toList());
            String callback = location(http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString()), "the simulator's consent");
            lines.add(callback.substring(base.length()) + "\t" + cookies);
        }
        return lines;
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

    /** CPU time of this JVM, which during wrk is the service's (the simulator and wrk run in processes of their own). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static Map<String, String> wrk(String base, Path targets, String header) throws Exception {
        return wrk(base, targets, header, null, null, SECONDS);
    }

    private static Map<String, String> wrk(String base, Path targets, String header, String method, String body, int seconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s",
                "--timeout", "10s", "-s", Path.of("src/bench/resources/paced.lua").toAbsolutePath().toString(), base)
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("TARGETS", targets.toAbsolutePath().toString(), "RATE", String.valueOf(RATE),
                "CONNECTIONS", String.valueOf(CONNECTIONS), "THREADS", String.valueOf(THREADS),
                "HEADER", header == null ? "" : header, "METHOD", method == null ? "" : method, "BODY", body == null ? "" : body));
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(line -> output.append(line).append('\n'));
        }
        process.waitFor(seconds + 60L, TimeUnit.SECONDS);
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no result:\n" + output);
        }
        return Map.of("requests", m.group(1), "duration", m.group(2), "p50", m.group(3), "p90", m.group(4), "p99", m.group(5),
                "max", m.group(6), "non2xx", m.group(7), "errors", m.group(8));
    }

    private static String row(String name, Map<String, String> r) {
        double seconds = Long.parseLong(r.get("duration")) / 1e6;
        return String.format("| %s | %,d | %.0f req/s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |%n", name,
                Long.parseLong(r.get("requests")), Long.parseLong(r.get("requests")) / seconds, ms(r.get("p50")), ms(r.get("p90")),
                ms(r.get("p99")), ms(r.get("max")), r.get("non2xx"));
    }

    private static double ms(String micros) {
        return Long.parseLong(micros) / 1000.0;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
