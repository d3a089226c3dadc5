package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;

import io.zohoconnect.support.MutableClock;
import io.zohoconnect.support.SimulatorClient;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The simulator runs in the application only when enabled, with the app's client and clock. */
class SimulatorConfigurationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(SimulatorConfiguration.class)
            .withBean(Clock.class, () -> clock)
            .withPropertyValues("zoho.client-id=1000.CTX", "zoho.client-secret=ctx-secret",
                    "zoho.redirect-uri=http://localhost:8080/oauth/callback");

    @Test
    void disabledByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ZohoSimulator.class));
    }

    @Test
    void enabledStartsWithTheConfiguredDefaultsAndStopsOnClose() {
        ZohoSimulator[] started = new ZohoSimulator[1];
        runner.withPropertyValues("zoho.simulator.enabled=true", "zoho.simulator.port=0", "zoho.simulator.auto-approve=true",
                "zoho.simulator.token-lifetime=30m", "zoho.simulator.refresh-limit=3", "zoho.simulator.throttle-status=400")
                .run(context -> {
                    ZohoSimulator simulator = context.getBean(ZohoSimulator.class);
                    started[0] = simulator;
                    assertThat(simulator.isRunning()).isTrue();
                    var settings = new SimulatorClient(simulator.port()).send("GET", "/_sim/settings", null);
                    assertThat(settings.get("autoApprove").asBoolean()).isTrue();
                    assertThat(settings.get("tokenLifetimeSeconds").asInt()).isEqualTo(1800);
                    assertThat(settings.get("refreshLimit").asInt()).isEqualTo(3);
                    assertThat(settings.get("throttleStatus").asInt()).isEqualTo(400);
                });
        assertThat(started[0].isRunning()).isFalse();
    }

    @Test
    void acceptsTheApplicationsClientAndUsesTheContextClock() {
        runner.withPropertyValues("zoho.simulator.enabled=true", "zoho.simulator.port=0", "zoho.simulator.auto-approve=true")
                .run(context -> {
                    ZohoSimulator simulator = context.getBean(ZohoSimulator.class);
                    var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                    var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.accountsUrl("eu")
                            + "/oauth/v2/auth?client_id=1000.CTX&response_type=code&scope=ZohoCRM.org.READ&access_type=offline"
                            + "&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Foauth%2Fcallback&state=s")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(302);
                    String location = response.headers().firstValue("Location").orElseThrow();
                    String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"),
                            java.nio.charset.StandardCharsets.UTF_8);

                    clock.advance(java.time.Duration.ofMinutes(3));
                    var exchange = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            simulator.accountsUrl("eu") + "/oauth/v2/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=1000.CTX"
                                    + "&client_secret=ctx-secret&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Foauth%2Fcallback&code="
                                    + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8))).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(exchange.body()).as("the context clock expired the code").contains("invalid_code");
                });
    }
}
