package io.zohoconnect.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Zoho's CRM error body {@code {"code":…,"details":{…},"message":…,"status":"error"}}, read
 * leniently: an HTML page or garbage still yields a code ({@code HTTP_<status>}) and a message.
 */
record ZohoApiError(String code, String message) {

    static ZohoApiError parse(ObjectMapper json, int status, String body) {
        if (body != null && !body.isBlank() && !body.stripLeading().startsWith("<")) {
            try {
                JsonNode root = json.readTree(body);
                JsonNode node = root;
                if (root != null && root.has("data") && root.get("data").isArray() && !root.get("data").isEmpty()) {
                    node = root.get("data").get(0); // some endpoints put the error in data[0]
                }
                if (node != null && node.hasNonNull("code")) {
                    return new ZohoApiError(node.get("code").asText(), bounded(node.path("message").asText("")));
                }
            } catch (Exception notJson) {
                // fall through: described by status
            }
        }
        return new ZohoApiError("HTTP_" + status, "Zoho answered HTTP " + status + " without a JSON error body");
    }

    private static String bounded(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }
}
