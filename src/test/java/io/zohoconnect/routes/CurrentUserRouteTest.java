package io.zohoconnect.routes;

import java.net.http.HttpResponse;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/current-user.yaml: zohoAuth + toD, called over HTTP as a newcomer would. */
class CurrentUserRouteTest extends IntegrationTest {

    @Test
    void callsTheCrmOfTheNamedConnection() {
        service.connect("yaml-raw", "jp", "production");
        HttpResponse<String> response = service.getAsAdmin("/api/examples/current-user?connection_id=yaml-raw");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(service.json(response).path("users").get(0).path("email").asText()).contains("@");
        assertThat(simulator.counters().path("requestsByDc").path("jp").asInt()).isPositive();
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"));
    }

    @Test
    void needsTheAdminKey() {
        assertThat(service.get("/api/examples/current-user?connection_id=yaml-raw").statusCode()).isEqualTo(401);
    }
}
