package io.zohoconnect;

import io.zohoconnect.connection.ConnectionSettings;
import io.zohoconnect.credentials.CredentialsSettings;
import io.zohoconnect.crm.ZohoApiSettings;
import io.zohoconnect.datacenter.DataCenterOverrides;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands each package its own settings record out of the one {@code zoho.*} binding ({@link ZohoProperties}),
 * so that no package below the edges imports the root package: imports only point down.
 */
@Configuration(proxyBeanMethods = false)
public class PackageSettings {

    @Bean
    CredentialsSettings credentialsSettings(ZohoProperties properties) {
        return credentials(properties);
    }

    @Bean
    ZohoApiSettings zohoApiSettings(ZohoProperties properties) {
        return zohoApi(properties);
    }

    @Bean
    ConnectionSettings connectionSettings(ZohoProperties properties) {
        return connection(properties);
    }

    @Bean
    DataCenterOverrides dataCenterOverrides(ZohoProperties properties) {
        return new DataCenterOverrides(properties.datacenters());
    }

    public static CredentialsSettings credentials(ZohoProperties p) {
        return new CredentialsSettings(p.clientId(), p.clientSecret(), p.redirectUri(), p.scopes(), p.pkce(), p.state(),
                p.returnTo(), p.refresh());
    }

    public static ZohoApiSettings zohoApi(ZohoProperties p) {
        return new ZohoApiSettings(p.apiVersion(), p.publicUrl(), p.crm());
    }

    public static ConnectionSettings connection(ZohoProperties p) {
        return new ConnectionSettings(p.dataDir(), p.nodeId(), p.crypto());
    }
}
