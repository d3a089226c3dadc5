package io.zohoconnect.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoConnectApplication;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.datacenter.Environment;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the end-to-end benchmarks share: a simulator in its own JVM, a service in this one, real grants. */
final class BenchSupport {

    static final String CLIENT_ID = "1000.BENCH";
    static final String CLIENT_SECRET = "bench-client-secret";
    static final String REDIRECT_URI = "http://localhost:1/oauth/callback";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private BenchSupport() {
    }

    /** The Zoho simulator in a JVM of its own, so the service's CPU is measured alone. */
    static final class SimulatorJvm implements AutoCloseable {
        final Process process;
        final String base;

        SimulatorJvm(long tokenLatencyMillis) throws Exception {
            this(tokenLatencyMillis, REDIRECT_URI);
        }

        SimulatorJvm(long tokenLatencyMillis, String redirectUri) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                    SimulatorProcess.class.getName(), CLIENT_ID, CLIENT_SECRET, redirectUri, String.valueOf(tokenLatencyMillis))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String port = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("port=")) {
                    port = line.substring(5);
                    break;
                }
            }
            if (port == null) {
                throw new IllegalStateException("the simulator process did not report its port");
            }
            base = "http://127.0.0.1:" + port;
        }

        JsonNode control(String method, String path, String json) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    /** The service, pointed at the simulator for the EU data center, on an in-memory H2 database. */
    static ConfigurableApplicationContext service(String simulatorBase, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:bench-" + name
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--zoho.allow-in-memory-database=true",
                "--zoho.client-id=" + CLIENT_ID,
                "--zoho.client-secret=" + CLIENT_SECRET,
                "--zoho.redirect-uri=" + REDIRECT_URI,
                "--zoho.admin.api-key=bench-admin-key-0123456789abcdef",
                "--zoho.crypto.key=3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "--zoho.data-dir=target/bench-data",
                "--zoho.events.uri=log:zoho-events?level=DEBUG",
                "--zoho.datacenters.eu.accounts-url=" + simulatorBase + "/eu/accounts",
                "--zoho.datacenters.eu.api-domain=" + simulatorBase + "/eu/api",
                "--zoho.refresh.scheduler-enabled=false",
                "--zoho.examples.contacts-schedule=0 0 0 1 1 ? 2099",
                "--logging.level.io.zohoconnect=WARN"));
        for (String override : extra) {
            String key = override.substring(0, override.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(override);
        }
        return new SpringApplicationBuilder(ZohoConnectApplication.class).run(args.toArray(String[]::new));
    }

    /** A real grant at the simulator (consent + code exchange), stored as connection {@code id}. */
    static void connect(ConnectionStore store, String base, String id) throws Exception {
        connect(store, base, id, List.of("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL"));
    }

    /** As {@link #connect(ConnectionStore, String, String)}, granted {@code scopes}. */
    static void connect(ConnectionStore store, String base, String id, List<String> scopes) throws Exception {
        String authorize = base + "/eu/accounts/oauth/v2/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=" + String.join(",", scopes) + "&access_type=offline&prompt=consent&state=s"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8);
        String location = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        String form = "grant_type=authorization_code&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8) + "&code=" + code;
        JsonNode tokens = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/eu/accounts/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body());
        store.saveGrant(new NewGrant(id, "eu", Environment.PRODUCTION, base + "/eu/accounts", base + "/eu/api",
                scopes, new Secret(tokens.path("refresh_token").asText()),
                new Secret(tokens.path("access_token").asText()), Instant.now().plus(Duration.ofHours(1)), null));
    }
}
