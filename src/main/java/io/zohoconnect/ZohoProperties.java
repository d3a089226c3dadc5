package io.zohoconnect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zohoconnect.crm.ZohoEdition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the service under the {@code zoho} prefix, validated at start-up so that a
 * missing or invalid value stops the service with one clear line per problem.
 */
@Validated
@ConfigurationProperties("zoho")
public record ZohoProperties(
        @NotBlank(message = "is missing: set ZOHO_CLIENT_ID to the client id of your Zoho server-based app")
        String clientId,
        @NotBlank(message = "is missing: set ZOHO_CLIENT_SECRET to the client secret of your Zoho server-based app")
        String clientSecret,
        @NotBlank(message = "is missing: set it to the redirect URI registered for your Zoho app, e.g. https://your-host/oauth/callback")
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an absolute http(s) URL without query or fragment")
        String redirectUri,
        @DefaultValue({"ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ",
                "ZohoCRM.coql.READ", "ZohoCRM.bulk.READ", "ZohoCRM.notifications.READ", "ZohoCRM.notifications.CREATE",
                "ZohoCRM.notifications.UPDATE", "ZohoCRM.notifications.DELETE"})
        @NotEmpty(message = "must name at least one Zoho scope")
        List<@Pattern(regexp = "[A-Za-z0-9._]+", message = "must be a Zoho scope such as ZohoCRM.modules.ALL") String> scopes,
        @DefaultValue("v8") @Pattern(regexp = "v[0-9]+", message = "must look like v8") String apiVersion,
        // the service's externally reachable base URL: Zoho calls it back (notifications, bulk jobs);
        // empty means Zoho cannot reach us (notifications mode refused, bulk jobs polled)
        @Pattern(regexp = "(https?://[^\\s?#]+[^/\\s?#])?", message = "must be the service's absolute http(s) base URL"
                + " as Zoho reaches it, without query, fragment or trailing slash, e.g. https://zoho-connect.example.com")
        String publicUrl,
        @DefaultValue("true") boolean pkce,
        @DefaultValue("./data") @NotNull Path dataDir,
        String nodeId,
        Map<String, @Valid DataCenterSettings> datacenters,
        @DefaultValue @Valid Crypto crypto,
        @DefaultValue @Valid State state,
        @DefaultValue @Valid Admin admin,
        @DefaultValue @Valid Events events,
        @DefaultValue @Valid ReturnTo returnTo,
        @DefaultValue @Valid Refresh refresh,
        @DefaultValue @Valid Crm crm) {

    public ZohoProperties {
        datacenters = datacenters == null ? Map.of() : Map.copyOf(datacenters);
        scopes = List.copyOf(scopes);
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.trim();
    }

    /** Whether Zoho can call this service back ({@code zoho.public-url} is set). */
    public boolean hasPublicUrl() {
        return publicUrl != null;
    }

    /** Overrides or additions to the built-in data-center table (see ZOHO-API.md §1). */
    public record DataCenterSettings(
            String accountsUrl,
            String apiDomain,
            String sandboxApiDomain,
            String developerApiDomain,
            String clientSecret) {

        @Override
        public String toString() {
            return "DataCenterSettings[" + accountsUrl + "]";
        }
    }

    /** Encryption at rest: a base64 AES-256 key, or one generated into the data directory. */
    public record Crypto(
            String key,
            List<String> previousKeys) {

        public Crypto {
            previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
        }

        @Override
        public String toString() {
            return "Crypto[key=" + (key == null ? "generated" : "***") + "]";
        }
    }

    public record State(
            @DefaultValue("10m") @NotNull Duration ttl) {
    }

    /**
     * The admin key guards /api/** (Bearer) and the dashboard login (user admin). A client address
     * with {@code max-failed-logins} wrong keys or passwords within {@code failed-login-window} is
     * refused (429) until the window has passed. At most {@code max-sessions} dashboard logins are
     * live at once (the one used least recently is signed out to make room).
     */
    public record Admin(
            String apiKey,
            @DefaultValue("false") boolean allowWeakKey,
            @DefaultValue("15m") @NotNull Duration connectLinkTtl,
            @DefaultValue("10") @Min(1) int maxFailedLogins,
            @DefaultValue("5m") @NotNull Duration failedLoginWindow,
            @DefaultValue("1000") @Min(value = 1, message = "must be at least 1 (live dashboard sessions)")
            @Max(value = 100_000, message = "must be at most 100000: each live session holds memory") int maxSessions) {

        @AssertTrue(message = "is missing or shorter than 24 characters: set ZOHO_ADMIN_API_KEY to a long random value (e.g. openssl rand -base64 32)")
        public boolean isApiKey() {
            return apiKey != null && (allowWeakKey ? !apiKey.isBlank() : apiKey.length() >= 24);
        }

        @Override
        public String toString() {
            return "Admin[apiKey=***]";
        }
    }

    public record Events(
            @DefaultValue("log:zoho-events") @NotBlank String uri) {
    }

    /** Origins (scheme://host[:port]) that the callback may redirect back to. */
    public record ReturnTo(
            List<String> allowedOrigins) {

        public ReturnTo {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /**
     * The refresh engine: refresh tokens expiring within {@code margin}, on {@code schedule}, at most
     * {@code concurrency} at a time; failures back off from {@code min-backoff} (throttling: at least
     * {@code throttle-backoff}) up to {@code max-backoff}; one refresh per connection per
     * {@code min-interval} unless Zoho rejected the token. A client-configuration error from Zoho
     * ({@code invalid_client}, …) is retried every {@code client-error-backoff}.
     */
    public record Refresh(
            @DefaultValue("10m") @NotNull Duration margin,
            @DefaultValue("0/30 * * * * ?") @NotBlank String schedule,
            @DefaultValue("8") @Min(1) int concurrency,
            @DefaultValue("200") @Min(1) int batchSize,
            @DefaultValue("30s") @NotNull Duration minBackoff,
            @DefaultValue("2m") @NotNull Duration throttleBackoff,
            @DefaultValue("30m") @NotNull Duration maxBackoff,
            @DefaultValue("1m") @NotNull Duration minInterval,
            @DefaultValue("1d") @NotNull Duration maxTokenAge,
            @DefaultValue("60s") @NotNull Duration leaseDuration,
            @DefaultValue("15m") @NotNull Duration clientErrorBackoff,
            @DefaultValue("true") boolean schedulerEnabled) {
    }

    /**
     * CRM calls: the per-org concurrency limit (by edition, or per connection), retries with backoff
     * for 429/5xx/IO (Retry-After honoured up to {@code max-retry-after}), and where failed records of
     * batched writes go.
     */
    public record Crm(
            @DefaultValue("ENTERPRISE") @NotNull ZohoEdition defaultEdition,
            Map<String, @Valid CrmConnection> connections,
            @DefaultValue("3") @Min(0) int maxRetries,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("20s") @NotNull Duration maxBackoff,
            @DefaultValue("60s") @NotNull Duration maxRetryAfter,
            @DefaultValue("log:zoho-write-dead-letter?level=WARN") @NotBlank String writeDeadLetterUri) {

        public Crm {
            connections = connections == null ? Map.of() : Map.copyOf(connections);
        }
    }

    /** Per-connection CRM settings: its org's edition, or an explicit concurrent-call limit. */
    public record CrmConnection(ZohoEdition edition, @Min(1) Integer maxConcurrency) {
    }

    @Override
    public String toString() {
        return "ZohoProperties[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
}
