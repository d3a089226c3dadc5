package io.zohoconnect.sync;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.crm.ZohoCrmException;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads CRM listings through {@code direct:zoho-crm} (so auth, 401 refresh, 429 back-off and the
 * org concurrency limit apply): module pages sorted by Modified_Time ascending (ties by id), by
 * page token once Zoho hands one out, with If-Modified-Since; the deleted-records listing; one
 * record by id. 204 and 304 are an empty page.
 */
@Component
class ModuleReader {

    static final int PER_PAGE = 200;
    private static final DateTimeFormatter IF_MODIFIED_SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> TOKEN_REJECTED = Set.of("EXPIRED_VALUE", "TOKEN_BOUND_DATA_MISMATCH",
            "PAGINATION_LIMIT_EXCEEDED");

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    ModuleReader(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    ModulePage page(String connectionId, String module, List<String> fields, String pageToken, int page,
            Instant modifiedAfter) {
        String query = "fields=" + encode(String.join(",", fields)) + "&per_page=" + PER_PAGE
                + "&sort_by=Modified_Time&sort_order=asc"
                + (pageToken != null ? "&page_token=" + encode(pageToken) : "&page=" + page);
        return read(connectionId, module, query, modifiedAfter);
    }

    ModulePage deleted(String connectionId, String module, int page, Instant deletedAfter) {
        return read(connectionId, module + "/deleted", "type=all&per_page=" + PER_PAGE + "&page=" + page, deletedAfter);
    }

    /** One record with all its fields, or null when it no longer exists. */
    ObjectNode record(String connectionId, String module, String id) {
        ModulePage page = read(connectionId, module + "/" + encode(id), null, null);
        return page.records().isEmpty() ? null : page.records().get(0);
    }

    private ModulePage read(String connectionId, String path, String query, Instant modifiedAfter) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(ZohoHeaders.CONNECTION_ID, connectionId);
        headers.put(ZohoHeaders.CRM_PATH, path);
        headers.put(Exchange.HTTP_METHOD, "GET");
        if (query != null) {
            headers.put(Exchange.HTTP_QUERY, query);
        }
        if (modifiedAfter != null) {
            headers.put("If-Modified-Since", IF_MODIFIED_SINCE.format(modifiedAfter));
        }
        String body;
        try {
            body = producer.requestBodyAndHeaders("direct:zoho-crm", null, headers, String.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof ZohoCrmException crm && TOKEN_REJECTED.contains(crm.code())) {
                throw new PageTokenRejectedException(crm.getMessage());
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (body == null || body.isBlank()) {
            return ModulePage.EMPTY;
        }
        try {
            JsonNode root = json.readTree(body);
            List<ObjectNode> records = new ArrayList<>();
            for (JsonNode record : root.path("data")) {
                if (record instanceof ObjectNode object && object.hasNonNull("id")) {
                    records.add(object);
                }
            }
            JsonNode info = root.path("info");
            String next = info.hasNonNull("next_page_token") ? info.get("next_page_token").asText() : null;
            return new ModulePage(records, next, info.path("more_records").asBoolean(false));
        } catch (JsonProcessingException e) {
            throw new ZohoCrmException(200, "MALFORMED_RESPONSE", null, "Zoho's answer to " + path + " is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
