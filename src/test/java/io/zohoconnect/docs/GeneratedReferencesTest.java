package io.zohoconnect.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated parts of the guides match what the build produces: the component reference in
 * src/docs/COMPONENT.md the catalog JSON (src/generated, rewritten by camel-component-maven-plugin when an
 * endpoint option changes), the settings reference in src/docs/USER-GUIDE.md the configuration metadata
 * (target/classes, written by spring-boot-configuration-processor from the settings records), the Kamelet
 * properties in src/docs/KAMELETS.md the Kamelets' own definitions.
 * With {@code -Ddocs.regenerate=true} the tests write the sections instead of comparing them.
 */
class GeneratedReferencesTest {

    static final String REGENERATE = "./mvnw -B -q test -Dtest=GeneratedReferencesTest -Ddocs.regenerate=true";

    private static final Path CATALOG = Path.of("src/generated/resources/META-INF/io/zohoconnect/component/zoho-crm.json");
    private static final Path KAMELETS = Path.of("src/main/resources/kamelets");
    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theComponentReferenceMatchesTheCatalog() throws IOException {
        JsonNode catalog = json.readTree(CATALOG.toFile());

        assertUpToDate(Path.of("src/docs/COMPONENT.md"), ComponentReference.SECTION, ComponentReference.render(catalog));
    }

    @Test
    void theSettingsReferenceMatchesTheConfigurationMetadata() throws IOException {
        assertThat(METADATA).as("the configuration metadata of the compiled classes").exists();
        JsonNode metadata = json.readTree(METADATA.toFile());

        assertUpToDate(Path.of("src/docs/USER-GUIDE.md"), SettingsReference.SECTION, SettingsReference.render(metadata));
    }

    @Test
    void theKameletReferenceMatchesTheKamelets() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(KAMELETS)) {
            // sources before sinks, as the page tells them
            files = list.filter(p -> p.toString().endsWith(".kamelet.yaml"))
                    .sorted(Comparator.comparing((Path p) -> !p.toString().endsWith("-source.kamelet.yaml"))
                            .thenComparing(Path::toString)).toList();
        }
        List<Map<String, Object>> kamelets = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                kamelets.add(new Yaml().load(in));
            }
        }

        assertUpToDate(Path.of("src/docs/KAMELETS.md"), KameletReference.SECTION, KameletReference.render(kamelets));
    }

    private static void assertUpToDate(Path document, GeneratedSection section, String generated) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(document, section.replacedIn(text, generated), StandardCharsets.UTF_8);
            return;
        }
        String committed = section.in(text);
        if (!committed.equals(generated)) {
            fail(document + " is out of date: its " + section.name() + " does not match " + section.source()
                    + " (" + firstDifference(committed, generated) + ").\nRegenerate it with\n    " + REGENERATE
                    + "\nand commit the result.");
        }
    }

    private static String firstDifference(String committed, String generated) {
        String[] was = committed.split("\n", -1);
        String[] is = generated.split("\n", -1);
        for (int line = 0; line < Math.max(was.length, is.length); line++) {
            String before = line < was.length ? was[line] : "<nothing>";
            String after = line < is.length ? is[line] : "<nothing>";
            if (!before.equals(after)) {
                return "line " + (line + 1) + " of the section reads\n    " + before + "\nwhere the build gives\n    " + after;
            }
        }
        return "they differ";
    }
}
