package io.zohoconnect;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distribution as an operator uses it (after {@code package}): unpacked into an empty directory,
 * started with bin/zoho-connect and environment variables alone, ready, then SIGTERM: a graceful,
 * clean exit.
 */
class DistributionIT {

    @TempDir
    Path home;

    @Test
    void theUnpackedDistributionStartsWithEnvironmentVariablesAndStopsCleanlyOnSigterm() throws Exception {
        Path archive;
        try (var files = Files.list(Path.of("target"))) {
            archive = files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution in target/: run ./mvnw package"));
        }
        Path unpacked = home.resolve("unpacked");
        Files.createDirectories(unpacked);
        run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString(),
                "--strip-components=1"), home);
        assertThat(unpacked.resolve("bin/zoho-connect")).isExecutable();
        assertThat(unpacked.resolve("app/zoho-connect.jar")).exists();
        assertThat(unpacked.resolve("app/zoho-connect.jsa")).exists();
        assertThat(unpacked.resolve("config/application.yml")).exists();
        assertThat(unpacked.resolve("docs/OPERATIONS.md")).exists();
        try (var examples = Files.list(unpacked.resolve("routes/examples"))) {
            assertThat(examples.filter(p -> p.toString().endsWith(".yaml")).count()).isPositive();
        }

        int port = freePort();
        Path log = home.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(unpacked.resolve("bin/zoho-connect").toString())
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("ZOHO_CLIENT_ID", "1000.DISTRIBUTIONTEST");
        env.put("ZOHO_CLIENT_SECRET", "distribution-test-secret");
        env.put("ZOHO_REDIRECT_URI", "http://localhost:" + port + "/oauth/callback");
        env.put("ZOHO_CONNECT_ENCRYPTION_KEY", "b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU=");
        env.put("ZOHO_ADMIN_API_KEY", "distribution-test-admin-key-0123456789");
        env.put("ZOHO_DATA_DIR", home.resolve("data").toString());
        // the JVM refuses to start when the class-data-sharing archive cannot be used (wrong class path, other JDK)
        env.put("JAVA_OPTS", "-Xshare:on");
        Process service = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(service.isAlive()).as("the service exited early:%n%s", Files.readString(log)).isTrue();
                return ready(http, port);
            });

            service.destroy(); // SIGTERM
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            String output = Files.readString(log);
            // the JVM's exit status after a handled SIGTERM
            assertThat(service.exitValue()).as(output).isEqualTo(143);
            assertThat(output).contains("Commencing graceful shutdown").contains("Graceful shutdown complete")
                    .doesNotContain(" ERROR ").doesNotContain("Exception");
        } finally {
            service.destroyForcibly();
        }
    }

    private static boolean ready(HttpClient http, int port) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(command.toString()).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
