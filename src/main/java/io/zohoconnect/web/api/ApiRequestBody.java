package io.zohoconnect.web.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.Html;

import org.apache.camel.Exchange;

/**
 * A JSON object sent to the admin API, read strictly: JSON content type only, one object and nothing after it,
 * no key twice (the last would silently win), no field the operation does not know (a misspelt {@code scope}
 * would silently ask for the defaults), each field of the type it must have. Every refusal is a 400 naming the
 * field. Zoho's answers are read elsewhere with the application's mapper, unchanged: only what users send is
 * held to this.
 */
final class ApiRequestBody {

    static final int MAX_LENGTH = 16 * 1024;

    private final JsonNode body;

    private ApiRequestBody(JsonNode body) {
        this.body = body;
    }

    /** The reader for user input: the application's mapper with duplicate keys and trailing content refused. */
    static ObjectReader strictReader(ObjectMapper json) {
        return json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The exchange's body as a JSON object holding only {@code fields}, or a 400 saying what is wrong with it. */
    static ApiRequestBody read(Exchange exchange, ObjectReader reader, Set<String> fields, String example) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw ApiException.badRequest("unsupported_media_type", "Send the body as JSON, with Content-Type:"
                    + " application/json (got " + (contentType == null || contentType.isBlank() ? "none"
                    : Html.printable(contentType, 60)) + "), e.g. " + example + ".");
        }
        String raw = exchange.getMessage().getBody(String.class);
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("invalid_body", "Send a JSON object such as " + example + ".");
        }
        if (raw.length() > MAX_LENGTH) {
            throw ApiException.badRequest("invalid_body", "The request body is too large.");
        }
        JsonNode node;
        try {
            node = reader.readTree(raw);
        } catch (StreamReadException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Duplicate field '") && problem.endsWith("'")) {
                String field = problem.substring("Duplicate field '".length(), problem.length() - 1);
                throw ApiException.badRequest("invalid_body", "Field '" + Html.printable(field, 40)
                        + "' is given more than once.");
            }
            throw ApiException.badRequest("invalid_body", "The request body is not valid JSON (one object, nothing after it).");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_body", "The request body is not valid JSON (one object, nothing after it).");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("invalid_body", "The request body must be a JSON object, e.g. " + example + ".");
        }
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add("'" + Html.printable(name, 40) + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("invalid_body", "Unknown field " + String.join(", ", unknown) + ": the fields are "
                    + String.join(", ", fields.stream().sorted().toList()) + ".");
        }
        return new ApiRequestBody(node);
    }

    /** A string field, or null when absent or null. */
    String text(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_" + field, "Field '" + field + "' must be a string.");
        }
        return node.asText();
    }

    /**
     * A list of names given as a JSON array of strings or one comma-separated string, joined with commas; null when
     * absent or null (the caller's default applies then, and only then). Anything else — an empty list, an object,
     * a number, a nested list, a blank name — is a 400: it must never fall back to the default.
     */
    String names(String field, String example) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String refusal = "Field '" + field + "' must be a non-empty list of names, e.g. " + example + ".";
        List<String> names = new ArrayList<>();
        if (node.isTextual()) {
            names.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw ApiException.badRequest("invalid_" + field, refusal);
                }
                names.add(element.asText());
            }
        } else {
            throw ApiException.badRequest("invalid_" + field, refusal);
        }
        if (names.isEmpty() || names.stream().anyMatch(name -> name.replace(",", "").isBlank())) {
            throw ApiException.badRequest("invalid_" + field, refusal);
        }
        return String.join(",", names);
    }

    /**
     * A required field holding a JSON array of 1 to {@code max} strings, or a 400 naming the field: absent, null, not an
     * array, empty, too long, or an element that is not a string.
     */
    List<String> strings(String field, int max, String example) {
        JsonNode node = body.get(field);
        String refusal = "Field '" + field + "' must be a list of 1 to " + max + " strings, e.g. " + example + ".";
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > max) {
            throw ApiException.badRequest("invalid_" + field, refusal);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw ApiException.badRequest("invalid_" + field, refusal);
            }
            values.add(element.asText());
        }
        return values;
    }

    /** A whole-number field from {@code min} to {@code max}, or null when absent or null. */
    Long number(String field, long min, long max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badRequest("invalid_" + field, "Field '" + field + "' must be a whole number from "
                    + min + " to " + max + ".");
        }
        return node.asLong();
    }

    /** Whether the body names {@code field} at all (null included). */
    boolean has(String field) {
        return body.has(field);
    }

    /** A boolean field (true/false, or the strings "true"/"false") as the text the validators take; null when absent. */
    String flag(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return String.valueOf(node.booleanValue());
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return node.asText();
        }
        throw ApiException.badRequest("invalid_" + field, "Field '" + field + "' must be true or false.");
    }

    /** application/json or any application/…+json, whatever its parameters (charset). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }
}
