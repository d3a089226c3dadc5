package io.zohoconnect.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code bulkCriteria} option, checked when the route starts: Zoho's Bulk Read criteria as JSON
 * (ZOHO-API.md §14) — a condition {@code {"field":{"api_name"},"comparator","value"}} or a group
 * {@code {"group_operator","group":[…]}} — so a typo fails the route with a clear message instead of
 * every export at Zoho.
 */
final class BulkCriteria {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkCriteria() {
    }

    /** The criteria as given, or null when none; a clear error when they are not a criteria object. */
    static String check(String criteria) {
        if (criteria == null || criteria.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(criteria);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("zoho-crm:changes bulkCriteria is not JSON: " + e.getOriginalMessage());
        }
        check(node, "bulkCriteria");
        return criteria.trim();
    }

    private static void check(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("zoho-crm:changes " + where + " must be a JSON object: a condition"
                    + " {\"field\":{\"api_name\":\"Stage\"},\"comparator\":\"equal\",\"value\":\"Closed Won\"} or a group"
                    + " {\"group_operator\":\"and\",\"group\":[…]}");
        }
        if (node.has("group")) {
            JsonNode group = node.get("group");
            if (!node.path("group_operator").isTextual() || !group.isArray() || group.isEmpty()) {
                throw new IllegalArgumentException("zoho-crm:changes " + where + ": a group needs \"group_operator\""
                        + " (and, or) and a non-empty \"group\" array");
            }
            for (int i = 0; i < group.size(); i++) {
                check(group.get(i), where + ".group[" + i + "]");
            }
            return;
        }
        if (!node.path("field").path("api_name").isTextual() || !node.path("comparator").isTextual() || !node.has("value")) {
            throw new IllegalArgumentException("zoho-crm:changes " + where + ": a condition needs \"field\":{\"api_name\"},"
                    + " \"comparator\" and \"value\"");
        }
    }
}
