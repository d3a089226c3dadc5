package io.zohoconnect.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every setting of the service as a Markdown table, rendered from the configuration metadata that
 * spring-boot-configuration-processor writes into the jar (from the settings records' javadoc and
 * {@code META-INF/additional-spring-configuration-metadata.json}): the guide says what an IDE says.
 */
final class SettingsReference {

    static final GeneratedSection SECTION =
            new GeneratedSection("settings-reference", "META-INF/spring-configuration-metadata.json");

    private static final Pattern QUALIFIED_NAME = Pattern.compile("[\\w$]+(?:\\.[\\w$]+)*");

    private SettingsReference() {
    }

    static String render(JsonNode metadata) {
        List<JsonNode> properties = new ArrayList<>();
        metadata.path("properties").forEach(properties::add);
        properties.sort(Comparator.comparing(p -> p.path("name").asText()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode property : properties) {
            String description = capitalized(Markdown.cell(property.path("description").asText()));
            if (property.has("deprecation") || property.path("deprecated").asBoolean()) {
                description = "**Deprecated.** " + description;
            }
            rows.add(List.of(Markdown.code(property.path("name").asText()), type(property.path("type").asText()),
                    defaultValue(property.path("defaultValue")), description));
        }
        return Markdown.table(List.of("setting", "type", "default", "description"), rows);
    }

    /** {@code java.util.Map<java.lang.String,a.B$C>} reads {@code Map<String, C>}. */
    static String type(String javaType) {
        if (javaType.isEmpty()) {
            return "";
        }
        Matcher names = QUALIFIED_NAME.matcher(javaType);
        StringBuilder simple = new StringBuilder();
        while (names.find()) {
            String name = names.group();
            names.appendReplacement(simple, Matcher.quoteReplacement(name.substring(Math.max(name.lastIndexOf('.'),
                    name.lastIndexOf('$')) + 1)));
        }
        names.appendTail(simple);
        return Markdown.code(simple.toString().replace(",", ", "));
    }

    private static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            return Markdown.code(String.join(",", StreamSupport.stream(value.spliterator(), false)
                    .map(JsonNode::asText).toList()));
        }
        return Markdown.code(value.asText());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
