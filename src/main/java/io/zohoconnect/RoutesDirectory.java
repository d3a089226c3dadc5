package io.zohoconnect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The YAML routes folder ({@code zoho.routes-dir}, default {@code ./routes}) is optional: Camel fails
 * to start on a {@code file:} pattern whose folder does not exist, so each such entry of
 * {@code camel.main.routes-include-pattern} is dropped here, with one INFO line, before Camel reads it.
 * A jar started from an empty directory then runs without extension routes.
 */
public final class RoutesDirectory implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "zohoRoutesDirectory";
    private static final String FILE = "file:";
    /** Camel needs some pattern; a classpath folder that does not exist matches nothing, without an error. */
    static final String NO_ROUTES = "classpath:zoho-connect-no-routes/*.yaml";

    private final Log log;

    public RoutesDirectory(DeferredLogFactory logs) {
        this.log = logs.getLog(RoutesDirectory.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String pattern = environment.getProperty(RoutesFolderCheck.PATTERN);
        if (pattern == null || pattern.isBlank()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String entry : pattern.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.startsWith(FILE) && !Files.isDirectory(RoutesFolderCheck.folderOf(trimmed.substring(FILE.length())))) {
                log.info("No YAML routes folder " + RoutesFolderCheck.folderOf(trimmed.substring(FILE.length()))
                        + ": starting without its routes (set zoho.routes-dir to the folder of your route files)");
            } else if (!trimmed.isEmpty()) {
                kept.add(trimmed);
            }
        }
        String effective = kept.isEmpty() ? NO_ROUTES : String.join(",", kept);
        if (!effective.equals(pattern)) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE,
                    Map.of(RoutesFolderCheck.PATTERN, effective)));
        }
    }

    /** After the config files are loaded: they say where the routes are. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
