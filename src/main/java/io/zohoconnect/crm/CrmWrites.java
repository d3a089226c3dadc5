package io.zohoconnect.crm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.ZohoProperties;
import io.zohoconnect.refresh.TokenUnavailableException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code direct:zoho-crm-write}: insert, update, upsert or delete any number of records of any
 * module. Records go to Zoho in batches of 100 through {@code direct:zoho-crm} (so auth, 401,
 * 429 and the concurrency limit apply); per-record results come back in input order, including
 * the failures of a 207 partial success; every failed record is sent, with Zoho's code and
 * message, to {@code zoho.crm.write-dead-letter-uri} — none is silently dropped.
 *
 * <p>In: {@code ZohoConnectionId}, {@code ZohoModule}, {@code ZohoWriteOperation}, optional
 * {@code ZohoDuplicateCheckFields}; body a list of records (maps, or a JSON array / {"data":[…]});
 * for delete, records with an {@code id} or plain ids. Out: body JSON
 * {@code {"total","succeeded","failed","results":[{"index","status","code","message","id",…}]}},
 * headers {@code ZohoWriteSucceeded}, {@code ZohoWriteFailed}.
 */
@Component
public final class CrmWrites implements Processor {

    private static final Logger log = LoggerFactory.getLogger(CrmWrites.class);
    private static final Pattern MODULE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    /**
     * Exchange property (never a header, so no inbound message can set it): true when the caller
     * dead-letters the failed records itself from the per-record results — the RabbitMQ writes do,
     * with the source message's id — so they are not also sent to {@code zoho.crm.write-dead-letter-uri}.
     */
    public static final String CALLER_DEAD_LETTERS = "ZohoCallerDeadLetters";

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final CrmPaths paths;
    private final String deadLetterUri;

    public CrmWrites(ProducerTemplate producer, ObjectMapper json, CrmPaths paths, ZohoProperties properties) {
        this.producer = producer;
        this.json = json;
        this.paths = paths;
        this.deadLetterUri = properties.crm().writeDeadLetterUri();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String connectionId = in.getHeader(ZohoHeaders.CONNECTION_ID, String.class);
        if (connectionId == null || connectionId.isEmpty()) {
            throw new MissingConnectionIdException();
        }
        String module = in.getHeader(ZohoHeaders.MODULE, String.class);
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("header " + ZohoHeaders.MODULE + " must name a CRM module such as Leads, got "
                    + (module == null ? "nothing" : "'" + module + "'"));
        }
        WriteOperation operation = WriteOperation.parse(in.getHeader(ZohoHeaders.WRITE_OPERATION, String.class));
        List<String> duplicateCheck = splitFields(in.getHeader(ZohoHeaders.DUPLICATE_CHECK_FIELDS, String.class));
        List<Object> records = records(in.getBody());

        List<Map<String, Object>> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += WriteOperation.BATCH_SIZE) {
            List<Object> batch = records.subList(from, Math.min(from + WriteOperation.BATCH_SIZE, records.size()));
            results.addAll(writeBatch(connectionId, module, operation, duplicateCheck, batch, from));
        }
        long failed = results.stream().filter(r -> "error".equals(r.get("status"))).count();
        boolean callerDeadLetters = exchange.getProperty(CALLER_DEAD_LETTERS, false, Boolean.class);
        for (Map<String, Object> result : results) {
            if ("error".equals(result.get("status")) && !callerDeadLetters) {
                deadLetter(connectionId, module, operation, records.get((Integer) result.get("index")), result);
            }
        }
        if (failed > 0 && !callerDeadLetters) {
            log.warn("Connection {}: {} of {} {} records of {} failed; sent to {}", connectionId, failed, records.size(),
                    operation.name().toLowerCase(), module, deadLetterUri.replaceAll("\\?.*", ""));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", records.size());
        summary.put("succeeded", records.size() - failed);
        summary.put("failed", failed);
        summary.put("results", results);
        in.setHeader(ZohoHeaders.WRITE_SUCCEEDED, records.size() - failed);
        in.setHeader(ZohoHeaders.WRITE_FAILED, failed);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(json.writeValueAsString(summary));
    }

    private List<Map<String, Object>> writeBatch(String connectionId, String module, WriteOperation operation,
            List<String> duplicateCheck, List<Object> batch, int offset) throws JsonProcessingException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ZohoHeaders.CONNECTION_ID, connectionId);
        headers.put(ZohoHeaders.CRM_PATH, operation.path(paths.versionPrefix(), module));
        headers.put(Exchange.HTTP_METHOD, operation.method());
        Object body = null;
        if (operation == WriteOperation.DELETE) {
            headers.put(Exchange.HTTP_QUERY, "ids=" + batch.stream().map(CrmWrites::idOf).collect(Collectors.joining(",")));
        } else {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("data", batch);
            if (operation == WriteOperation.UPSERT && !duplicateCheck.isEmpty()) {
                payload.put("duplicate_check_fields", duplicateCheck);
            }
            body = json.writeValueAsString(payload);
        }
        String answer;
        try {
            answer = producer.requestBodyAndHeaders(CrmRoutes.CRM, body, headers, String.class);
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof ZohoCrmException crm) {
                // an all-failed batch (HTTP 400) still carries per-record results; anything else fails the batch
                List<Map<String, Object>> perRecord = perRecord(crm.responseBody(), batch.size(), offset);
                return perRecord != null ? perRecord : failedBatch(batch.size(), offset, crm.code(), crm.getMessage());
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException own && !(cause instanceof ZohoCrmException)
                    && (cause instanceof MissingConnectionIdException
                    || cause instanceof TokenUnavailableException)) {
                throw own; // nothing was written: the caller must fix the connection first
            }
            return failedBatch(batch.size(), offset, "CALL_FAILED", cause.getMessage());
        }
        List<Map<String, Object>> perRecord = perRecord(answer, batch.size(), offset);
        return perRecord != null ? perRecord
                : failedBatch(batch.size(), offset, "NO_RESULT", "Zoho's answer had no per-record results");
    }

    /** Zoho's {@code {"data":[{code,details,message,status}…]}} as results in input order, or null. */
    private List<Map<String, Object>> perRecord(String body, int size, int offset) {
        if (body == null) {
            return null;
        }
        JsonNode data;
        try {
            data = json.readTree(body).path("data");
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!data.isArray() || data.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode item = data.get(i);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", offset + i);
            if (item == null) {
                result.put("status", "error");
                result.put("code", "NO_RESULT");
                result.put("message", "Zoho returned no result for this record");
            } else {
                boolean ok = "success".equalsIgnoreCase(item.path("status").asText());
                result.put("status", ok ? "success" : "error");
                result.put("code", item.path("code").asText(null));
                result.put("message", item.path("message").asText(null));
                if (item.path("details").hasNonNull("id")) {
                    result.put("id", item.path("details").path("id").asText());
                }
                if (item.hasNonNull("action")) {
                    result.put("action", item.path("action").asText());
                }
                if (item.has("details")) {
                    result.put("details", json.convertValue(item.path("details"), new TypeReference<Map<String, Object>>() { }));
                }
            }
            results.add(result);
        }
        return results;
    }

    private static List<Map<String, Object>> failedBatch(int size, int offset, String code, String message) {
        List<Map<String, Object>> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", offset + i);
            result.put("status", "error");
            result.put("code", code);
            result.put("message", message);
            results.add(result);
        }
        return results;
    }

    private void deadLetter(String connectionId, String module, WriteOperation operation, Object record,
            Map<String, Object> result) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("connection_id", connectionId);
        letter.put("module", module);
        letter.put("operation", operation.name().toLowerCase());
        letter.put("index", result.get("index"));
        letter.put("code", result.get("code"));
        letter.put("message", result.get("message"));
        letter.put("details", result.get("details"));
        letter.put("record", record);
        try {
            producer.sendBodyAndHeader(deadLetterUri, json.writeValueAsString(letter), ZohoHeaders.CONNECTION_ID, connectionId);
        } catch (Exception e) {
            // the summary still reports the failure; never lose the knowledge that it failed
            log.error("Connection {}: could not send failed record {} to the dead-letter endpoint: {}", connectionId,
                    result.get("index"), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> records(Object body) throws JsonProcessingException {
        if (body == null) {
            throw new IllegalArgumentException("the body must hold the records to write (a list or a JSON array)");
        }
        if (body instanceof byte[] bytes) {
            body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            JsonNode root;
            try {
                root = json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not valid JSON: expected an array of records or {\"data\":[…]}");
            }
            JsonNode array = root != null && root.isObject() && root.has("data") ? root.get("data") : root;
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("the body must be a JSON array of records or {\"data\":[…]}");
            }
            return json.convertValue(array, new TypeReference<List<Object>>() { });
        }
        if (body instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (body instanceof Map<?, ?> map) {
            Object data = map.get("data");
            return data instanceof List<?> list ? (List<Object>) list : List.of(map);
        }
        throw new IllegalArgumentException("the body must be a list of records, got " + body.getClass().getSimpleName());
    }

    private static String idOf(Object record) {
        Object id = record instanceof Map<?, ?> map ? map.get("id") : record;
        if (id == null || !id.toString().matches("[0-9A-Za-z_-]{1,40}")) {
            throw new IllegalArgumentException("every record to delete needs an id (digits), got " + id);
        }
        return id.toString();
    }

    private static List<String> splitFields(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
