package io.zohoconnect.component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.credentials.TokenUnavailableException;
import io.zohoconnect.crm.CreditsExhaustedException;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.MissingConnectionIdException;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.crm.wire.WriteResult;
import io.zohoconnect.crm.wire.WriteSummary;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code insert}, {@code update}, {@code upsert} and {@code delete} of any number of records: to Zoho
 * in batches of {@code batchSize} (at most 100, Zoho's limit), each batch a call of its own (so auth,
 * 401, 429 and the org's concurrency limit apply); one {@link WriteResult} per record in input order
 * — including the failures of a 207 partial success — as a {@link WriteSummary} body; every record
 * Zoho refused goes, with Zoho's code and message, to the dead-letter URI. None is silently dropped.
 */
final class RecordWrites implements CrmOperationHandler {

    private static final Logger log = LoggerFactory.getLogger(RecordWrites.class);
    private static final Set<String> TRIGGERS = Set.of("workflow", "approval", "blueprint");

    private final ZohoCrmEndpoint endpoint;
    private final CrmCalls calls;
    private final CrmWire wire;
    private final ProducerTemplate deadLetters;
    private final List<String> trigger;

    RecordWrites(ZohoCrmEndpoint endpoint, CrmCalls calls, CrmWire wire, ProducerTemplate deadLetters) {
        this.endpoint = endpoint;
        this.calls = calls;
        this.wire = wire;
        this.deadLetters = deadLetters;
        this.trigger = trigger(endpoint.getConfiguration().getTrigger());
    }

    @Override
    public CompletionStage<Void> process(Exchange exchange, String connectionId) {
        Message message = exchange.getMessage();
        CrmOperation operation = endpoint.crmOperation();
        List<String> duplicateCheck = fieldList(message.getHeader(ZohoHeaders.DUPLICATE_CHECK_FIELDS,
                endpoint.getConfiguration().getDuplicateCheckFields(), String.class));
        List<Object> records = records(MessageBodies.payload(message));
        int size = endpoint.getConfiguration().getBatchSize();
        List<WriteResult> results = new ArrayList<>(records.size());
        // one batch after the other, each when the one before has its answer: no thread waits in between
        CompletionStage<Void> batches = CompletableFuture.completedFuture(null);
        for (int from = 0; from < records.size(); from += size) {
            List<Object> batch = records.subList(from, Math.min(from + size, records.size()));
            int offset = from;
            batches = batches.thenCompose(done -> writeBatch(exchange, connectionId, operation, duplicateCheck, batch, offset))
                    .thenAccept(results::addAll);
        }
        return batches.thenAccept(done -> summarize(exchange, connectionId, operation, records, results));
    }

    private void summarize(Exchange exchange, String connectionId, CrmOperation operation, List<Object> records,
            List<WriteResult> results) {
        Message message = exchange.getMessage();
        WriteSummary summary = WriteSummary.of(results);
        boolean callerDeadLetters = exchange.getProperty(ZohoCrmComponent.CALLER_DEAD_LETTERS, false, Boolean.class);
        for (WriteResult result : results) {
            if (!result.succeeded() && !callerDeadLetters) {
                deadLetter(connectionId, operation, records.get(result.index()), result);
            }
        }
        if (summary.failed() > 0 && !callerDeadLetters) {
            log.warn("Connection {}: {} of {} {} records of {} failed; sent to {}", connectionId, summary.failed(),
                    records.size(), operation.uriName(), endpoint.getConfiguration().getModule(),
                    endpoint.effectiveDeadLetterUri().replaceAll("\\?.*", ""));
        }
        message.setHeader(ZohoHeaders.WRITE_SUCCEEDED, summary.succeeded());
        message.setHeader(ZohoHeaders.WRITE_FAILED, summary.failed());
        message.setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
        message.setHeader(ZohoHeaders.MODULE, endpoint.getConfiguration().getModule());
        message.setBody(summary);
    }

    private CompletionStage<List<WriteResult>> writeBatch(Exchange exchange, String connectionId, CrmOperation operation,
            List<String> duplicateCheck, List<Object> batch, int offset) {
        String module = "/" + endpoint.getConfiguration().getModule();
        CrmRequest request;
        if (operation == CrmOperation.DELETE) {
            request = new CrmRequest(connectionId, "DELETE", module, new CrmQuery()
                    .add("ids", batch.stream().map(RecordWrites::idOf).collect(Collectors.joining(",")))
                    .add("wf_trigger", trigger == null ? null : String.valueOf(trigger.contains("workflow"))).toString(),
                    null, Map.of());
        } else {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("data", batch);
            if (trigger != null) {
                payload.put("trigger", trigger);
            }
            if (operation == CrmOperation.UPSERT && !duplicateCheck.isEmpty()) {
                payload.put("duplicate_check_fields", duplicateCheck);
            }
            request = new CrmRequest(connectionId, operation == CrmOperation.UPDATE ? "PUT" : "POST",
                    operation == CrmOperation.UPSERT ? module + "/upsert" : module, null, wire.write(payload), Map.of());
        }
        return calls.callAsync(ZohoCrmComponent.withPurpose(exchange, request)).handle((reply, failure) -> {
            if (failure == null) {
                List<WriteResult> perRecord = wire.writeResults(reply.json(), batch.size(), offset);
                return perRecord != null ? perRecord
                        : failedBatch(batch.size(), offset, "NO_RESULT", "Zoho's answer had no per-record results");
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof MissingConnectionIdException || cause instanceof TokenUnavailableException) {
                throw (RuntimeException) cause; // nothing was written: the caller must fix the connection first
            }
            if (cause instanceof CreditsExhaustedException notSent) {
                throw notSent; // not a refused record: nothing reached Zoho, the write waits for credits (a queue redelivers it)
            }
            if (cause instanceof ZohoCrmException crm) {
                // an all-failed batch (HTTP 400) still carries per-record results; anything else fails the batch
                List<WriteResult> perRecord = wire.writeResults(crm.responseBody(), batch.size(), offset);
                return perRecord != null ? perRecord : failedBatch(batch.size(), offset, crm.code(), crm.getMessage());
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return failedBatch(batch.size(), offset, "CALL_FAILED", cause.getMessage());
        });
    }

    private static List<WriteResult> failedBatch(int size, int offset, String code, String message) {
        List<WriteResult> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            results.add(WriteResult.failed(offset + i, code, message));
        }
        return results;
    }

    /** The refused record with Zoho's verdict: body a JSON letter, headers for routing on code or module. */
    private void deadLetter(String connectionId, CrmOperation operation, Object record, WriteResult result) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("connection_id", connectionId);
        letter.put("module", endpoint.getConfiguration().getModule());
        letter.put("operation", operation.uriName());
        letter.put("index", result.index());
        letter.put("code", result.code());
        letter.put("message", result.message());
        letter.put("details", result.details());
        letter.put("record", record);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ZohoHeaders.CONNECTION_ID, connectionId);
        headers.put(ZohoHeaders.MODULE, endpoint.getConfiguration().getModule());
        headers.put(ZohoHeaders.ERROR_CODE, result.code());
        headers.put(ZohoHeaders.ERROR_MESSAGE, result.message());
        try {
            deadLetters.sendBodyAndHeaders(endpoint.effectiveDeadLetterUri(), wire.write(letter), headers);
        } catch (Exception e) {
            // the summary still reports the failure; never lose the knowledge that it failed
            log.error("Connection {}: could not send failed record {} to the dead-letter endpoint: {}", connectionId,
                    result.index(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> records(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("the body must hold the records to write (a list or a JSON array)");
        }
        if (body instanceof String text) {
            JsonNode root;
            try {
                root = wire.json().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not valid JSON: expected an array of records or {\"data\":[…]}");
            }
            JsonNode array = root != null && root.isObject() && root.has("data") ? root.get("data") : root;
            if (array != null && array.isObject()) {
                return List.of(wire.json().convertValue(array, new TypeReference<Map<String, Object>>() { }));
            }
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("the body must be a JSON array of records or {\"data\":[…]}");
            }
            return wire.json().convertValue(array, new TypeReference<List<Object>>() { });
        }
        if (body instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (body instanceof Map<?, ?> map) {
            Object data = map.get("data");
            return data instanceof List<?> list ? (List<Object>) list : List.of(map);
        }
        // a typed record (a POJO): Jackson makes it the map Zoho expects
        return List.of(wire.json().convertValue(body, new TypeReference<Map<String, Object>>() { }));
    }

    private static String idOf(Object record) {
        Object id = record instanceof Map<?, ?> map ? map.get("id") : record;
        if (id == null || !id.toString().matches("[0-9A-Za-z_-]{1,40}")) {
            throw new IllegalArgumentException("every record to delete needs an id (digits), got " + id);
        }
        return id.toString();
    }

    /** {@code workflow,approval,blueprint} → that list; {@code none} → no automation; absent → Zoho's default (all). */
    static List<String> trigger(String option) {
        if (option == null || option.isBlank()) {
            return null;
        }
        if (option.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> triggers = fieldList(option.toLowerCase(Locale.ROOT));
        for (String t : triggers) {
            if (!TRIGGERS.contains(t)) {
                throw new IllegalArgumentException("trigger must be none or a comma-separated list of workflow, approval,"
                        + " blueprint; got '" + t + "'");
            }
        }
        return triggers;
    }

    private static List<String> fieldList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
