package io.zohoconnect.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.ZohoConnectApplication;
import io.zohoconnect.support.CuttableTcpProxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started (as a process, profile postgres) while its database is unreachable — behind a
 * proxy that resets every connection (issue 19, item 9): it exits at once with code 1 for its supervisor,
 * after one ERROR line that names the database without its password and says why; no stack trace.
 */
class DatabaseUnreachableAtStartupTest {

    static final String PASSWORD = "do-not-log-this-password";

    final CuttableTcpProxy database = CuttableTcpProxy.to("127.0.0.1", 5432);
    Process process;

    @AfterEach
    void stop() {
        database.close();
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void startingWithoutItsDatabaseExitsWithCode1AfterOneErrorLineNamingTheDatabaseAndTheCause() throws Exception {
        database.cut();
        Path dir = Files.createDirectories(Path.of("target", "startup-test", UUID.randomUUID().toString()));
        Path log = dir.resolve("service.log");
        String url = "jdbc:postgresql://127.0.0.1:" + database.port() + "/zoho?ssl=false&password=" + PASSWORD;

        long started = System.nanoTime();
        process = new ProcessBuilder(command(dir, url)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exited; see %s", log).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<String> lines = Files.readAllLines(log);
        assertThat(process.exitValue()).as("exit code, for the supervisor").isEqualTo(1);
        assertThat(lines).as("the whole output").hasSizeLessThanOrEqualTo(3)
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by")
                        || line.matches("[\\w.$]+(Exception|Error)(: .*)?")); // no stack trace
        List<String> errors = lines.stream().filter(line -> line.contains(" ERROR ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("jdbc:postgresql://127.0.0.1:" + database.port() + "/zoho")
                .contains("as zoho").containsIgnoringCase("connection attempt failed")
                .doesNotContain(PASSWORD).doesNotContain("ssl=false");
        assertThat(database.accepted()).as("one attempt, not a retry loop").isEqualTo(1);
        assertThat(took).as("a JVM start and one refused connection").isLessThan(Duration.ofSeconds(60));
    }

    private static List<String> command(Path dir, String url) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ZohoConnectApplication.class.getName(),
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=zoho",
                "--spring.datasource.password=" + PASSWORD,
                "--server.port=0",
                "--zoho.client-id=1000.STARTUP",
                "--zoho.client-secret=startup-secret",
                "--zoho.redirect-uri=http://localhost:1/oauth/callback",
                "--zoho.admin.api-key=startup-admin-key-0123456789abcdef",
                "--zoho.crypto.key=b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU=",
                "--zoho.data-dir=" + dir.resolve("data").toAbsolutePath(),
                "--zoho.routes-dir=" + dir.resolve("routes").toAbsolutePath()));
        return command;
    }
}
