package io.zohoconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohoconnect.connection.EncryptionKey;
import io.zohoconnect.simulator.RegisteredApp;
import io.zohoconnect.simulator.SimulatorConfig;
import io.zohoconnect.simulator.ZohoSimulator;
import io.zohoconnect.support.IntegrationTestPorts;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.support.SimulatorClient;
import io.zohoconnect.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged jar as an operator runs it (issue 10, items 1 and 2): copied nowhere special, started
 * from an EMPTY directory with environment variables alone — no config/, no routes/. Runs in
 * {@code ./mvnw verify} after {@code package} (failsafe).
 */
class PackagedJarIT {

    private static final String CLIENT_ID = "1000.JARCLIENT";
    private static final String CLIENT_SECRET = "jar-client-secret-5d1e";
    private static final String ADMIN_KEY = "jar-admin-key-0123456789abcdef";
    private static final String KEY = "q2n0f8mVZ3T1lJcY6x2Wm3o3y5r9kQ1zYd4eS0aP7uA=";

    @TempDir
    Path emptyDirectory;

    @Test
    void theProductionJarContainsNoSimulator() throws IOException {
        List<String> simulatorEntries = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            jar.stream().forEach(entry -> {
                if (entry.getName().contains("io/zohoconnect/simulator")) {
                    simulatorEntries.add(entry.getName());
                }
            });
            // the service's own META-INF/spring.factories (Boot writes it at the jar's root) registers no simulator
            String factories = new String(jar.getInputStream(jar.getEntry("META-INF/spring.factories"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(factories).contains("io.zohoconnect.").doesNotContain("simulator");
            // the safe defaults travel with the jar
            assertThat(jar.getEntry("BOOT-INF/classes/application.yml")).isNotNull();
            assertThat(jar.getEntry("BOOT-INF/classes/application-postgres.yml")).isNotNull();
            assertThat(jar.getEntry("BOOT-INF/classes/application-cluster.yml")).isNotNull();
        }
        assertThat(simulatorEntries).isEmpty();
    }

    @Test
    void theJarCarriesTheConfigurationMetadataOfTheZohoSettingsButNotTheProcessorThatWroteIt() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            JarEntry entry = jar.getJarEntry("META-INF/spring-configuration-metadata.json");
            // Boot writes the classes' META-INF at the jar's root, where IDEs and Spring Boot tooling look for it
            assertThat(entry).as("configuration metadata in the jar").isNotNull();
            JsonNode metadata = new ObjectMapper().readTree(jar.getInputStream(entry));
            List<String> names = new ArrayList<>();
            metadata.path("properties").forEach(p -> names.add(p.path("name").asText()));
            // from the settings records, from the per-package records, and from the additional metadata
            assertThat(names).contains("zoho.client-id", "zoho.admin.api-key", "zoho.refresh.margin", "zoho.crm.max-retries",
                    "zoho.sync.lease-duration", "zoho.bulk.poll-max", "zoho.amqp.hold-delay", "zoho.routes-dir",
                    "zoho.shutdown.grace");
            assertThat(jar.stream().map(JarEntry::getName).filter(n -> n.contains("spring-boot-configuration-processor")))
                    .as("the annotation processor is a build tool, not a runtime library").isEmpty();
        }
    }

    @Test
    void theJarRunsFromAnEmptyDirectoryWithEnvironmentVariablesAloneAndKeepsItsConnectionsAcrossARestart()
            throws Exception {
        int port = IntegrationTestPorts.freePort();
        String redirectUri = "http://localhost:" + port + "/oauth/callback";
        try (ZohoSimulator zoho = new ZohoSimulator(SimulatorConfig.onFreePort(new RegisteredApp(CLIENT_ID, CLIENT_SECRET,
                redirectUri)), Clock.systemUTC())) {
            zoho.start();
            new SimulatorClient(zoho.port()).settings(Map.of("autoApprove", true));
            Map<String, String> env = Map.of(
                    "ZOHO_CLIENT_ID", CLIENT_ID,
                    "ZOHO_CLIENT_SECRET", CLIENT_SECRET,
                    "ZOHO_REDIRECT_URI", redirectUri,
                    "ZOHO_ADMIN_API_KEY", ADMIN_KEY,
                    "ZOHO_CONNECT_ENCRYPTION_KEY", KEY,
                    "PORT", Integer.toString(port),
                    // the Zoho stand-in for the EU data center (an operator would not need this)
                    "SPRING_APPLICATION_JSON", "{\"zoho\":{\"datacenters\":{\"eu\":{\"accounts-url\":\""
                            + zoho.accountsUrl("eu") + "\",\"api-domain\":\"" + zoho.apiDomain("eu", "production") + "\"}}}}");
            ServiceClient service = new ServiceClient(port, ADMIN_KEY);

            Path firstLog = log("first");
            Process first = start(env, firstLog);
            try {
                awaitReady(service, first, firstLog);
                assertThat(service.connect("jar-eu", "eu", "production").callback().statusCode()).isEqualTo(200);
                // the operator's key seals the tokens, not one generated into the data directory
                assertThat(service.json(service.getAsAdmin("/api/crypto/keys")).path("current_key_id").asText())
                        .isEqualTo(EncryptionKey.fromBase64(KEY, "test").id());
                theEdgeHoldsWithDefaultSettings(service, firstLog);
            } finally {
                stop(first);
            }
            String log = Files.readString(firstLog);
            assertThat(log).doesNotContain("generated an encryption key");
            assertThat(countOf(log, "No YAML routes folder")).as(log).isEqualTo(1);
            // persistent by default: the H2 file under ./data of the working directory
            assertThat(emptyDirectory.resolve("data/zoho-connect.mv.db")).exists();
            assertThat(emptyDirectory.resolve("data/encryption.key")).doesNotExist();

            Path secondLog = log("second");
            Process second = start(env, secondLog);
            try {
                awaitReady(service, second, secondLog);
                JsonNode connection = service.json(service.getAsAdmin("/api/connections/jar-eu"));
                assertThat(connection.path("status").asText()).as(connection.toString()).isEqualTo("ACTIVE");
                assertThat(connection.path("dc").asText()).isEqualTo("eu");
            } finally {
                stop(second);
            }
        }
    }

    /**
     * Issue 19 items 1 and 2 against the jar with default settings: a flood of cookie-less requests with 7 KB
     * queries leaves no session (as the Prometheus gauge shows it); X-Forwarded-For rotated by a client (no proxy is
     * trusted by default, not even loopback) does not escape the lockout, and the warning names the real address.
     * Runs last: it locks 127.0.0.1 out of this process.
     */
    private static void theEdgeHoldsWithDefaultSettings(ServiceClient service, Path log) throws IOException {
        HttpClient cookieless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String query = "q=" + "x".repeat(7 * 1024);
        double before = activeSessions(service);
        for (int i = 0; i < 300; i++) {
            for (String path : List.of("/x" + i + "?" + query, "/login", "/login?error")) {
                HttpResponse<String> answer = send(cookieless, HttpRequest.newBuilder(URI.create(service.baseUrl() + path)));
                assertThat(answer.statusCode()).as(path).isIn(200, 302);
                assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
            }
        }
        assertThat(activeSessions(service)).as("live sessions after 900 anonymous requests").isEqualTo(before);

        int allowed = 10; // zoho.admin.max-failed-logins, default
        for (int i = 0; i <= allowed; i++) {
            HttpResponse<String> wrong = send(cookieless, HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/connections"))
                    .header("Authorization", "Bearer wrong-key-0123456789abcdefgh").header("X-Forwarded-For", "203.0.113." + i));
            assertThat(wrong.statusCode()).isEqualTo(i < allowed ? 401 : 429);
        }
        assertThat(service.getAsAdmin("/api/connections").statusCode()).as("the right key, same address").isEqualTo(429);
        assertThat(Files.readString(log)).contains("Wrong admin key from 127.0.0.1").doesNotContain("203.0.113.");
    }

    private static double activeSessions(ServiceClient service) {
        java.util.regex.Matcher gauge = java.util.regex.Pattern.compile(
                "(?m)^tomcat_sessions_active_current_sessions(?:\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(service.getAsAdmin("/actuator/prometheus").body());
        assertThat(gauge.find()).as("tomcat_sessions_active_current_sessions on /actuator/prometheus").isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theJarRefusesATrustedProxyThatIsNotAnAddressNamingIt() throws Exception {
        String log = startupFailure(Map.of("ZOHO_TRUSTED_PROXIES", "10.0.0.0/8,proxy.internal"));
        assertThat(log).contains("zoho.trusted-proxies").contains("'proxy.internal' is not an IP address or CIDR range");
    }

    @Test
    void theJarRunsOnPostgresWithTheProfileAndDatabaseVariablesAlone() throws Exception {
        DriverManagerDataSource database = (DriverManagerDataSource) TestDatabases.postgres();
        int port = IntegrationTestPorts.freePort();
        String redirectUri = "http://localhost:" + port + "/oauth/callback";
        try (ZohoSimulator zoho = new ZohoSimulator(SimulatorConfig.onFreePort(new RegisteredApp(CLIENT_ID, CLIENT_SECRET,
                redirectUri)), Clock.systemUTC())) {
            zoho.start();
            new SimulatorClient(zoho.port()).settings(Map.of("autoApprove", true));
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "ZOHO_CLIENT_ID", CLIENT_ID,
                    "ZOHO_CLIENT_SECRET", CLIENT_SECRET,
                    "ZOHO_REDIRECT_URI", redirectUri,
                    "ZOHO_ADMIN_API_KEY", ADMIN_KEY,
                    "ZOHO_CONNECT_ENCRYPTION_KEY", KEY,
                    "PORT", Integer.toString(port),
                    "SPRING_PROFILES_ACTIVE", "postgres,cluster",
                    "DATABASE_URL", database.getUrl(),
                    "DATABASE_USER", TestDatabases.POSTGRES_USER,
                    "DATABASE_PASSWORD", ""));
            env.put("SPRING_APPLICATION_JSON", "{\"zoho\":{\"datacenters\":{\"eu\":{\"accounts-url\":\""
                    + zoho.accountsUrl("eu") + "\",\"api-domain\":\"" + zoho.apiDomain("eu", "production") + "\"}}}}");
            ServiceClient service = new ServiceClient(port, ADMIN_KEY);
            Path log = log("postgres");
            Process node = start(env, log);
            try {
                awaitReady(service, node, log);
                assertThat(service.connect("jar-pg", "eu", "production").callback().statusCode()).isEqualTo(200);
            } finally {
                stop(node);
            }
            // the connection is in the database DATABASE_URL names, sealed with the operator's key
            assertThat(JdbcClient.create(database).sql("SELECT key_id FROM zoho_connection WHERE id = 'jar-pg'")
                    .query(String.class).single()).isEqualTo(EncryptionKey.fromBase64(KEY, "test").id());
        }
    }

    @Test
    void theJarRefusesAnInMemoryDatabaseSayingHowToConfigureAPersistentOne() throws Exception {
        String log = startupFailure(Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:lost;DB_CLOSE_DELAY=-1"));
        assertThat(log).contains("Refusing to start on an in-memory database (jdbc:h2:mem:lost)")
                .contains("ZOHO_DATA_DIR").contains("DATABASE_URL");
    }

    @Test
    void theSimulatorCannotBeSwitchedOnInTheJar() throws Exception {
        String log = startupFailure(Map.of("ZOHO_SIMULATOR_ENABLED", "true"));
        assertThat(log).contains("zoho.simulator.enabled=true, but this build has no Zoho simulator");
    }

    /** Starts the jar with valid settings plus {@code extra}, expects it to exit non-zero, returns its output. */
    private String startupFailure(Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "ZOHO_CLIENT_ID", CLIENT_ID,
                "ZOHO_CLIENT_SECRET", CLIENT_SECRET,
                "ZOHO_ADMIN_API_KEY", ADMIN_KEY,
                "ZOHO_CONNECT_ENCRYPTION_KEY", KEY,
                "PORT", Integer.toString(IntegrationTestPorts.freePort())));
        env.putAll(extra);
        Path log = log("failure-" + extra.keySet().iterator().next());
        Process process = start(env, log);
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the jar should refuse to start").isTrue();
            assertThat(process.exitValue()).isNotZero();
        } finally {
            stop(process);
        }
        return Files.readString(log);
    }

    private Process start(Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar().toString())
                .directory(emptyDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // nothing of this machine's configuration leaks in: the environment is the operator's alone
        builder.environment().keySet().removeIf(name -> name.startsWith("ZOHO_") || name.startsWith("DATABASE_")
                || name.startsWith("SPRING_") || name.equals("PORT"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitReady(ServiceClient service, Process process, Path log) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the jar exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            return service.get("/actuator/health/readiness").statusCode() == 200;
        });
    }

    /** SIGTERM, as a service manager stops it. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The jar's output, kept under target/ for a failed build to show. */
    private static Path log(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "packaged-jar-it")).resolve(name + ".log").toAbsolutePath();
    }

    private static int countOf(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("zoho-connect-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run ./mvnw verify"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
