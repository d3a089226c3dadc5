package io.zohoconnect;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.web.QueryParams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever happens, the logs never show a token, a code, the client secret or the encryption key. */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;

    @Test
    void noSecretReachesTheLogs(CapturedOutput output) {
        List<String> secrets = new ArrayList<>(List.of("test-client-secret-7f3a9c", "test-admin-key-0123456789abcdef",
                "b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU="));

        ServiceClient.ConnectFlow ok = service.connect("logs-ok", "eu", "production");
        secrets.add(QueryParams.parse(URI.create(ok.callbackUrl()).getRawQuery()).get("code"));
        service.connect("logs-ok", "eu", "production"); // re-consent: revokes the first grant

        simulator.fault("token", "truncated_json", 1);
        ServiceClient.ConnectFlow broken = service.connect("logs-broken", "us", "production");
        secrets.add(QueryParams.parse(URI.create(broken.callbackUrl()).getRawQuery()).get("code"));

        simulator.fault("token", "invalid_code", 1);
        service.connect("logs-invalid", "us", "production");
        service.get(ok.callbackUrl()); // replayed state
        service.get("/oauth/callback?" + ServiceClient.query(Map.of("state", "x", "code", "1000.forged-code",
                "location", "eu", "accounts-server", "https://evil.example")));
        Connection stored = connections.find("logs-ok").orElseThrow();
        secrets.add(stored.refreshToken().value());
        secrets.add(stored.accessToken().value());
        service.sendAsAdmin("DELETE", "/api/connections/logs-ok", null);

        assertThat(secrets).allSatisfy(secret -> assertThat(output.getAll()).doesNotContain(secret));
        assertThat(output.getAll()).doesNotContainPattern("1000\\.[0-9a-f]{16,}");
    }
}
