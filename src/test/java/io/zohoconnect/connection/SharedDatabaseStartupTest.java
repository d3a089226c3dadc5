package io.zohoconnect.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.zohoconnect.ZohoConnectApplication;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The packaged application on a shared PostgreSQL (profiles postgres + cluster): a node without a key,
 * or with a key that cannot open the stored secrets, does not start (issue 9, item 5).
 */
class SharedDatabaseStartupTest {

    static final String KEY_A = "b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU=";
    static final String KEY_B = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void aNodeWhoseKeyCannotOpenTheStoredSecretsRefusesToStart() {
        DriverManagerDataSource database = (DriverManagerDataSource) TestDatabases.postgres();
        EncryptionKey keyA = EncryptionKey.fromBase64(KEY_A, "a");
        new ConnectionStore(JdbcClient.create(database), new TokenCipher(keyA, List.of()), Clock.systemUTC())
                .saveGrant(new NewGrant("acme", "eu", Environment.PRODUCTION, "https://accounts.zoho.eu",
                        "https://www.zohoapis.eu", List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh"),
                        new Secret("1000.access"), Instant.now().plus(Duration.ofHours(1)), null));

        assertThat(startupFailure(database.getUrl(), "--zoho.crypto.key=" + KEY_B)).hasMessageContaining("key id(s) [" + keyA.id() + "]")
                .hasMessageContaining("ZOHO_CONNECT_ENCRYPTION_KEY");
    }

    @Test
    void aNodeWithoutAnExplicitKeyRefusesToStart() {
        DriverManagerDataSource database = (DriverManagerDataSource) TestDatabases.postgres();
        assertThat(startupFailure(database.getUrl(), "--zoho.crypto.key=")).hasMessageContaining("zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY) is required with profile");
    }

    /** The innermost cause of the start-up failure (null if the node started). */
    private static Throwable startupFailure(String url, String key) {
        Throwable failure = catchThrowable(() -> start(url, key).close());
        return failure == null ? null : NestedExceptionUtils.getMostSpecificCause(failure);
    }

    private static ConfigurableApplicationContext start(String url, String key) {
        return new SpringApplicationBuilder(ZohoConnectApplication.class)
                .profiles("postgres", "cluster")
                .run("--server.port=0", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + TestDatabases.POSTGRES_USER, "--spring.datasource.password=",
                        "--zoho.client-id=1000.KEYS", "--zoho.client-secret=keys-secret",
                        "--zoho.redirect-uri=http://localhost:1/oauth/callback",
                        "--zoho.admin.api-key=keys-admin-key-0123456789abcdef", key,
                        "--zoho.data-dir=target/shared-db-data", "--zoho.refresh.scheduler-enabled=false");
    }
}
