package io.zohoconnect.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * P4: start-up to ready of the documented production launch — the distribution's
 * {@code bin/zoho-connect} (extracted jar + the class-data-sharing archive made at package time),
 * configured by environment variables alone, H2 file database in a fresh directory — side by side
 * with a bare application with the same starters ({@link BareApp}, the same extracted libraries,
 * the JVM's defaults). Also the same service jar started plainly ({@code java -jar}, JVM defaults).
 * Each round starts every variant once, interleaved, each a fresh JVM; the time is from process
 * start until {@code /actuator/health/readiness} answers UP. The result is the ratio to the bare
 * app, per round (the machine's load moves seconds, not ratios measured side by side).
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=StartupBenchmark [-Dstartup.rounds=5]}
 */
class StartupBenchmark {

    static final Path WORK = Path.of("target/bench/startup");
    static final Path DIST = WORK.resolve("dist");
    static final String KEY = "b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU=";

    @Test
    void productionLaunchAgainstABareApp() throws Exception {
        unpackDistributionAndBareApp();
        int rounds = Integer.getInteger("startup.rounds", 5);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (String variant : List.of("bare", "launcher", "plain")) {
            seconds.put(variant, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (String variant : seconds.keySet()) {
                seconds.get(variant).add(start(variant, round));
            }
        }
        StringBuilder table = new StringBuilder("| round | bare app (s) | bin/zoho-connect (s) | ratio | java -jar (s) | ratio |\n"
                + "|---|---|---|---|---|---|\n");
        List<Double> launcherRatios = new ArrayList<>();
        List<Double> plainRatios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double bare = seconds.get("bare").get(round);
            double launcher = seconds.get("launcher").get(round);
            double plain = seconds.get("plain").get(round);
            launcherRatios.add(launcher / bare);
            plainRatios.add(plain / bare);
            table.append(String.format("| %d | %.1f | %.1f | %.2f | %.1f | %.2f |%n", round + 1, bare, launcher,
                    launcher / bare, plain, plain / bare));
        }
        table.append(String.format("%nbin/zoho-connect / bare: median %.2f (min %.2f, max %.2f); java -jar / bare: median %.2f"
                + " (min %.2f, max %.2f); %d rounds, %d cores%n", median(launcherRatios), min(launcherRatios),
                max(launcherRatios), median(plainRatios), min(plainRatios), max(plainRatios), rounds,
                Runtime.getRuntime().availableProcessors()));
        Files.writeString(WORK.resolve("startup.md"), table);
        System.out.println("\nP4 start-up to ready, production launch vs a bare app with the same starters\n" + table);
    }

    /** One start of a variant, in a fresh JVM, until ready; then SIGTERM. */
    private static double start(String variant, int round) throws Exception {
        int port = freePort();
        Path data = WORK.resolve("data-" + variant + "-" + round);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = switch (variant) {
            case "bare" -> List.of(java, "-cp", WORK.resolve("bare-classes").toAbsolutePath() + File.pathSeparator
                    + DIST.resolve("app/lib").toAbsolutePath() + "/*", BareApp.class.getName(), "--server.port=" + port,
                    "--management.endpoint.health.probes.enabled=true");
            case "launcher" -> List.of(DIST.resolve("bin/zoho-connect").toAbsolutePath().toString());
            default -> List.of(java, "-jar", DIST.resolve("app/zoho-connect.jar").toAbsolutePath().toString());
        };
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("startup-" + variant + "-" + round + ".log").toFile());
        if (variant.equals("bare")) {
            // an empty directory: the project's ./config must not configure the bare app
            Path empty = WORK.resolve("bare-cwd");
            Files.createDirectories(empty);
            builder.directory(empty.toFile());
        } else {
            // the production launch: environment variables only, from the distribution's directory
            builder.directory(DIST.toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", String.valueOf(port));
            env.put("ZOHO_CLIENT_ID", "1000.STARTUPBENCH");
            env.put("ZOHO_CLIENT_SECRET", "startup-bench-secret");
            env.put("ZOHO_CONNECT_ENCRYPTION_KEY", KEY);
            env.put("ZOHO_ADMIN_API_KEY", "startup-bench-admin-key-0123456789");
            env.put("ZOHO_DATA_DIR", data.toAbsolutePath().toString());
        }
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited; see " + WORK.resolve("startup-" + variant + "-" + round + ".log"));
                }
                try {
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofMillis(500)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200 && ready.body().contains("UP")) {
                        return (System.nanoTime() - started) / 1e9;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
        } finally {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    /** The distribution built by package (its CDS archive made there), and the bare app's one class. */
    private static void unpackDistributionAndBareApp() throws Exception {
        Path archive;
        try (var files = Files.list(Path.of("target"))) {
            archive = files.filter(p -> p.toString().endsWith("-dist.tar.gz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no distribution in target/: run with -Pbench verify"));
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(DIST);
        run(List.of("tar", "-xzf", archive.toString(), "-C", DIST.toString(), "--strip-components=1"));
        if (!Files.exists(DIST.resolve("app/zoho-connect.jsa"))) {
            throw new IllegalStateException("the distribution has no CDS archive (built with -Dcds.skip?)");
        }
        String bareClass = BareApp.class.getName().replace('.', '/') + ".class";
        Path target = WORK.resolve("bare-classes").resolve(bareClass);
        Files.createDirectories(target.getParent());
        Files.copy(Path.of("target/test-classes").resolve(bareClass), target);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
