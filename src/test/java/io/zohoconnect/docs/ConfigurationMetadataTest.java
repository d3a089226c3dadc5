package io.zohoconnect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration metadata the jar carries ({@code META-INF/spring-configuration-metadata.json}, written
 * by spring-boot-configuration-processor) knows every {@code zoho.*} setting that anyone names: the
 * README and the guides, the default and example configuration, the code and the example routes. A
 * setting the docs name but the service does not have (a typo, a renamed key) fails here, and so does a
 * setting without a description.
 */
class ConfigurationMetadataTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    /** The simulator's settings: test classpath only, like the simulator (zoho.simulator.*). */
    private static final Path SIMULATOR_METADATA = Path.of("target/test-classes/META-INF/spring-configuration-metadata.json");

    /** A setting's name as prose writes it: {@code zoho.crm.max-retries}, {@code zoho.syncs[0].sink}, … */
    private static final Pattern NAMED = Pattern.compile("(?<![\\w.$/-])zoho(?:\\.[a-z0-9][a-z0-9-]*|\\[[^\\]\\s]*])+");
    /** A setting the code or a route reads: {@code ${zoho.x}}, {@code {{zoho.x}}}, getProperty, a condition. */
    private static final Pattern READ = Pattern.compile(
            "(?:\\$\\{|\\{\\{|getProperty\\(\"|@ConditionalOnProperty\\(\"|@Value\\(\"\\$\\{)(zoho\\.[a-z0-9.-]+)");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everySettingTheReadmeAndTheGuidesNameIsInTheJarsMetadata() throws IOException {
        Settings settings = settings();
        Set<String> unknown = new TreeSet<>();
        for (Path document : documents()) {
            List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher named = NAMED.matcher(lines.get(i));
                while (named.find()) {
                    String name = named.group().replaceAll("[.-]+$", "");
                    if (!settings.knows(name)) {
                        unknown.add(document + ":" + (i + 1) + ": " + name);
                    }
                }
            }
        }

        assertThat(settings.properties).contains("zoho.client-id", "zoho.refresh.margin", "zoho.crm.max-retries",
                "zoho.amqp.hold-delay", "zoho.bulk.poll-max", "zoho.routes-dir", "zoho.shutdown.grace");
        assertThat(unknown).as("zoho.* names in the docs that the jar's configuration metadata does not know").isEmpty();
    }

    @Test
    void everySettingTheConfigurationTheCodeAndTheRoutesUseIsInTheJarsMetadata() throws IOException {
        Settings settings = settings();
        Set<String> used = new TreeSet<>();
        for (Path yaml : files(List.of(Path.of("src/main/resources"), Path.of("config")), List.of(".yml"))) {
            try (InputStream in = Files.newInputStream(yaml)) {
                for (Object document : new Yaml().loadAll(in)) {
                    if (document instanceof Map<?, ?> map && map.get("zoho") != null) {
                        flatten("zoho", map.get("zoho"), used);
                    }
                }
            }
        }
        for (Path source : files(List.of(Path.of("src/main"), Path.of("routes"), Path.of("config")),
                List.of(".java", ".yml", ".yaml"))) {
            Matcher read = READ.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (read.find()) {
                used.add(read.group(1));
            }
        }

        assertThat(used).contains("zoho.client-id", "zoho.refresh.margin", "zoho.routes-dir", "zoho.shutdown.grace",
                "zoho.examples.connection-id", "zoho.training-run", "zoho.simulator.enabled", "zoho.syncs");
        assertThat(used.stream().filter(name -> !settings.knows(name)).toList())
                .as("zoho.* settings set or read by the service that its configuration metadata does not know").isEmpty();
    }

    @Test
    void everySettingInTheMetadataHasADescription() throws IOException {
        assertThat(METADATA).as("the configuration metadata of the compiled classes").exists();
        JsonNode metadata = json.readTree(METADATA.toFile());
        List<String> undescribed = new ArrayList<>();
        metadata.path("properties").forEach(p -> {
            if (p.path("description").asText().isBlank()) {
                undescribed.add(p.path("name").asText());
            }
        });

        assertThat(metadata.path("properties").size()).isGreaterThan(60);
        assertThat(undescribed).as("settings without a description: add an @param line to the record's javadoc, or an"
                + " entry to META-INF/additional-spring-configuration-metadata.json").isEmpty();
    }

    private Settings settings() throws IOException {
        assertThat(METADATA).as("the configuration metadata of the compiled classes").exists();
        Settings settings = new Settings();
        settings.add(json.readTree(METADATA.toFile()), false);
        if (Files.exists(SIMULATOR_METADATA)) {
            settings.add(json.readTree(SIMULATOR_METADATA.toFile()), true);
        }
        return settings;
    }

    /** Names from the metadata: settings, their groups, maps and lists (whose keys follow), and default values. */
    private static final class Settings {
        final Set<String> properties = new HashSet<>();
        final Set<String> groups = new HashSet<>();
        final Set<String> containers = new HashSet<>();
        final Set<String> defaults = new HashSet<>();

        void add(JsonNode metadata, boolean simulatorOnly) {
            metadata.path("properties").forEach(p -> {
                String name = p.path("name").asText();
                if (simulatorOnly && !name.startsWith("zoho.simulator.")) {
                    return;
                }
                properties.add(name);
                String type = p.path("type").asText();
                if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")) {
                    containers.add(name);
                }
                if (p.path("defaultValue").isTextual()) {
                    defaults.add(p.path("defaultValue").asText());
                }
            });
            metadata.path("groups").forEach(g -> groups.add(g.path("name").asText()));
        }

        /**
         * Whether a name is a setting, a group of settings (prose such as {@code zoho.amqp.*}), a key under a map
         * or list setting ({@code zoho.datacenters.uk.api-domain}, {@code zoho.syncs[0].sink}), or a value a setting
         * defaults to ({@code zoho.crm.writes} is a queue name, the default of {@code zoho.amqp.writes-queue}).
         */
        boolean knows(String name) {
            if (properties.contains(name) || groups.contains(name) || defaults.contains(name)) {
                return true;
            }
            for (String container : containers) {
                if (name.startsWith(container + ".") || name.startsWith(container + "[")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void flatten(String prefix, Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix + "." + key, child, names));
        } else {
            names.add(prefix);
        }
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        documents.addAll(files(List.of(Path.of("src/docs")), List.of(".md")));
        return documents;
    }

    private static List<Path> files(List<Path> roots, List<String> suffixes) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> suffixes.stream().anyMatch(p.toString()::endsWith))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }
}
