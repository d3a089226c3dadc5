package io.zohoconnect.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares the embedded database's directory. H2 refuses a path that is implicitly relative
 * ({@code ZOHO_DATA_DIR=data}), so {@code jdbc:h2:file:data/zoho-connect} becomes
 * {@code jdbc:h2:file:/abs/path/data/zoho-connect}; and the directory is created owner-only (0700)
 * before H2 writes into it, or tightened when others can enter it ({@link DataDirectory}). Other
 * URLs are left alone.
 */
public final class H2DataDirectory implements EnvironmentPostProcessor, Ordered {

    private static final String PREFIX = "jdbc:h2:file:";

    private final Log log;

    public H2DataDirectory(DeferredLogFactory logs) {
        this.log = logs.getLog(H2DataDirectory.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith(PREFIX)) {
            return;
        }
        int options = url.indexOf(';');
        String file = options < 0 ? url.substring(PREFIX.length()) : url.substring(PREFIX.length(), options);
        if (file.startsWith("~")) {
            return;
        }
        Path database = Path.of(file).toAbsolutePath().normalize();
        Path dataDir = Path.of(environment.getProperty("zoho.data-dir", "./data")).toAbsolutePath().normalize();
        secure(database.getParent(), dataDir);
        if (Path.of(file).isAbsolute()) {
            return;
        }
        String absolute = PREFIX + database + (options < 0 ? "" : url.substring(options));
        environment.getPropertySources().addFirst(new MapPropertySource("zohoH2DataDirectory",
                Map.of("spring.datasource.url", absolute)));
    }

    private void secure(Path directory, Path dataDir) {
        if (directory == null) {
            return;
        }
        try {
            DataDirectory.secure(directory, directory.equals(dataDir)).forEach(log::warn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
