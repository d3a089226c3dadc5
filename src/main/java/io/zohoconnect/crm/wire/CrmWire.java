package io.zohoconnect.crm.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ZohoOrg;

/**
 * Reads Zoho's CRM answers into the typed records of this package, leniently: an HTML page,
 * garbage or a short answer yields a described error or "nothing", never an exception from here.
 */
public final class CrmWire {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() { };

    private final ObjectMapper json;

    public CrmWire(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Zoho's error of an answer with this status and body (top level, or in {@code data[0]} as some endpoints do). */
    public CrmError error(int status, String body) {
        if (body != null && !body.isBlank() && !body.stripLeading().startsWith("<")) {
            try {
                JsonNode root = json.readTree(body);
                JsonNode node = root;
                if (root != null && root.has("data") && root.get("data").isArray() && !root.get("data").isEmpty()) {
                    node = root.get("data").get(0);
                }
                if (node != null && node.hasNonNull("code")) {
                    Map<String, Object> details = node.path("details").isObject() ? json.convertValue(node.get("details"), MAP) : Map.of();
                    return new CrmError(node.get("code").asText(), bounded(node.path("message").asText("")), details,
                            node.path("status").asText("error"));
                }
            } catch (Exception notJson) {
                // fall through: described by status
            }
        }
        return CrmError.ofStatus(status);
    }

    /** Whether a body is complete JSON (a truncated answer is not). */
    public boolean isJson(String body) {
        return tree(body) != null;
    }

    /** The body as a JSON tree, or null when it is blank or not complete JSON (a truncated answer). */
    public JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(body);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A listing, search or COQL answer; null or blank (204, 304) is {@link CrmPage#EMPTY}. */
    public CrmPage page(String body) {
        if (body == null || body.isBlank()) {
            return CrmPage.EMPTY;
        }
        try {
            return page(json.readTree(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("Zoho's page is not valid JSON", e);
        }
    }

    /**
     * A listing, search or COQL answer read in one streaming pass — the records straight into maps, no
     * tree first (a {@link io.zohoconnect.crm.ReplyReader} for the call path). Fails on anything that is not
     * one complete JSON object, such as a truncated page.
     */
    public CrmPage readPage(String body) throws IOException {
        List<List<Map<String, Object>>> data = new ArrayList<>(1);
        PageInfo info = readListing(body, parser -> data.add(json.readValue(parser, RECORDS)));
        return new CrmPage(data.isEmpty() ? List.of() : data.get(0), info);
    }

    /**
     * Reads {@code {"data":[…],"info":{…},…}} in one streaming pass: {@code data} reads the array (the parser
     * on its {@code START_ARRAY}, to be left on its {@code END_ARRAY}); other keys are skipped. Fails on
     * anything that is not one complete JSON object, such as a truncated page.
     *
     * @return the page's {@code info} ({@link PageInfo#NONE} when absent)
     */
    public PageInfo readListing(String body, DataReader data) throws IOException {
        PageInfo info = PageInfo.NONE;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                    data.read(parser);
                } else if ("info".equals(name) && value == JsonToken.START_OBJECT) {
                    info = info(json.readTree(parser));
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("not one complete JSON object");
            }
        }
        return info;
    }

    /** Reads a listing's {@code data} array from the parser. */
    @FunctionalInterface
    public interface DataReader {
        void read(JsonParser parser) throws IOException;
    }

    /** A listing, search or COQL answer already parsed; null is {@link CrmPage#EMPTY}. */
    public CrmPage page(JsonNode root) {
        if (root == null) {
            return CrmPage.EMPTY;
        }
        List<Map<String, Object>> data = root.path("data").isArray() ? json.convertValue(root.get("data"), RECORDS) : List.of();
        return new CrmPage(data, info(root.path("info")));
    }

    private static PageInfo info(JsonNode info) {
        if (!info.isObject()) {
            return PageInfo.NONE;
        }
        return new PageInfo(info.path("per_page").asInt(0), info.path("count").asInt(0), info.path("page").asInt(0),
                info.path("more_records").asBoolean(false), text(info.path("next_page_token")),
                text(info.path("previous_page_token")), text(info.path("page_token_expiry")),
                text(info.path("sort_by")), text(info.path("sort_order")));
    }

    /**
     * The per-record results of a write answer ({@code {"data":[{code,details,message,status}…]}}) for a
     * batch of {@code size} records starting at input position {@code offset}; a record Zoho gave no
     * result for is an error. Null when the answer holds no per-record results at all.
     */
    public List<WriteResult> writeResults(String body, int size, int offset) {
        return writeResults(tree(body), size, offset);
    }

    /** {@link #writeResults(String, int, int)} of an answer already parsed. */
    public List<WriteResult> writeResults(JsonNode root, int size, int offset) {
        if (root == null) {
            return null;
        }
        JsonNode data = root.path("data");
        if (!data.isArray() || data.isEmpty()) {
            return null;
        }
        List<WriteResult> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode item = data.get(i);
            if (item == null) {
                results.add(WriteResult.failed(offset + i, "NO_RESULT", "Zoho returned no result for this record"));
                continue;
            }
            boolean ok = WriteResult.SUCCESS.equalsIgnoreCase(item.path("status").asText());
            JsonNode details = item.path("details");
            results.add(new WriteResult(offset + i, ok ? WriteResult.SUCCESS : WriteResult.ERROR, text(item.path("code")),
                    text(item.path("message")), text(details.path("id")), text(item.path("action")),
                    details.isObject() ? json.convertValue(details, MAP) : null));
        }
        return results;
    }

    /** {@code {"fields":[{"api_name","data_type","field_label","json_type","system_mandatory"}…]}}. */
    public List<CrmField> fields(String body) {
        List<CrmField> fields = new ArrayList<>();
        try {
            for (JsonNode field : json.readTree(body == null ? "" : body).path("fields")) {
                String apiName = text(field.path("api_name"));
                if (apiName != null) {
                    fields.add(new CrmField(apiName, text(field.path("data_type")), text(field.path("field_label")),
                            text(field.path("json_type")), field.path("system_mandatory").asBoolean(false)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Zoho's field list is not valid JSON", e);
        }
        return fields;
    }

    /**
     * {@code {"org":[{"id","company_name","license_details":{"paid_type":"enterprise",…}}]}}; empty when
     * unreadable, or when its id is not an id that fits ({@link ZohoOrg#fromZoho}).
     */
    public Optional<ZohoOrg> org(String body) {
        try {
            JsonNode org = json.readTree(body == null ? "" : body).path("org").path(0);
            String id = text(org.path("id"));
            if (id == null) {
                return Optional.empty();
            }
            JsonNode license = org.path("license_details");
            String edition = text(license.path("paid_type"));
            if (edition == null && license.path("paid").isBoolean() && !license.path("paid").asBoolean()) {
                edition = "free";
            }
            return ZohoOrg.fromZoho(id, text(org.path("company_name")), edition);
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }

    /**
     * {@code license_details.users_license_purchased} of an org answer: the user licenses Zoho's API-credit
     * allowance counts; -1 when absent or not a number from 0 to 10,000,000.
     */
    public int licensedUsers(String body) {
        try {
            JsonNode users = json.readTree(body == null ? "" : body).path("org").path(0).path("license_details")
                    .path("users_license_purchased");
            long value = users.canConvertToLong() ? users.asLong() : -1;
            return value >= 0 && value <= 10_000_000 ? (int) value : -1;
        } catch (Exception unreadable) {
            return -1;
        }
    }

    /** Zoho's error code of a body, reduced to the characters a code has (safe to log), or "". */
    public String codeOf(String body) {
        try {
            String code = text(json.readTree(body == null ? "" : body).path("code"));
            return code == null ? "" : code.replaceAll("[^A-Z_]", "");
        } catch (Exception unreadable) {
            return "";
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String bounded(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }
}
