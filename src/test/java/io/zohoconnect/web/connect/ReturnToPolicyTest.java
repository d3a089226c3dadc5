package io.zohoconnect.web.connect;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnToPolicyTest {

    private final ReturnToPolicy policy = new ReturnToPolicy(List.of("https://app.example.com", "http://localhost:3000"));

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "https://app.example.com/settings?tab=zoho#x",
            "https://APP.example.com:443/x", "http://localhost:3000/done", "/", "/dashboard?x=1"})
    void allowsLocalPathsAndListedOrigins(String url) {
        assertThat(policy.isAllowed(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.com", "https://app.example.com.evil.com/", "https://app.example.com@evil.com/",
            "http://app.example.com", "https://app.example.com:8443/", "//evil.com", "/\\evil.com", "\\\\evil.com",
            "javascript:alert(1)", "data:text/html,x", "https:evil.com", "evil.com", "/ok\r\nSet-Cookie: x=1",
            "https://user:pw@app.example.com/"})
    void refusesEverythingElse(String url) {
        assertThat(policy.isAllowed(url)).isFalse();
    }
}
