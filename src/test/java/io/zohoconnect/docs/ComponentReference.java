package io.zohoconnect.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code zoho-crm} component's options and headers as Markdown tables, rendered from the catalog JSON that
 * camel-component-maven-plugin generates from {@code @UriEndpoint}/{@code @UriParam}/{@code @Metadata} — as
 * Camel's own component pages are, so the reference cannot drift from what the endpoint accepts.
 */
final class ComponentReference {

    static final GeneratedSection SECTION =
            new GeneratedSection("component-reference", "META-INF/io/zohoconnect/component/zoho-crm.json");

    private ComponentReference() {
    }

    static String render(JsonNode catalog) {
        JsonNode component = catalog.path("component");
        StringBuilder out = new StringBuilder();
        out.append(summary(component)).append('\n');

        out.append("### Component options\n\n")
                .append("Shared by every endpoint; in Spring Boot `camel.component.")
                .append(component.path("scheme").asText()).append(".<option>` (kebab-case).\n\n");
        List<List<String>> componentRows = new ArrayList<>();
        for (JsonNode option : sorted(catalog.path("componentProperties"))) {
            componentRows.add(List.of(Markdown.code(option.path("name").asText()), group(option), type(option),
                    defaultValue(option), description(option)));
        }
        out.append(Markdown.table(List.of("option", "group", "type", "default", "description"), componentRows));

        List<JsonNode> path = new ArrayList<>();
        Map<String, List<JsonNode>> query = new LinkedHashMap<>();
        for (JsonNode option : sorted(catalog.path("properties"))) {
            if ("path".equals(option.path("kind").asText())) {
                path.add(option);
            } else {
                query.computeIfAbsent(group(option), g -> new ArrayList<>()).add(option);
            }
        }
        out.append("\n### Path parameters\n\n")
                .append(Markdown.code(component.path("syntax").asText())).append("\n\n")
                .append(optionTable("parameter", path));
        out.append("\n### Query parameters\n");
        query.forEach((group, options) -> out.append("\n#### ").append(heading(group)).append("\n\n")
                .append(optionTable("option", options)));

        List<List<String>> headerRows = new ArrayList<>();
        for (JsonNode header : sorted(catalog.path("headers"))) {
            String constant = header.path("constantName").asText();
            headerRows.add(List.of(Markdown.code(header.path("name").asText()),
                    Markdown.code(constant.substring(constant.lastIndexOf('.') + 1).replace('#', '.')),
                    group(header), Markdown.code(header.path("javaType").asText()), description(header)));
        }
        if (!headerRows.isEmpty()) {
            out.append("\n### Message headers\n\n")
                    .append(Markdown.table(List.of("header", "constant", "group", "type", "description"), headerRows));
        }
        return out.toString();
    }

    private static String summary(JsonNode component) {
        boolean consumer = !component.path("producerOnly").asBoolean();
        boolean producer = !component.path("consumerOnly").asBoolean();
        String roles = consumer && producer ? "producer and consumer" : producer ? "producer only" : "consumer only";
        return "**" + Markdown.cell(component.path("title").asText()) + "** · scheme "
                + Markdown.code(component.path("scheme").asText()) + " · " + roles
                + " · since " + Markdown.cell(component.path("firstVersion").asText())
                + " · support level " + Markdown.cell(component.path("supportLevel").asText())
                + " · Java type " + Markdown.code(component.path("javaType").asText()) + "\n\n"
                + Markdown.cell(component.path("description").asText()) + "\n";
    }

    private static String optionTable(String firstColumn, List<JsonNode> options) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode option : options) {
            rows.add(List.of(Markdown.code(option.path("name").asText()), type(option), defaultValue(option),
                    description(option)));
        }
        return Markdown.table(List.of(firstColumn, "type", "default", "description"), rows);
    }

    /** The catalog's entries in its own order (index), each with its name. */
    private static List<JsonNode> sorted(JsonNode entries) {
        List<JsonNode> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            list.add(((ObjectNode) entry.getValue().deepCopy()).put("name", entry.getKey()));
        }
        list.sort((a, b) -> Integer.compare(a.path("index").asInt(), b.path("index").asInt()));
        return list;
    }

    private static String group(JsonNode option) {
        String group = option.path("group").asText();
        return group.isEmpty() ? "common" : group;
    }

    private static String heading(String group) {
        return group.substring(0, 1).toUpperCase(Locale.ROOT) + group.substring(1) + " options";
    }

    /** The Java type's simple name (no packages, no type arguments); an enum's values after it. */
    private static String type(JsonNode option) {
        String javaType = option.path("javaType").asText();
        int generic = javaType.indexOf('<');
        String raw = generic < 0 ? javaType : javaType.substring(0, generic);
        String type = Markdown.code(raw.substring(raw.lastIndexOf('.') + 1));
        if (option.has("enum")) {
            List<String> values = StreamSupport.stream(option.path("enum").spliterator(), false)
                    .map(v -> Markdown.code(v.asText())).toList();
            type += ": " + String.join(", ", values);
        }
        return type;
    }

    private static String defaultValue(JsonNode option) {
        return option.has("defaultValue") ? Markdown.code(option.path("defaultValue").asText()) : "";
    }

    private static String description(JsonNode option) {
        String description = Markdown.cell(option.path("description").asText());
        if (option.path("deprecated").asBoolean()) {
            description = "**Deprecated.** " + description;
        }
        if (option.path("required").asBoolean()) {
            description = "**Required.** " + description;
        }
        return description;
    }
}
