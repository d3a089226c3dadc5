package io.zohoconnect.crm;

import java.util.function.UnaryOperator;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.credentials.AccessToken;
import io.zohoconnect.credentials.TokenRefresher;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * {@code zohoAuth}: gives an exchange the credentials of the connection named in
 * {@code ZohoConnectionId} — {@code Authorization: Zoho-oauthtoken …}, {@code ZohoApiDomain}, and
 * with {@code ZohoCrmPath} also {@code CamelHttpUri}. Any inbound {@code Authorization} is dropped.
 * A thin processor over {@link TokenRefresher}, which owns the tokens: its cache makes the warm path
 * one map lookup and a clock read — no I/O, no lock, no allocation.
 * <p>
 * It has no connection of its own: the header is its only input. A route that takes messages from outside
 * (platform-http, AMQP, a Kamelet) must set the header itself ({@code setHeader} with a constant, or a value
 * it has checked) — otherwise the sender chooses the connection. The {@code zoho-crm} component pins it with
 * its {@code connectionId} option instead.
 */
@Component("zohoAuth")
public final class ZohoAuthEnricher implements Processor {

    static final String AUTHORIZATION = "Authorization";
    static final String SCHEME = AccessToken.SCHEME;

    private final TokenRefresher tokens;
    private final UnaryOperator<String> normalizePath;

    public ZohoAuthEnricher(TokenRefresher tokens, CrmPaths paths) {
        this.tokens = tokens;
        this.normalizePath = paths::normalize;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object header = message.getHeader(ZohoHeaders.CONNECTION_ID);
        if (header == null || header.toString().isEmpty()) {
            throw new MissingConnectionIdException();
        }
        AccessToken token = tokens.accessToken(header.toString());
        // headers are case-insensitive: this replaces any inbound Authorization, whatever its spelling
        message.setHeader(AUTHORIZATION, token.authorization());
        message.setHeader(ZohoHeaders.API_DOMAIN, token.apiDomain());
        Object path = message.getHeader(ZohoHeaders.CRM_PATH);
        if (path != null) {
            message.setHeader(Exchange.HTTP_URI, token.url(path.toString(), normalizePath));
        }
    }

    /** Forgets this node's cached token of a changed connection ({@link TokenRefresher} also hears changes itself). */
    void onChange(ConnectionChanged change) {
        tokens.forget(change.connectionId());
    }
}
