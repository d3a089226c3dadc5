package io.zohoconnect.web.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends IntegrationTest {

    @Test
    void describesEveryAdminOperationAsOpenApi3() {
        HttpResponse<String> response = service.getAsAdmin("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        java.nio.file.Path out = java.nio.file.Path.of("target", "openapi.json");
        try {
            java.nio.file.Files.writeString(out, response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode doc = service.json(response);
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(operations).containsExactlyInAnyOrder(
                "GET /api/connections", "GET /api/connections/{id}", "DELETE /api/connections/{id}",
                "POST /api/connections/{id}/refresh", "GET /api/connections/{id}/access-token",
                "GET /api/connections/{id}/events", "GET /api/events", "GET /api/syncs", "POST /api/syncs/{id}/run",
                "GET /api/crypto/keys", "POST /api/crypto/reencrypt", "POST /api/connect-links", "POST /api/keys",
                "GET /api/keys", "DELETE /api/keys/{id}", "GET /api/orgs/{org_id}/credits", "PUT /api/orgs/{org_id}/credits");
    }

    @Test
    void needsTheAdminKey() {
        assertThat(service.get("/api/openapi.json").statusCode()).isEqualTo(401);
    }
}
