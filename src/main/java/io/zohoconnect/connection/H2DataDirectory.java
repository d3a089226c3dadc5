package io.zohoconnect.connection;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the embedded database's file path absolute. H2 refuses a path that is implicitly relative
 * ({@code ZOHO_DATA_DIR=data}), so {@code jdbc:h2:file:data/zoho-connect} becomes
 * {@code jdbc:h2:file:/abs/path/data/zoho-connect}; other URLs are left alone.
 */
public final class H2DataDirectory implements EnvironmentPostProcessor, Ordered {

    private static final String PREFIX = "jdbc:h2:file:";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith(PREFIX)) {
            return;
        }
        int options = url.indexOf(';');
        String file = options < 0 ? url.substring(PREFIX.length()) : url.substring(PREFIX.length(), options);
        if (file.startsWith("~") || Path.of(file).isAbsolute()) {
            return;
        }
        String absolute = PREFIX + Path.of(file).toAbsolutePath().normalize() + (options < 0 ? "" : url.substring(options));
        environment.getPropertySources().addFirst(new MapPropertySource("zohoH2DataDirectory",
                Map.of("spring.datasource.url", absolute)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
