package io.zohoconnect.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kamelets' properties as Markdown tables, rendered from their own definitions
 * ({@code spec.definition} of each {@code *.kamelet.yaml}), as Camel's Kamelet catalog renders its pages.
 */
final class KameletReference {

    static final GeneratedSection SECTION = new GeneratedSection("kamelet-reference", "src/main/resources/kamelets");

    private KameletReference() {
    }

    /** {@code kamelets}: each Kamelet's YAML document, in the order the page lists them. */
    static String render(List<Map<String, Object>> kamelets) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> kamelet : kamelets) {
            Map<String, Object> metadata = map(kamelet.get("metadata"));
            Map<String, Object> definition = map(map(kamelet.get("spec")).get("definition"));
            String type = String.valueOf(map(metadata.get("labels")).get("camel.apache.org/kamelet.type"));
            List<?> required = definition.get("required") instanceof List<?> list ? list : List.of();
            out.append("### ").append(Markdown.code(String.valueOf(metadata.get("name")))).append('\n').append('\n')
                    .append("**").append(Markdown.cell(String.valueOf(definition.get("title")))).append("** (")
                    .append(type).append("). ").append(Markdown.cell(String.valueOf(definition.get("description"))))
                    .append("\n\n");
            List<List<String>> rows = new ArrayList<>();
            map(definition.get("properties")).forEach((name, value) -> {
                Map<String, Object> property = map(value);
                String typeCell = Markdown.code(String.valueOf(property.get("type")));
                if (property.get("enum") instanceof List<?> values) {
                    typeCell += ": " + String.join(", ", values.stream().map(v -> Markdown.code(String.valueOf(v))).toList());
                }
                String description = Markdown.cell(String.valueOf(property.get("description")));
                if (property.containsKey("example")) {
                    description += " Example: " + Markdown.code(String.valueOf(property.get("example"))) + ".";
                }
                rows.add(List.of(Markdown.code(name), required.contains(name) ? "yes" : "",
                        Markdown.cell(String.valueOf(property.get("title"))), typeCell,
                        property.containsKey("default") ? Markdown.code(String.valueOf(property.get("default"))) : "",
                        description));
            });
            out.append(Markdown.table(List.of("property", "required", "title", "type", "default", "description"), rows))
                    .append('\n');
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
