package io.zohoconnect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * P4: start-up to ready and idle RSS of the packaged service as production runs it (service + H2
 * file; the simulator is not in the jar), each run a fresh JVM: time from process start until {@code /actuator/health/readiness}
 * answers UP, and the resident set after 20 s idle. The jar is extracted the way Spring Boot
 * recommends for production ({@code -Djarmode=tools extract}) and measured with the JVM's defaults,
 * with a class-data-sharing archive (one training run), and with CDS plus a small-footprint set of
 * flags.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=StartupBenchmark}
 */
class StartupBenchmark {

    static final Path APP = Path.of("target/bench/app");
    static final Path ARCHIVE = Path.of("target/bench/app.jsa");
    // the settings production requires (the demo profile needs the simulator, which the jar does not have)
    static final String CLIENT_ID = "--zoho.client-id=1000.STARTUPCLIENT";
    static final String CLIENT_SECRET = "--zoho.client-secret=startup-client-secret";
    static final String ADMIN_KEY = "--zoho.admin.api-key=startup-admin-key-0123456789abcdef";

    @Test
    void startupAndIdleMemory() throws Exception {
        extractAndTrain();
        String cds = "-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath();
        StringBuilder table = new StringBuilder("| JVM options | start-up to ready (median of 3) | idle RSS after 20 s |\n|---|---|---|\n");
        for (List<String> options : List.of(List.<String>of(), List.of(cds), List.of(cds, "-Xmx256m", "-XX:+UseSerialGC",
                "-Xss512k", "-XX:TieredStopAtLevel=1"))) {
            List<Double> starts = new ArrayList<>();
            long rss = 0;
            for (int i = 0; i < 3; i++) {
                Run run = start(options, i == 2);
                starts.add(run.seconds());
                rss = Math.max(rss, run.rssMb());
            }
            starts.sort(Double::compare);
            table.append(String.format("| %s | %.1f s | %d MB |%n", options.isEmpty() ? "defaults"
                    : String.join(" ", options).replace(ARCHIVE.toAbsolutePath().toString(), "app.jsa"), starts.get(1), rss));
        }
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/startup.md"), table);
        System.out.println("\nP4 start-up and idle memory (" + Runtime.getRuntime().availableProcessors() + " cores)\n" + table);
    }

    private Run start(List<String> options, boolean measureRss) throws Exception {
        Files.createDirectories(Path.of("target/bench"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-jar", jar().toString(),
                CLIENT_ID, CLIENT_SECRET, ADMIN_KEY, "--server.port=" + port,
                "--zoho.data-dir=target/startup-data-" + port, "--zoho.redirect-uri=http://localhost:" + port + "/oauth/callback"));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target/bench/startup-" + port + ".log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited; see target/bench/startup-" + port + ".log");
                }
                try {
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofMillis(500)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200 && ready.body().contains("UP")) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long rss = 0;
            if (measureRss) {
                Thread.sleep(20_000); // idle, as a deployed service is most of the time
                rss = rssMb(process.pid());
            }
            return new Run(seconds, rss);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    /** The extracted application and a CDS archive from one training run (start, refresh the context, exit). */
    private static void extractAndTrain() throws Exception {
        Path jar = Files.list(Path.of("target")).filter(p -> p.toString().endsWith(".jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no jar in target/: run with -Pbench verify"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        org.springframework.util.FileSystemUtils.deleteRecursively(APP);
        Files.deleteIfExists(ARCHIVE);
        run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", APP.toString()));
        run(List.of(java, "-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Dspring.context.exit=onRefresh", "-jar", jar().toString(),
                CLIENT_ID, CLIENT_SECRET, ADMIN_KEY, "--server.port=0",
                "--zoho.data-dir=target/startup-training"));
    }

    private static Path jar() throws Exception {
        try (var files = Files.list(APP)) {
            return files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target/bench/startup-prepare.log").toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("failed: " + command + " (see target/bench/startup-prepare.log)");
        }
    }

    private static long rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Run(double seconds, long rssMb) {
    }
}
