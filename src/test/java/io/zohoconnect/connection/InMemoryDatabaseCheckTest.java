package io.zohoconnect.connection;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * An in-memory database loses every connection at restart: the service refuses it at start-up, with
 * the way to a persistent one, unless a test allows it (issue 10, item 1).
 */
class InMemoryDatabaseCheckTest {

    @TempDir
    Path temp;

    @Test
    void anInMemoryDatabaseIsRefusedWithHowToConfigureAPersistentOne() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=not-for-the-log";
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url);

        assertThatThrownBy(() -> new InMemoryDatabaseCheck(new DriverManagerDataSource(url), environment)
                .afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in-memory database")
                .hasMessageContaining("ZOHO_DATA_DIR")
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("not-for-the-log");
    }

    @Test
    void aTestMayAllowAnInMemoryDatabase() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url)
                .withProperty(InMemoryDatabaseCheck.ALLOW, "true");

        assertThatCode(() -> new InMemoryDatabaseCheck(new DriverManagerDataSource(url, "sa", ""), environment)
                .afterSingletonsInstantiated()).doesNotThrowAnyException();
    }

    @Test
    void theEmbeddedDatabaseFileIsAccepted() {
        String url = "jdbc:h2:file:" + temp.resolve("zoho-connect") + ";MODE=PostgreSQL";
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url);

        assertThatCode(() -> new InMemoryDatabaseCheck(new DriverManagerDataSource(url, "sa", ""), environment)
                .afterSingletonsInstantiated()).doesNotThrowAnyException();
    }
}
