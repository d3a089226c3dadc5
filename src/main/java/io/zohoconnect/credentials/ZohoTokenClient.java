package io.zohoconnect.credentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.ZohoTokenException.Kind;
import io.zohoconnect.datacenter.DataCenter;

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
    private final CredentialsSettings properties;

    public ZohoTokenClient(ProducerTemplate producer, TokenResponseParser parser, CredentialsSettings properties) {
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
        TokenResponse response = parse(dc, reply);
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
        return parse(dc, reply);
    }

    /** Parses a token answer; a refusal of our client is reworded to say it is a configuration error of that DC. */
    private TokenResponse parse(DataCenter dc, Reply reply) {
        try {
            return parser.parse(reply.status(), reply.body());
        } catch (ZohoTokenException e) {
            if (!e.isClientMisconfigured()) {
                throw e;
            }
            throw new ZohoTokenException(Kind.CLIENT_MISCONFIGURED, e.zohoError(), e.getMessage()
                    + ": a configuration error of this service for data center " + dc.code() + ", not a problem of"
                    + " the Zoho account. Check zoho.client-id, the client secret of that data center (zoho.datacenters."
                    + dc.code() + ".client-secret or zoho.client-secret) and zoho.redirect-uri");
        }
    }

    /**
     * Revokes a refresh token and its access tokens at the DC's accounts server (from the DC table,
     * never from a stored row). Returns when Zoho confirms ({@code {"status":"success"}}) or answers
     * that it does not know the token (HTTP 400, see {@link TokenResponseParser#saysUnknownToken});
     * throws for anything else — the throttle, an HTML page, another error — since the token may
     * still be alive and the caller must keep it to try again.
     */
    public Revocation revoke(DataCenter dc, Secret refreshToken) {
        Reply reply = post(dc.accountsUrl() + "/oauth/v2/token/revoke", Map.of("token", refreshToken.value()));
        if (parser.saysThrottled(reply.body())) {
            throw new ZohoTokenException(Kind.THROTTLED, "Access Denied", "Zoho throttled the revoke (Access Denied,"
                    + " HTTP " + reply.status() + "): the token may still be valid");
        }
        if (reply.status() == 200 && parser.confirmsSuccess(reply.body())) {
            return Revocation.CONFIRMED;
        }
        if (reply.status() == 400 && parser.saysUnknownToken(reply.body())) {
            return Revocation.ALREADY_REVOKED;
        }
        throw new ZohoTokenException(Kind.TRANSIENT, null, "Zoho's revoke endpoint answered HTTP " + reply.status()
                + " without confirming the revocation: the token may still be valid");
    }

    /** How Zoho answered a revoke it did not refuse. */
    public enum Revocation {
        /** {@code {"status":"success"}}. */
        CONFIRMED,
        /** Zoho does not know the token (any more): nothing is live. */
        ALREADY_REVOKED
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
