package io.zohoconnect.datacenter;

import java.util.Objects;
import java.util.Optional;

/**
 * One Zoho data center: where its users log in and where its CRM API lives, per environment.
 * Hosts come from an explicit table, never from templating a TLD (CA: accounts.zohocloud.ca but
 * www.zohoapis.ca).
 */
public record DataCenter(
        String code,
        String accountsUrl,
        String apiDomain,
        String sandboxApiDomain,
        String developerApiDomain,
        String clientSecret) {

    public DataCenter {
        Objects.requireNonNull(code, "code");
        accountsUrl = Urls.normalize(accountsUrl);
        apiDomain = Urls.normalize(apiDomain);
        sandboxApiDomain = Urls.normalize(sandboxApiDomain);
        developerApiDomain = Urls.normalize(developerApiDomain);
    }

    public String apiDomain(Environment environment) {
        return switch (environment) {
            case PRODUCTION -> apiDomain;
            case SANDBOX -> sandboxApiDomain;
            case DEVELOPER -> developerApiDomain;
        };
    }

    /** A per-DC client secret, for apps registered without Zoho's "same credentials for all DCs". */
    public Optional<String> dedicatedClientSecret() {
        return Optional.ofNullable(clientSecret).filter(s -> !s.isBlank());
    }

    /** True when {@code url} names this DC's accounts server (scheme, host and port; no path tricks). */
    public boolean isAccountsServer(String url) {
        return accountsUrl.equals(Urls.normalize(url));
    }

    @Override
    public String toString() {
        // the client secret stays out of logs and error messages
        return "DataCenter[" + code + ", accounts=" + accountsUrl + "]";
    }
}
