package io.zohoconnect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zohoconnect.connection.CryptoSettings;
import io.zohoconnect.credentials.RefreshSettings;
import io.zohoconnect.credentials.ReturnToSettings;
import io.zohoconnect.credentials.StateSettings;
import io.zohoconnect.crm.CrmSettings;
import io.zohoconnect.datacenter.DataCenterSettings;
import io.zohoconnect.events.EventsSettings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the service under the {@code zoho} prefix, validated at start-up so that a
 * missing or invalid value stops the service with one clear line per problem. The {@code @param}
 * texts are the settings' descriptions in the jar's configuration metadata and the user guide.
 * Each package owns its settings records ({@code credentials.RefreshSettings}, {@code crm.CrmSettings},
 * …); this record only binds them under one prefix, so that one start-up names every problem at once,
 * and {@link PackageSettings} hands each package its own view. Records of other packages are bound as
 * nested groups ({@code @NestedConfigurationProperty}), so the metadata lists their settings one by one. Only the web edge reads it directly.
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
        @DefaultValue @Valid @NestedConfigurationProperty CryptoSettings crypto,
        @DefaultValue @Valid @NestedConfigurationProperty StateSettings state,
        @DefaultValue @Valid Admin admin,
        @DefaultValue @Valid @NestedConfigurationProperty EventsSettings events,
        @DefaultValue @Valid @NestedConfigurationProperty ReturnToSettings returnTo,
        @DefaultValue @Valid @NestedConfigurationProperty RefreshSettings refresh,
        @DefaultValue @Valid @NestedConfigurationProperty CrmSettings crm) {

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

    @Override
    public String toString() {
        return "ZohoProperties[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
}
