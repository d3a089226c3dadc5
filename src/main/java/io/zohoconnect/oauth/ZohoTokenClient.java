package io.zohoconnect.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.oauth.ZohoTokenException.Kind;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Zoho's token endpoint: code exchange, refresh and revoke (ZOHO-API.md §4–§6), over camel-http
 * (route {@code zoho-accounts}). Callers pass a DC from the DC table, never a URL from a browser:
 * the request carries the client secret.
 */
@Component
public class ZohoTokenClient {

    static final String ENDPOINT = "direct:zoho-accounts";

    private final ProducerTemplate producer;
    private final TokenResponseParser parser;
    private final ZohoProperties properties;

    public ZohoTokenClient(ProducerTemplate producer, TokenResponseParser parser, ZohoProperties properties) {
        this.producer = producer;
        this.parser = parser;
        this.properties = properties;
    }

    public TokenResponse exchangeCode(DataCenter dc, String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", properties.clientId());
        form.put("client_secret", clientSecret(dc));
        form.put("redirect_uri", properties.redirectUri());
        form.put("code", code);
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        Reply reply = post(dc.accountsUrl() + "/oauth/v2/token", form);
        TokenResponse response = parser.parse(reply.status(), reply.body());
        if (response.refreshToken() == null) {
            throw new ZohoTokenException(Kind.PERMANENT, null, "Zoho returned no refresh token for the code:"
                    + " the authorization must request access_type=offline and prompt=consent");
        }
        return response;
    }

    public TokenResponse refresh(DataCenter dc, String accountsServer, Secret refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", properties.clientId());
        form.put("client_secret", clientSecret(dc));
        form.put("refresh_token", refreshToken.value());
        Reply reply = post(accountsServer + "/oauth/v2/token", form);
        return parser.parse(reply.status(), reply.body());
    }

    /**
     * Revokes a refresh token and its access tokens. Returns normally when Zoho confirms
     * ({@code {"status":"success"}}) or no longer knows the token (HTTP 400: already revoked); throws
     * when the outcome is anything else — an HTML page, an error body, a throttle — since the token
     * may still be alive and the caller must keep it to try again.
     */
    public void revoke(String accountsServer, Secret refreshToken) {
        Reply reply = post(accountsServer + "/oauth/v2/token/revoke", Map.of("token", refreshToken.value()));
        if (reply.status() == 400 || reply.status() == 200 && parser.confirmsSuccess(reply.body())) {
            return;
        }
        throw new ZohoTokenException(Kind.TRANSIENT, null, "Zoho's revoke endpoint answered HTTP " + reply.status()
                + " without confirming the revocation: the token may still be valid");
    }

    private String clientSecret(DataCenter dc) {
        return dc.dedicatedClientSecret().orElse(properties.clientSecret());
    }

    private Reply post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Exchange result = producer.send(ENDPOINT, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_URI, url);
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            exchange.getIn().setHeader("Accept", "application/json");
            exchange.getIn().setBody(body);
        });
        if (result.getException() != null) {
            Exception e = result.getException();
            throw new ZohoTokenException(Kind.TRANSIENT, "could not reach Zoho's accounts server ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new Reply(status == null ? 0 : status, result.getMessage().getBody(String.class));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Reply(int status, String body) {
    }
}
