package io.zohoconnect.simulator;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /_sim} control API that tests drive: reset, settings, faults, counters, and the
 * user-side events Zoho does not expose (tokens expiring, a grant removed in Zoho's console, records
 * changed by other users — see {@link SimDataControl}). JSON in, JSON out; a bad request is a 400
 * {@code {"error":"…"}}.
 */
final class SimControl {

    private static final Set<String> FAULT_FIELDS = Set.of("target", "type", "count", "dc", "delayMillis",
            "retryAfterSeconds", "path", "method", "skip", "cookie");

    private final SimState state;
    private final ObjectMapper json;
    private static final Pattern JOB_ADVANCE =
            Pattern.compile("/bulk/jobs/([0-9]{1,19})/advance");

    private final SimDataControl data;
    private final SimBulkReadApi bulkRead;

    SimControl(SimState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
        this.data = new SimDataControl(state, json);
        this.bulkRead = new SimBulkReadApi(state, json);
    }

    /** {@code rest} is the path after {@code /_sim}. */
    void handle(SimExchange exchange, String rest) throws IOException {
        String method = exchange.method();
        try {
            switch (method + " " + rest) {
                case "POST /reset" -> {
                    state.reset();
                    exchange.json(200, Map.of("status", "reset"));
                }
                case "GET /settings" -> exchange.json(200, state.settings());
                case "POST /settings" -> exchange.json(200, updateSettings(body(exchange)));
                case "GET /faults" -> exchange.json(200, Map.of("faults", state.faults().describe()));
                case "POST /faults" -> {
                    Fault fault = fault(body(exchange));
                    state.faults().arm(fault);
                    exchange.json(200, Map.of("armed", fault.type().wireName(), "target", fault.target().wireName()));
                }
                case "DELETE /faults" -> {
                    state.faults().clear();
                    exchange.json(200, Map.of("status", "cleared"));
                }
                case "GET /counters" -> exchange.json(200, state.counters().snapshot());
                case "GET /requests" -> exchange.json(200, Map.of("requests", state.requests().list()));
                case "DELETE /requests" -> {
                    state.requests().clear();
                    exchange.json(200, Map.of("status", "cleared"));
                }
                case "POST /tokens/expire" -> {
                    OptionalInt expired = state.grants().expireTokens(refreshToken(body(exchange)), state.now());
                    if (expired.isPresent()) {
                        exchange.json(200, Map.of("expired", expired.getAsInt()));
                    } else {
                        unknownRefreshToken(exchange);
                    }
                }
                case "POST /grants/revoke" -> {
                    if (state.grants().revokeAnywhere(refreshToken(body(exchange)))) {
                        exchange.json(200, Map.of("status", "revoked"));
                    } else {
                        unknownRefreshToken(exchange);
                    }
                }
                case "POST /next-grant-org" -> {
                    String org = body(exchange).path("org").asText("").trim();
                    if (org.isEmpty() || org.length() > 100) {
                        throw new IllegalArgumentException("org must be the company name of the other org (1-100 characters)");
                    }
                    state.nextGrantOrg(org);
                    exchange.json(200, Map.of("next_grant_org", org));
                }
                case "POST /page-tokens/expire" -> exchange.json(200, Map.of("expired", state.pageTokens().expireAll()));
                case "POST /data/reset" -> {
                    state.orgs().resetData();
                    state.bulkReadJobs().clear();
                    exchange.json(200, Map.of("status", "reset"));
                }
                case "GET /callbacks" -> callbacks(exchange);
                case "POST /callbacks" -> {
                    JsonNode spec = body(exchange);
                    String kind = text(spec, "kind");
                    OutboundCallbacks.Switch current = state.callbacks().switchOf(kind == null ? "" : kind);
                    OutboundCallbacks.Switch next = new OutboundCallbacks.Switch(
                            spec.has("drop") ? spec.get("drop").asBoolean() : current.drop(),
                            spec.has("dropNext") ? spec.get("dropNext").asInt(-1) : 0,
                            spec.has("delayMillis") ? spec.get("delayMillis").asLong(-1) : current.delayMillis());
                    state.callbacks().setSwitch(kind, next);
                    exchange.json(200, Map.of("kind", kind, "switch", next));
                }
                case "DELETE /callbacks" -> {
                    state.callbacks().clearLog();
                    exchange.json(200, Map.of("status", "cleared"));
                }
                case "GET /bulk/jobs" -> exchange.json(200, Map.of("jobs", state.bulkReadJobs().all().stream()
                        .map(job -> job.describeForControl(state.now(), state.bulkReadJobs())).toList()));
                case "GET /bulk/settings" -> exchange.json(200, state.bulkReadJobs().timings());
                case "POST /bulk/settings" -> {
                    JsonNode spec = body(exchange);
                    BulkReadJobs.Timings current = state.bulkReadJobs().timings();
                    BulkReadJobs.Timings next = new BulkReadJobs.Timings(
                            spec.has("addedSeconds") ? spec.get("addedSeconds").asLong(-1) : current.addedSeconds(),
                            spec.has("runSeconds") ? spec.get("runSeconds").asLong(-1) : current.runSeconds(),
                            spec.has("jobLimit") ? spec.get("jobLimit").asInt(-1) : current.jobLimit(),
                            spec.has("pageRows") ? spec.get("pageRows").asInt(-1) : current.pageRows(),
                            spec.has("recordsPerSecond") ? spec.get("recordsPerSecond").asLong(-1) : current.recordsPerSecond());
                    state.bulkReadJobs().timings(next);
                    exchange.json(200, next);
                }
                default -> {
                    Matcher advance = JOB_ADVANCE.matcher(rest);
                    if (method.equals("POST") && advance.matches()) {
                        advanceJob(exchange, advance.group(1), body(exchange));
                        return;
                    }
                    JsonNode body = method.equals("GET") ? json.createObjectNode() : body(exchange);
                    if (!data.handle(exchange, method, rest, body)) {
                        exchange.json(404, Map.of("error", "no such control endpoint: " + method + " /_sim" + rest));
                    }
                }
            }
        } catch (SimDataControl.NoSuchModule e) {
            exchange.json(404, Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            exchange.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** {@code ?kind=notification|bulk_read}: the callbacks that have an outcome, and how many are still on their way. */
    private void callbacks(SimExchange exchange) throws IOException {
        String kind = exchange.query("kind");
        if (kind != null && !OutboundCallbacks.KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + OutboundCallbacks.KINDS);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callbacks", state.callbacks().log(kind).stream().map(OutboundCallbacks.Sent::toJson).toList());
        out.put("pending", state.callbacks().pending());
        exchange.json(200, out);
    }

    /** Moves a Bulk Read job to {@code to} (default: its next state) now; a completion calls back at once. */
    private void advanceJob(SimExchange exchange, String id, JsonNode spec) throws IOException {
        BulkReadJob job = state.bulkReadJobs().get(id);
        if (job == null) {
            exchange.json(404, Map.of("error", "no Bulk Read job " + id));
            return;
        }
        String to = text(spec, "to");
        job.advance(to == null ? null : BulkReadJob.State.parse(to), state.now(),
                state.bulkReadJobs());
        bulkRead.deliverDueCallback(job, "v8");
        exchange.json(200, job.describeForControl(state.now(), state.bulkReadJobs()));
    }

    /** A partial update: fields not named keep their value; an unknown field is an error, not ignored. */
    private SimSettings updateSettings(JsonNode changes) {
        return state.updateSettings(current -> {
            ObjectNode merged = json.valueToTree(current);
            for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> change = it.next();
                if (!merged.has(change.getKey())) {
                    throw new IllegalArgumentException("unknown setting: " + change.getKey()
                            + "; known: " + String.join(", ", iterable(merged.fieldNames())));
                }
                merged.set(change.getKey(), change.getValue());
            }
            try {
                return json.treeToValue(merged, SimSettings.class);
            } catch (JsonProcessingException e) {
                Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
                throw new IllegalArgumentException("invalid settings: " + cause.getMessage());
            }
        });
    }

    private static Fault fault(JsonNode spec) {
        List<String> unknown = new ArrayList<>();
        spec.fieldNames().forEachRemaining(name -> {
            if (!FAULT_FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fault fields: " + unknown + "; known: " + FAULT_FIELDS);
        }
        return new Fault(
                Fault.Target.parse(text(spec, "target")),
                Fault.Type.parse(text(spec, "type")),
                spec.hasNonNull("count") ? spec.get("count").asInt() : 1,
                text(spec, "dc"),
                spec.hasNonNull("delayMillis") ? spec.get("delayMillis").asLong() : 0,
                spec.hasNonNull("retryAfterSeconds") ? spec.get("retryAfterSeconds").asInt() : null,
                text(spec, "path"),
                text(spec, "method"),
                spec.hasNonNull("skip") ? spec.get("skip").asInt() : 0,
                text(spec, "cookie"));
    }

    private static String refreshToken(JsonNode body) {
        String token = text(body, "refresh_token");
        if (token == null) {
            throw new IllegalArgumentException("refresh_token is required");
        }
        return token;
    }

    private static void unknownRefreshToken(SimExchange exchange) throws IOException {
        exchange.json(404, Map.of("error", "unknown or revoked refresh_token"));
    }

    private JsonNode body(SimExchange exchange) throws IOException {
        byte[] body = exchange.body();
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static Iterable<String> iterable(Iterator<String> names) {
        return () -> names;
    }
}
