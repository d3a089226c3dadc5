package io.zohoconnect.amqp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.DatabaseReachability;
import io.zohoconnect.component.ZohoCrmComponent;
import io.zohoconnect.component.CrmOperation;
import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.wire.WriteSummary;
import io.zohoconnect.credentials.TokenUnavailableException;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

/**
 * One write message from {@code zoho.crm.writes}, from start to an outcome for every record: its
 * batches of 100 go through the {@code zoho-crm} component's write operations as background calls (auth, 401,
 * 429 back-off and the org's
 * concurrency limit apply); each answered batch is stored before the next is sent, so a redelivery
 * resumes where the last delivery stopped; refused records are dead-lettered one by one; the result
 * goes to the results exchange. Only then may the caller acknowledge the message.
 *
 * <p>A 429 that outlasted the CRM call's own retries, or a connection that needs re-consent, holds
 * the message (hold queue, then back) without counting it as a failure; a server error or a broken
 * answer counts as a failed delivery, and a message delivered {@code max-redeliveries} more times
 * without an outcome is unprocessable, like a broken message — unless Zoho answered all its batches:
 * then only its result went missing (a broker outage), and it is answered from the stored outcome.
 */
public final class QueuedWrites {

    private static final Logger log = LoggerFactory.getLogger(QueuedWrites.class);
    /** Zoho is busy or our grant is not usable now: wait and try the message again. */
    static final Set<String> HOLD_CODES = Set.of("TOO_MANY_REQUESTS", "CONCURRENCY_LIMIT", "OAUTH_SCOPE_MISMATCH",
            "INVALID_TOKEN", "AUTHENTICATION_FAILURE");
    /** No answer from Zoho about these records (server error, I/O, garbled answer): deliver again, counted. */
    static final Set<String> RETRY_CODES = Set.of("INTERNAL_ERROR", "IO_ERROR", "MALFORMED_RESPONSE", "CALL_FAILED",
            "NO_RESULT");

    private final WriteMessageParser parser;
    private final WriteProgressStore progress;
    private final BrokerOutbox outbox;
    private final ConnectionStore connections;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final AmqpProperties settings;

    public QueuedWrites(WriteMessageParser parser, WriteProgressStore progress, BrokerOutbox outbox,
            ConnectionStore connections, ProducerTemplate producer, ObjectMapper json, AmqpProperties settings) {
        this.parser = parser;
        this.progress = progress;
        this.outbox = outbox;
        this.connections = connections;
        this.producer = producer;
        this.json = json;
        this.settings = settings;
    }

    /** What became of a message; every outcome means the incoming copy may be acknowledged. */
    public enum Outcome { WRITTEN, ALREADY_WRITTEN, UNPROCESSABLE, HELD, RETRY }

    public Outcome handle(Message amqp) {
        WriteMessage message;
        try {
            message = parser.parse(amqp);
        } catch (UnprocessableMessageException e) {
            return unprocessable(amqp, null, e.getMessage());
        }
        Optional<Connection> connection = connections.findStatus(message.connectionId());
        if (connection.isEmpty()) {
            return unprocessable(amqp, null, "unknown connection '" + message.connectionId()
                    + "': connect it first (GET /connect?connection_id=" + message.connectionId() + "&dc=…)");
        }
        ConnectionStatus status = connection.get().status();
        if (status == ConnectionStatus.REVOKE_PENDING || status == ConnectionStatus.REVOKED) {
            return unprocessable(amqp, null, "connection '" + message.connectionId() + "' was deleted");
        }
        if (status == ConnectionStatus.NEEDS_REAUTH) {
            return hold(message, "connection '" + message.connectionId() + "' needs re-consent");
        }
        WriteProgressStore.Progress before = progress.deliver(message.key());
        if (before.done()) {
            log.info("Write message {} was already written: acknowledged without writing again", message.key());
            return Outcome.ALREADY_WRITTEN;
        }
        // a message whose batches Zoho all answered is finished from what was stored, however often it came: only
        // its result (or acknowledgement) went missing, and writing it off would leave written records without one
        if (before.deliveries() > settings.maxRedeliveries() && !answered(message, before)) {
            return unprocessable(amqp, message.key(), "redelivered " + (before.deliveries() - 1) + " times without an outcome"
                    + (before.lastError() == null ? "" : " (last: " + before.lastError() + ")"));
        }
        return write(message, before);
    }

    /** Whether Zoho answered every batch of the message in earlier deliveries. */
    private static boolean answered(WriteMessage message, WriteProgressStore.Progress before) {
        int batches = (message.records().size() + CrmOperation.WRITE_BATCH_SIZE - 1) / CrmOperation.WRITE_BATCH_SIZE;
        return before.batches().size() >= batches;
    }

    private Outcome write(WriteMessage message, WriteProgressStore.Progress before) {
        List<Object> records = message.records();
        List<Map<String, Object>> results = new ArrayList<>(records.size());
        for (int index = 0, from = 0; from < records.size(); index++, from += CrmOperation.WRITE_BATCH_SIZE) {
            String stored = before.batches().get(index);
            if (stored != null) {
                results.addAll(read(stored)); // answered before a crash or a hold: never sent twice
                continue;
            }
            List<Object> batch = records.subList(from, Math.min(from + CrmOperation.WRITE_BATCH_SIZE, records.size()));
            List<Map<String, Object>> answered;
            try {
                answered = send(message, batch, from);
            } catch (TokenUnavailableException e) {
                if (e.reason() == TokenUnavailableException.Reason.UNKNOWN_CONNECTION
                        || e.reason() == TokenUnavailableException.Reason.REVOKE_PENDING) {
                    return unprocessable(message.original(), message.key(), e.getMessage());
                }
                return hold(message, e.getMessage());
            } catch (IllegalArgumentException e) {
                return unprocessable(message.original(), message.key(), e.getMessage());
            }
            Optional<Map<String, Object>> busy = answered.stream().filter(r -> HOLD_CODES.contains(r.get("code"))).findFirst();
            if (busy.isPresent()) {
                return hold(message, "Zoho answered " + busy.get().get("code") + ": " + busy.get().get("message"));
            }
            Optional<Map<String, Object>> noAnswer = answered.stream().filter(r -> noAnswer(r.get("code"))).findFirst();
            if (noAnswer.isPresent()) {
                String error = noAnswer.get().get("code") + ": " + noAnswer.get().get("message");
                progress.markFailed(message.key(), error);
                outbox.hold(message.original(), error);
                log.warn("Write message {}: no answer from Zoho for batch {} ({}); tried again after {}", message.key(), index,
                        error, settings.holdDelay());
                return Outcome.RETRY;
            }
            progress.saveBatch(message.key(), index, write(answered));
            results.addAll(answered);
        }
        long failed = results.stream().filter(r -> "error".equals(r.get("status"))).count();
        for (Map<String, Object> result : results) {
            if ("error".equals(result.get("status"))) {
                outbox.refusedRecord(message, records.get(((Number) result.get("index")).intValue()), result);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", records.size());
        summary.put("succeeded", records.size() - failed);
        summary.put("failed", failed);
        summary.put("results", results);
        outbox.result(message, summary);
        progress.markDone(message.key());
        return Outcome.WRITTEN;
    }

    private static boolean noAnswer(Object code) {
        return code != null && (RETRY_CODES.contains(code.toString()) || code.toString().startsWith("HTTP_5"));
    }

    private List<Map<String, Object>> send(WriteMessage message, List<Object> batch, int offset) {
        // the parser checked the module name and the operation: both may become part of the endpoint URI
        String uri = "zoho-crm:" + message.operation().uriName() + "/" + message.module();
        Exchange answer = producer.request(uri, exchange -> {
            exchange.setProperty(ZohoCrmComponent.CALLER_DEAD_LETTERS, true);
            // queue writes are background work: they wait at their share of the org's API credits
            exchange.setProperty(ZohoCrmComponent.CALL_PURPOSE, CallPurpose.BACKGROUND);
            org.apache.camel.Message in = exchange.getMessage();
            in.setHeader(ZohoHeaders.CONNECTION_ID, message.connectionId());
            if (message.duplicateCheckFields() != null) {
                in.setHeader(ZohoHeaders.DUPLICATE_CHECK_FIELDS, message.duplicateCheckFields());
            }
            in.setBody(batch);
        });
        if (answer.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (answer.getException() != null) {
            throw new IllegalStateException(answer.getException().getMessage(), answer.getException());
        }
        JsonNode summary = json.valueToTree(answer.getMessage().getBody(WriteSummary.class));
        List<Map<String, Object>> results = json.convertValue(summary.path("results"),
                new TypeReference<List<Map<String, Object>>>() { });
        for (Map<String, Object> result : results) {
            result.put("index", ((Number) result.get("index")).intValue() + offset);
        }
        return results;
    }

    private Outcome unprocessable(Message original, String key, String reason) {
        outbox.unprocessable(original, reason);
        if (key != null) {
            progress.markDone(key); // a copy delivered again is not tried again
        }
        log.warn("Write message {} is unprocessable, sent to {}: {}", describe(original), settings.deadLetterQueue(), reason);
        return Outcome.UNPROCESSABLE;
    }

    private Outcome hold(WriteMessage message, String reason) {
        outbox.hold(message.original(), reason);
        try {
            progress.markHeld(message.key());
        } catch (RuntimeException e) {
            if (!DatabaseReachability.isOutage(e)) {
                throw e;
            }
            // the copy is in the hold queue: this one must be acknowledged, not held a second time; the hold
            // merely counts as a delivery
        }
        log.info("Write message {} held for {}: {}", message.key(), settings.holdDelay(), reason);
        return Outcome.HELD;
    }

    private static String describe(Message original) {
        String id = original.getMessageProperties().getMessageId();
        return id == null ? "(no message_id)" : id;
    }

    private List<Map<String, Object>> read(String resultsJson) {
        try {
            return json.readValue(resultsJson, new TypeReference<List<Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored batch results are not JSON", e);
        }
    }

    private String write(List<Map<String, Object>> results) {
        try {
            return json.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
