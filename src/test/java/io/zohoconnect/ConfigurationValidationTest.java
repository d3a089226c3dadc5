package io.zohoconnect;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up refuses missing or invalid settings, naming each one and what to do about it. */
class ConfigurationValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void everyMissingSettingIsNamedWithWhatToDo() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            String message = failure(context.getStartupFailure());
            assertThat(message).contains("clientId").contains("ZOHO_CLIENT_ID")
                    .contains("clientSecret").contains("ZOHO_CLIENT_SECRET")
                    .contains("redirectUri")
                    .contains("admin.apiKey").contains("ZOHO_ADMIN_API_KEY");
        });
    }

    @Test
    void aShortAdminKeyIsRefusedUnlessWeakKeysAreAllowed() {
        runner.withPropertyValues("zoho.client-id=1000.X", "zoho.client-secret=s", "zoho.redirect-uri=https://h/oauth/callback",
                "zoho.admin.api-key=short").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failure(context.getStartupFailure())).contains("shorter than 24 characters");
                });
        runner.withPropertyValues("zoho.client-id=1000.X", "zoho.client-secret=s", "zoho.redirect-uri=https://h/oauth/callback",
                "zoho.admin.api-key=demo-admin-key", "zoho.admin.allow-weak-key=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void invalidValuesAreRefused() {
        runner.withPropertyValues("zoho.client-id=1000.X", "zoho.client-secret=s", "zoho.redirect-uri=not a url",
                "zoho.admin.api-key=0123456789012345678901234", "zoho.api-version=eight", "zoho.scopes=bad scope!")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failure(context.getStartupFailure())).contains("redirectUri").contains("apiVersion")
                            .contains("ZohoCRM.modules.ALL");
                });
    }

    /** zoho.admin.max-sessions bounds the memory live sessions take: at least one, at most 100,000. */
    @Test
    void aSessionCapOutOfRangeIsRefused() {
        for (String cap : new String[] {"0", "-1", "100001"}) {
            runner.withPropertyValues("zoho.client-id=1000.X", "zoho.client-secret=s", "zoho.redirect-uri=https://h/oauth/callback",
                    "zoho.admin.api-key=0123456789012345678901234", "zoho.admin.max-sessions=" + cap).run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(failure(context.getStartupFailure())).contains("maxSessions");
                    });
        }
        runner.withPropertyValues("zoho.client-id=1000.X", "zoho.client-secret=s", "zoho.redirect-uri=https://h/oauth/callback",
                "zoho.admin.api-key=0123456789012345678901234").run(context ->
                        assertThat(context.getBean(ZohoProperties.class).admin().maxSessions()).isEqualTo(1000));
    }

    private static String failure(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ZohoProperties.class)
    static class Properties {
    }
}
