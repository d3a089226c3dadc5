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
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.crm.wire.WriteResult;
import io.zohoconnect.crm.wire.WriteSummary;
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

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final CrmWire wire;
    private final CrmPaths paths;
    private final String deadLetterUri;

    public CrmWrites(ProducerTemplate producer, CrmWire wire, CrmPaths paths, ZohoProperties properties) {
        this.producer = producer;
        this.wire = wire;
        this.json = wire.json();
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

        List<WriteResult> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += WriteOperation.BATCH_SIZE) {
            List<Object> batch = records.subList(from, Math.min(from + WriteOperation.BATCH_SIZE, records.size()));
            results.addAll(writeBatch(connectionId, module, operation, duplicateCheck, batch, from));
        }
        WriteSummary summary = WriteSummary.of(results);
        long failed = summary.failed();
        for (WriteResult result : results) {
            if (!result.succeeded()) {
                deadLetter(connectionId, module, operation, records.get(result.index()), result);
            }
        }
        if (failed > 0) {
            log.warn("Connection {}: {} of {} {} records of {} failed; sent to {}", connectionId, failed, records.size(),
                    operation.name().toLowerCase(), module, deadLetterUri.replaceAll("\\?.*", ""));
        }
        in.setHeader(ZohoHeaders.WRITE_SUCCEEDED, records.size() - failed);
        in.setHeader(ZohoHeaders.WRITE_FAILED, failed);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(json.writeValueAsString(summary));
    }

    private List<WriteResult> writeBatch(String connectionId, String module, WriteOperation operation,
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
                List<WriteResult> perRecord = wire.writeResults(crm.responseBody(), batch.size(), offset);
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
        List<WriteResult> perRecord = wire.writeResults(answer, batch.size(), offset);
        return perRecord != null ? perRecord
                : failedBatch(batch.size(), offset, "NO_RESULT", "Zoho's answer had no per-record results");
    }

    private static List<WriteResult> failedBatch(int size, int offset, String code, String message) {
        List<WriteResult> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            results.add(WriteResult.failed(offset + i, code, message));
        }
        return results;
    }

    private void deadLetter(String connectionId, String module, WriteOperation operation, Object record,
            WriteResult result) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("connection_id", connectionId);
        letter.put("module", module);
        letter.put("operation", operation.name().toLowerCase());
        letter.put("index", result.index());
        letter.put("code", result.code());
        letter.put("message", result.message());
        letter.put("details", result.details());
        letter.put("record", record);
        try {
            producer.sendBodyAndHeader(deadLetterUri, json.writeValueAsString(letter), ZohoHeaders.CONNECTION_ID, connectionId);
        } catch (Exception e) {
            // the summary still reports the failure; never lose the knowledge that it failed
            log.error("Connection {}: could not send failed record {} to the dead-letter endpoint: {}", connectionId,
                    result.index(), e.getMessage());
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
