package io.zohoconnect.datacenter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.zohoconnect.datacenter.DataCenterSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The data-center table: Zoho's eight documented DCs, each value overridable and new DCs added by
 * configuration alone ({@code zoho.datacenters.<code>.*}).
 */
@Component
public final class DataCenters {

    /** ZOHO-API.md §1, spelled out host by host: no host is derived from another. */
    static final List<DataCenter> BUILT_IN = List.of(
            new DataCenter("us", "https://accounts.zoho.com", "https://www.zohoapis.com",
                    "https://sandbox.zohoapis.com", "https://developer.zohoapis.com", null),
            new DataCenter("eu", "https://accounts.zoho.eu", "https://www.zohoapis.eu",
                    "https://sandbox.zohoapis.eu", "https://developer.zohoapis.eu", null),
            new DataCenter("in", "https://accounts.zoho.in", "https://www.zohoapis.in",
                    "https://sandbox.zohoapis.in", "https://developer.zohoapis.in", null),
            new DataCenter("au", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au",
                    "https://sandbox.zohoapis.com.au", "https://developer.zohoapis.com.au", null),
            new DataCenter("cn", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn",
                    "https://sandbox.zohoapis.com.cn", "https://developer.zohoapis.com.cn", null),
            new DataCenter("jp", "https://accounts.zoho.jp", "https://www.zohoapis.jp",
                    "https://sandbox.zohoapis.jp", "https://developer.zohoapis.jp", null),
            new DataCenter("ca", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca",
                    "https://sandbox.zohoapis.ca", "https://developer.zohoapis.ca", null),
            new DataCenter("sa", "https://accounts.zoho.sa", "https://www.zohoapis.sa",
                    "https://sandbox.zohoapis.sa", "https://developer.zohoapis.sa", null));

    private final Map<String, DataCenter> byCode;

    @Autowired
    public DataCenters(DataCenterOverrides overrides) {
        this(overrides.byCode());
    }

    public DataCenters(Map<String, DataCenterSettings> overrides) {
        Map<String, DataCenter> table = new LinkedHashMap<>();
        BUILT_IN.forEach(dc -> table.put(dc.code(), dc));
        List<String> problems = new ArrayList<>();
        overrides.forEach((rawCode, settings) -> {
            String code = rawCode.toLowerCase(Locale.ROOT);
            DataCenter base = table.get(code);
            DataCenter merged = new DataCenter(code,
                    pick(settings.accountsUrl(), base == null ? null : base.accountsUrl()),
                    pick(settings.apiDomain(), base == null ? null : base.apiDomain()),
                    pick(settings.sandboxApiDomain(), base == null ? null : base.sandboxApiDomain()),
                    pick(settings.developerApiDomain(), base == null ? null : base.developerApiDomain()),
                    settings.clientSecret());
            if (merged.accountsUrl() == null || merged.accountsUrl().startsWith("invalid:")) {
                problems.add("zoho.datacenters." + code + ".accounts-url is missing or not an absolute URL");
            }
            if (merged.apiDomain() == null || merged.apiDomain().startsWith("invalid:")) {
                problems.add("zoho.datacenters." + code + ".api-domain is missing or not an absolute URL");
            }
            table.put(code, merged);
        });
        Map<String, String> accountsOwners = new LinkedHashMap<>();
        table.values().forEach(dc -> {
            String previous = accountsOwners.putIfAbsent(dc.accountsUrl(), dc.code());
            if (previous != null) {
                problems.add("zoho.datacenters." + dc.code() + ".accounts-url repeats the accounts server of " + previous
                        + ": each data center needs its own");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid data-center configuration:\n  " + String.join("\n  ", problems));
        }
        this.byCode = Collections.unmodifiableMap(table);
    }

    /** The DC Zoho names by its {@code location} code (us, eu, in, au, cn, jp, ca, sa, …). */
    public Optional<DataCenter> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.trim().toLowerCase(Locale.ROOT)));
    }

    /** The DC of a stored connection; it must still be configured, since tokens go only to configured hosts. */
    public DataCenter require(String code) {
        return byCode(code).orElseThrow(() -> new IllegalStateException("data center '" + code
                + "' is no longer configured (zoho.datacenters." + code + ".*)"));
    }

    /** The DC whose configured accounts server is exactly {@code url}. */
    public Optional<DataCenter> byAccountsServer(String url) {
        if (url == null) {
            return Optional.empty();
        }
        return byCode.values().stream().filter(dc -> dc.isAccountsServer(url)).findFirst();
    }

    /**
     * {@code url} as the configured API domain of some DC for {@code environment}, or empty: an
     * {@code api_domain} in a token response is trusted only when it is one of ours, since every CRM
     * call of the connection sends its access token there.
     */
    public Optional<String> knownApiDomain(String url, Environment environment) {
        String normalized = Urls.normalize(url);
        return byCode.values().stream().map(dc -> dc.apiDomain(environment))
                .filter(domain -> domain != null && domain.equals(normalized)).findFirst();
    }

    public Collection<DataCenter> all() {
        return byCode.values();
    }

    private static String pick(String configured, String fallback) {
        return configured == null || configured.isBlank() ? fallback : configured;
    }
}
