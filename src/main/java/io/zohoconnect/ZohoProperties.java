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
 * missing or invalid value stops the service with one clear line per problem. The {@code @param}
 * texts are the settings' descriptions in the jar's configuration metadata and the user guide.
 *
 * @param clientId     Client id of the Zoho server-based application (Zoho API console). Env ZOHO_CLIENT_ID. Required.
 * @param clientSecret Client secret of that application, for every data center unless the data center has its own
 *                     (zoho.datacenters.<dc>.client-secret). Env ZOHO_CLIENT_SECRET. Required.
 * @param redirectUri  The redirect URI registered for the application, exactly: https://<your-host>/oauth/callback.
 *                     Env ZOHO_REDIRECT_URI.
 * @param scopes       Scopes a connect asks for unless it names its own. The default includes COQL, Bulk Read and
 *                     notifications, so mode=bulk and mode=notifications work without a new consent.
 * @param apiVersion   Zoho CRM API version of every call (a path relative to the version, such as Leads, gets it).
 * @param publicUrl    The service's base URL as Zoho reaches it (https://..., no trailing slash): Zoho calls it back
 *                     for mode=notifications (required there) and for Bulk Read jobs (without it, jobs are polled).
 *                     Env ZOHO_PUBLIC_URL.
 * @param pkce         Whether the authorization request carries a PKCE challenge (S256).
 * @param dataDir      Folder of the embedded H2 database, a generated encryption key and Bulk Read downloads.
 *                     Env ZOHO_DATA_DIR.
 * @param nodeId       This node's name in refresh and sync leases; default host, pid and a random suffix. Each lease
 *                     also carries a random token, so two nodes with one name still refresh once.
 * @param datacenters  Overrides of the built-in data-center table, or new data centers, by code (us, eu, in, au, cn,
 *                     jp, ca, sa, ...): accounts-url, api-domain, sandbox-api-domain, developer-api-domain, and an
 *                     optional client-secret for that data center.
 * @param crypto       Encryption of tokens and other secrets at rest.
 * @param state        The authorization flow's state.
 * @param admin        The admin key, the dashboard login and connect links.
 * @param events       Where connection lifecycle events go.
 * @param returnTo     Where a finished authorization may send the browser.
 * @param refresh      The token refresh engine.
 * @param crm          CRM calls: the org's concurrency limit, retries and dead letters.
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

    /**
     * Overrides or additions to the built-in data-center table (see ZOHO-API.md §1).
     *
     * @param accountsUrl        The data center's accounts server, e.g. https://accounts.zoho.eu.
     * @param apiDomain          Its production CRM API domain, e.g. https://www.zohoapis.eu.
     * @param sandboxApiDomain   Its sandbox CRM API domain.
     * @param developerApiDomain Its developer CRM API domain.
     * @param clientSecret       The client secret for this data center, when it is not zoho.client-secret.
     */
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

    /**
     * Encryption at rest: a base64 AES-256 key, or one generated into the data directory.
     *
     * @param key          Base64 AES-256 key (32 bytes) that seals tokens at rest; every node of a cluster needs the
     *                     same one. Without it a key is generated into the data directory, which profiles postgres
     *                     and cluster refuse. Env ZOHO_CONNECT_ENCRYPTION_KEY.
     * @param previousKeys Older keys still accepted for reading while a rotation is under way.
     */
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

    /** @param ttl How long a started authorization may take to come back through the callback. */
    public record State(
            @DefaultValue("10m") @NotNull Duration ttl) {
    }

    /**
     * The admin key guards /api/** (Bearer) and the dashboard login (user admin). A client address
     * with {@code max-failed-logins} wrong keys or passwords within {@code failed-login-window} is
     * refused (429) until the window has passed. At most {@code max-sessions} dashboard logins are
     * live at once (the one used least recently is signed out to make room).
     *
     * @param apiKey            Bearer key of /api/** and /actuator/prometheus, and the dashboard password of user
     *                          admin; at least 24 characters. Env ZOHO_ADMIN_API_KEY. Required.
     * @param allowWeakKey      Demo and tests only: accept an admin key shorter than 24 characters.
     * @param connectLinkTtl    Lifetime of a single-use connect link.
     * @param maxFailedLogins   Wrong admin keys or login passwords a client address may send within
     *                          failed-login-window before it is refused with 429 until the window has passed (per node).
     * @param failedLoginWindow The window of max-failed-logins.
     * @param maxSessions       Dashboard logins live at once (1–100,000); at the cap the session used least recently
     *                          is signed out to make room. Anonymous requests never create a session.
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

    /**
     * @param uri Where connection lifecycle events go: any Camel endpoint URI (log, seda, jms, kafka, an http webhook).
     */
    public record Events(
            @DefaultValue("log:zoho-events") @NotBlank String uri) {
    }

    /**
     * Origins (scheme://host[:port]) that the callback may redirect back to.
     *
     * @param allowedOrigins Origins (scheme://host[:port]) that /connect?return_to= may send the browser back to,
     *                       besides local paths.
     */
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
     *
     * @param margin             Tokens that expire within this are refreshed.
     * @param schedule           The refresh timer, a Quartz cron expression (seconds first).
     * @param concurrency        Refreshes in parallel per node.
     * @param batchSize          Due connections a refresh pass reads from the database at a time.
     * @param minBackoff         First retry delay after a failed refresh; it doubles, with jitter, up to max-backoff.
     * @param throttleBackoff    Shortest retry delay after Zoho throttled a refresh (Access Denied).
     * @param maxBackoff         Longest retry delay after failed refreshes.
     * @param minInterval        At most one refresh per connection per interval, unless Zoho rejected the token.
     * @param maxTokenAge        A token not refreshed for this long is refreshed even when it is not due.
     * @param leaseDuration      How long a node may hold a connection's refresh lease before another node may take it.
     * @param clientErrorBackoff Retry delay while Zoho refuses this service's client configuration for a data center
     *                           (CLIENT_MISCONFIGURED).
     * @param schedulerEnabled   Tests only: whether the refresh timer runs at all.
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
     *
     * @param defaultEdition     Zoho edition whose concurrent-call limit applies to an org whose edition is not known
     *                           (FREE 5, STANDARD 10, PROFESSIONAL 15, ENTERPRISE 20, ULTIMATE 25 calls at once).
     * @param connections        Per connection id: its org's edition (edition), or an explicit concurrent-call limit
     *                           (max-concurrency; with several nodes, give each node its share).
     * @param maxRetries         Retries of a CRM call after a 429, a 5xx, an I/O error or a truncated answer (5xx and
     *                           I/O only for calls that are safe to repeat).
     * @param initialBackoff     First retry delay of a CRM call; it doubles, with jitter, up to max-backoff.
     * @param maxBackoff         Longest retry delay of a CRM call.
     * @param maxRetryAfter      Longest Retry-After of a 429 that is waited out.
     * @param writeDeadLetterUri Where batched writes send the records Zoho refused (any Camel endpoint URI), unless the
     *                           endpoint or the component names another.
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

    /**
     * Per-connection CRM settings: its org's edition, or an explicit concurrent-call limit.
     *
     * @param edition        The org's Zoho edition, whose concurrent-call limit applies.
     * @param maxConcurrency An explicit concurrent-call limit for the org, instead of the edition's.
     */
    public record CrmConnection(ZohoEdition edition, @Min(1) Integer maxConcurrency) {
    }

    @Override
    public String toString() {
        return "ZohoProperties[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
}
