package io.zohoconnect.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code criteria} of a Bulk Read query: a condition
 * {@code {"field":{"api_name":"Last_Name"},"comparator":"equal","value":"Smith"}} (older versions name the
 * field {@code "api_name":"Last_Name"}) or a group {@code {"group_operator":"and|or","group":[…]}} of
 * conditions and groups, at most {@value #MAX_CONDITIONS} conditions in all. Text compares
 * case-insensitively, date-times as instants. Anything malformed is 400 {@code INVALID_QUERY}.
 */
final class BulkCriteria {

    static final int MAX_CONDITIONS = 25;

    private final ModuleSchema schema;
    private int conditions;

    private BulkCriteria(ModuleSchema schema) {
        this.schema = schema;
    }

    /** null or an empty object: every record. */
    static Predicate<ModuleRecords.Row> parse(JsonNode criteria, ModuleSchema schema) {
        if (criteria == null || criteria.isNull() || (criteria.isObject() && criteria.isEmpty())) {
            return row -> true;
        }
        return new BulkCriteria(schema).node(criteria);
    }

    private Predicate<ModuleRecords.Row> node(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("criteria must be an object");
        }
        if (node.has("group")) {
            JsonNode group = node.get("group");
            String operator = node.path("group_operator").asText("");
            if (!group.isArray() || group.isEmpty()) {
                throw invalid("group must be a non-empty array");
            }
            if (!operator.equalsIgnoreCase("and") && !operator.equalsIgnoreCase("or")) {
                throw invalid("group_operator must be and or or");
            }
            List<Predicate<ModuleRecords.Row>> parts = new ArrayList<>();
            group.forEach(part -> parts.add(node(part)));
            boolean all = operator.equalsIgnoreCase("and");
            return row -> all ? parts.stream().allMatch(p -> p.test(row)) : parts.stream().anyMatch(p -> p.test(row));
        }
        return condition(node);
    }

    private Predicate<ModuleRecords.Row> condition(JsonNode node) {
        if (++conditions > MAX_CONDITIONS) {
            throw new CrmError(400, "LIMIT_EXCEEDED", "at most " + MAX_CONDITIONS + " criteria can be given",
                    Map.of("limit", MAX_CONDITIONS));
        }
        String name = node.has("field") ? node.path("field").path("api_name").asText("")
                : node.path("api_name").asText("");
        FieldDef field = schema.field(name);
        if (field == null) {
            throw CrmError.invalidData("invalid field in criteria: " + name, Map.of("api_name", name));
        }
        String comparator = node.path("comparator").asText("");
        JsonNode value = node.get("value");
        if (value == null) {
            throw invalid("a condition needs a value");
        }
        return switch (comparator) {
            case "equal" -> test(field, one(value), FieldValues::equalTo);
            case "not_equal" -> test(field, one(value), FieldValues::equalTo).negate();
            case "in" -> any(field, many(value));
            case "not_in" -> any(field, many(value)).negate();
            case "starts_with" -> test(field, one(value), FieldValues::startsWith);
            case "ends_with" -> test(field, one(value), FieldValues::endsWith);
            case "contains" -> test(field, one(value), FieldValues::contains);
            case "not_contains" -> test(field, one(value), FieldValues::contains).negate();
            case "less_than" -> compare(field, one(value), c -> c < 0);
            case "less_equal" -> compare(field, one(value), c -> c <= 0);
            case "greater_than" -> compare(field, one(value), c -> c > 0);
            case "greater_equal" -> compare(field, one(value), c -> c >= 0);
            case "between", "not_between" -> {
                List<String> bounds = many(value);
                if (bounds.size() != 2) {
                    throw invalid("between takes two values");
                }
                Predicate<ModuleRecords.Row> inside = compare(field, bounds.get(0), c -> c >= 0)
                        .and(compare(field, bounds.get(1), c -> c <= 0));
                yield comparator.equals("between") ? inside : inside.negate();
            }
            default -> throw invalid("unknown comparator '" + comparator + "'");
        };
    }

    private static Predicate<ModuleRecords.Row> test(FieldDef field, String value, BiPredicate<Object, String> test) {
        return row -> test.test(row.value(field), value);
    }

    private static Predicate<ModuleRecords.Row> any(FieldDef field, List<String> values) {
        return row -> values.stream().anyMatch(v -> FieldValues.equalTo(row.value(field), v));
    }

    private static Predicate<ModuleRecords.Row> compare(FieldDef field, String given,
                                                        java.util.function.IntPredicate accept) {
        return row -> {
            Object value = row.value(field);
            if (value == null) {
                return false;
            }
            Object other = given;
            if (value instanceof Number) {
                try {
                    other = Double.parseDouble(given);
                } catch (NumberFormatException e) {
                    // compared as text
                }
            }
            return accept.test(FieldValues.compare(value, other));
        };
    }

    private static String one(JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw invalid("this comparator takes one value");
        }
        return value.asText();
    }

    private static List<String> many(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw invalid("this comparator takes an array of values");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(one(v)));
        return out;
    }

    private static CrmError invalid(String message) {
        return new CrmError(400, "INVALID_QUERY", message, Map.of("api_name", "criteria"));
    }
}
