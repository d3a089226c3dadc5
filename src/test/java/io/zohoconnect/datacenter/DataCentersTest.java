package io.zohoconnect.datacenter;

import java.util.Map;

import io.zohoconnect.datacenter.DataCenterSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataCentersTest {

    private final DataCenters builtIn = new DataCenters(Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "us, https://accounts.zoho.com,       https://www.zohoapis.com,    https://sandbox.zohoapis.com,    https://developer.zohoapis.com",
            "eu, https://accounts.zoho.eu,        https://www.zohoapis.eu,     https://sandbox.zohoapis.eu,     https://developer.zohoapis.eu",
            "in, https://accounts.zoho.in,        https://www.zohoapis.in,     https://sandbox.zohoapis.in,     https://developer.zohoapis.in",
            "au, https://accounts.zoho.com.au,    https://www.zohoapis.com.au, https://sandbox.zohoapis.com.au, https://developer.zohoapis.com.au",
            "cn, https://accounts.zoho.com.cn,    https://www.zohoapis.com.cn, https://sandbox.zohoapis.com.cn, https://developer.zohoapis.com.cn",
            "jp, https://accounts.zoho.jp,        https://www.zohoapis.jp,     https://sandbox.zohoapis.jp,     https://developer.zohoapis.jp",
            "ca, https://accounts.zohocloud.ca,   https://www.zohoapis.ca,     https://sandbox.zohoapis.ca,     https://developer.zohoapis.ca",
            "sa, https://accounts.zoho.sa,        https://www.zohoapis.sa,     https://sandbox.zohoapis.sa,     https://developer.zohoapis.sa"})
    void knowsEveryDocumentedDataCenter(String code, String accounts, String api, String sandbox, String developer) {
        DataCenter dc = builtIn.byCode(code).orElseThrow();
        assertThat(dc.accountsUrl()).isEqualTo(accounts);
        assertThat(dc.apiDomain(Environment.PRODUCTION)).isEqualTo(api);
        assertThat(dc.apiDomain(Environment.SANDBOX)).isEqualTo(sandbox);
        assertThat(dc.apiDomain(Environment.DEVELOPER)).isEqualTo(developer);
        assertThat(builtIn.byAccountsServer(accounts)).contains(dc);
    }

    @Test
    void canadaLogsInAtZohocloudButCallsZohoapis() {
        DataCenter ca = builtIn.byCode("ca").orElseThrow();
        assertThat(ca.accountsUrl()).isEqualTo("https://accounts.zohocloud.ca");
        assertThat(ca.apiDomain(Environment.PRODUCTION)).isEqualTo("https://www.zohoapis.ca");
        assertThat(builtIn.byAccountsServer("https://accounts.zoho.ca")).isEmpty();
    }

    @Test
    void locationCodesAreCaseInsensitive() {
        assertThat(builtIn.byCode("EU")).map(DataCenter::code).contains("eu");
        assertThat(builtIn.byCode("uk")).isEmpty();
        assertThat(builtIn.byCode(null)).isEmpty();
    }

    @Test
    void accountsServerMatchesOnlyTheExactConfiguredOrigin() {
        assertThat(builtIn.byAccountsServer("https://ACCOUNTS.zoho.eu/")).map(DataCenter::code).contains("eu");
        assertThat(builtIn.byAccountsServer("http://accounts.zoho.eu")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://accounts.zoho.eu.evil.com", "https://accounts.zoho.eu@evil.com",
            "https://evil.com/accounts.zoho.eu", "https://accounts.zoho.eu:8443", "https://accounts.zoho.eu/x",
            "https://accounts.zoho.eu?x=1", "https://accounts.zoho.eu#x", "accounts.zoho.eu", "", "%%%"})
    void nearMissesOfAnAccountsServerMatchNothing(String forged) {
        assertThat(builtIn.byAccountsServer(forged)).isEmpty();
        assertThat(builtIn.byCode("eu").orElseThrow().isAccountsServer(forged)).isFalse();
    }

    @Test
    void everyValueCanBeOverridden() {
        DataCenters table = new DataCenters(Map.of("eu", new DataCenterSettings("http://127.0.0.1:9/eu/accounts",
                null, "http://127.0.0.1:9/eu/sandbox", null, "eu-secret")));
        DataCenter eu = table.byCode("eu").orElseThrow();
        assertThat(eu.accountsUrl()).isEqualTo("http://127.0.0.1:9/eu/accounts");
        assertThat(eu.apiDomain(Environment.PRODUCTION)).isEqualTo("https://www.zohoapis.eu");
        assertThat(eu.apiDomain(Environment.SANDBOX)).isEqualTo("http://127.0.0.1:9/eu/sandbox");
        assertThat(eu.dedicatedClientSecret()).contains("eu-secret");
        assertThat(eu.toString()).doesNotContain("eu-secret");
    }

    @Test
    void aNewDataCenterIsOnlyProperties() {
        DataCenters table = new DataCenters(Map.of("uk", new DataCenterSettings("https://accounts.zoho.uk",
                "https://www.zohoapis.uk", null, null, null)));
        DataCenter uk = table.byCode("uk").orElseThrow();
        assertThat(table.byAccountsServer("https://accounts.zoho.uk")).contains(uk);
        assertThat(uk.apiDomain(Environment.SANDBOX)).isNull();
        assertThat(table.all()).hasSize(9);
    }

    @Test
    void anIncompleteNewDataCenterStopsStartUpWithOneLinePerProblem() {
        assertThatThrownBy(() -> new DataCenters(Map.of("uk", new DataCenterSettings(null, null, null, null, null))))
                .hasMessageContaining("zoho.datacenters.uk.accounts-url is missing")
                .hasMessageContaining("zoho.datacenters.uk.api-domain is missing");
    }

    @Test
    void twoDataCentersCannotShareAnAccountsServer() {
        assertThatThrownBy(() -> new DataCenters(Map.of("eu", new DataCenterSettings("https://accounts.zoho.com",
                null, null, null, null)))).hasMessageContaining("repeats the accounts server");
    }
}
