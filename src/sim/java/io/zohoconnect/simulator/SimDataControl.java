package io.zohoconnect.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code /_sim/orgs/{dc}/{env}/…} part of the control API: seed, modify, delete and inspect a
 * module's records and set an org's edition — what happens in the CRM behind a client's back.
 * Environments are named {@code production}, {@code sandbox}, {@code developer}.
 */
final class SimDataControl {

    private static final Pattern ORG_PATH = Pattern.compile("/orgs/([a-z]{2,10})/([a-z-]+)(/.*)?");
    private static final Pattern MODULE_PATH = Pattern.compile("/modules/([^/]+)(/seed|/modify|/delete|/insert)?");

    private final SimState state;
    private final ObjectMapper json;

    SimDataControl(SimState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    /** @return false when {@code rest} is no data endpoint */
    boolean handle(SimExchange exchange, String method, String rest, JsonNode body) throws IOException {
        Matcher orgPath = ORG_PATH.matcher(rest);
        if (!orgPath.matches()) {
            return false;
        }
        ApiEnvironment environment = ApiEnvironment.byName(orgPath.group(2)).orElseThrow(() ->
                new IllegalArgumentException("unknown environment " + orgPath.group(2)
                        + "; use production, sandbox or developer"));
        // ?org=<company name>: another org of that DC and environment (see /_sim/next-grant-org)
        SimOrg org = state.orgs().get(orgPath.group(1), environment, exchange.query("org"));
        String sub = orgPath.group(3) == null ? "" : orgPath.group(3);
        if (sub.equals("/edition") && method.equals("POST")) {
            org.edition(Edition.parse(text(body, "edition")));
            exchange.json(200, Map.of("org", org.key(), "edition", org.edition().name()));
            return true;
        }
        if (sub.equals("/credits") && method.equals("POST")) {
            // {"allowance": n (a fixed allowance; -1 back to the formula), "edition", "users", "add_on"}
            if (body.hasNonNull("edition")) {
                org.edition(Edition.parse(text(body, "edition")));
            }
            org.credits().configure(body.hasNonNull("allowance") ? body.get("allowance").asLong() : null,
                    body.hasNonNull("users") ? positiveInt(body, "users") : null,
                    body.hasNonNull("add_on") ? body.get("add_on").asLong() : null);
            exchange.json(200, credits(org));
            return true;
        }
        if (sub.equals("/credits") && method.equals("GET")) {
            exchange.json(200, credits(org));
            return true;
        }
        if (sub.isEmpty() && method.equals("GET")) {
            exchange.json(200, describe(org));
            return true;
        }
        Matcher modulePath = MODULE_PATH.matcher(sub);
        if (!modulePath.matches()) {
            return false;
        }
        String module = modulePath.group(1);
        String action = modulePath.group(2) == null ? "" : modulePath.group(2);
        switch (method + " " + action) {
            case "POST /seed" -> seed(exchange, org, module, body);
            case "POST /modify" -> modify(exchange, org, module, body);
            case "POST /delete" -> delete(exchange, org, module, body);
            case "POST /insert" -> insert(exchange, org, module, body);
            case "GET " -> inspect(exchange, org, module, "true".equals(exchange.query("ids")));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void seed(SimExchange exchange, SimOrg org, String module, JsonNode body) throws IOException {
        int count = body.hasNonNull("count") ? body.get("count").asInt(-1) : state.settings().recordsPerModule();
        long seed = body.hasNonNull("seed") ? body.get("seed").asLong() : SimOrg.DEFAULT_SEED;
        if (body.hasNonNull("customFields") && body.hasNonNull("fields")) {
            throw new IllegalArgumentException("give customFields (extra fields) or fields (total), not both");
        }
        int customFields = body.hasNonNull("customFields") ? body.get("customFields").asInt(-1) : 0;
        if (body.hasNonNull("fields")) {
            ModuleSchema base = StandardModules.byName(module) != null ? StandardModules.byName(module)
                    : ModuleSchema.customModule(module);
            customFields = body.get("fields").asInt(-1) - base.fields().size();
            if (customFields < 0) {
                throw new IllegalArgumentException(base.apiName() + " has " + base.fields().size()
                        + " fields without custom ones; fields must be at least that");
            }
        }
        ModuleRecords records = org.seed(module, count, customFields, seed);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", records.schema().apiName());
        out.put("count", records.liveCount());
        out.put("fields", records.schema().fields().size());
        out.put("seed", seed);
        exchange.json(200, out);
    }

    private void modify(SimExchange exchange, SimOrg org, String module, JsonNode body) throws IOException {
        ModuleRecords records = records(org, module);
        Instant time = body.hasNonNull("modifiedTime") ? instant(text(body, "modifiedTime")) : state.now();
        Map<String, Object> values = new LinkedHashMap<>();
        if (body.hasNonNull("values")) {
            if (!body.get("values").isObject()) {
                throw new IllegalArgumentException("values must be an object of field API names to values");
            }
            body.get("values").fields().forEachRemaining(e -> values.put(e.getKey(),
                    json.convertValue(e.getValue(), Object.class)));
        }
        List<String> ids = records.modify(records.pick(ids(body), count(body)), time.getEpochSecond(), values);
        // as a user editing in Zoho's UI: the org's watch channels hear of it
        state.watchNotifier().changed(org, records.schema(), "update", ids.stream()
                .map(id -> new WatchNotifier.RecordChange(id, values)).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", records.schema().apiName());
        out.put("ids", ids);
        out.put("modifiedTime", ZohoTimes.format(time.getEpochSecond(), records.offset()));
        exchange.json(200, out);
    }

    private void delete(SimExchange exchange, SimOrg org, String module, JsonNode body) throws IOException {
        ModuleRecords records = records(org, module);
        boolean permanent = body.path("permanent").asBoolean(false);
        long now = state.now().getEpochSecond();
        List<String> ids = records.remove(records.pick(ids(body), count(body)), permanent,
                org.actor(SimSettings.DEFAULT_USER_EMAIL), now);
        state.watchNotifier().changed(org, records.schema(), "delete", ids.stream()
                .map(id -> new WatchNotifier.RecordChange(id, Map.of())).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", records.schema().apiName());
        out.put("ids", ids);
        out.put("deletedTime", ZohoTimes.format(now, records.offset()));
        exchange.json(200, out);
    }

    /**
     * {@code {"records":[{field: value…}…]}}: records created by a user in Zoho's UI (the simulator's default
     * user), checked as an API insert is; the answer is the per-record results, and watch channels hear of
     * the ones created.
     */
    private void insert(SimExchange exchange, SimOrg org, String module, JsonNode body) throws IOException {
        ModuleRecords records = records(org, module);
        JsonNode given = body.get("records");
        if (given == null || !given.isArray() || given.isEmpty() || given.size() > 100) {
            throw new IllegalArgumentException("records must be an array of 1..100 records (field API name → value)");
        }
        List<Object> list = new ArrayList<>();
        given.forEach(node -> list.add(json.convertValue(node, Object.class)));
        List<WriteResult> results = records.insert(list, org.actor(SimSettings.DEFAULT_USER_EMAIL),
                state.now().getEpochSecond());
        List<WatchNotifier.RecordChange> created = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).success()) {
                created.add(new WatchNotifier.RecordChange(String.valueOf(results.get(i).details().get("id")),
                        SimCrmRecords.changedFields(records.schema(), list.get(i))));
            }
        }
        state.watchNotifier().changed(org, records.schema(), "insert", created);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", records.schema().apiName());
        out.put("ids", created.stream().map(WatchNotifier.RecordChange::id).toList());
        out.put("results", results.stream().map(WriteResult::toJson).toList());
        exchange.json(200, out);
    }

    /** With {@code ids}, the JSON is assembled as text: 100,000 ids need no object per id. */
    private void inspect(SimExchange exchange, SimOrg org, String module, boolean withIds) throws IOException {
        ModuleRecords records = records(org, module);
        Map<String, Object> out = summary(records);
        if (!withIds) {
            exchange.json(200, out);
            return;
        }
        StringBuilder text = new StringBuilder(64 + records.liveCount() * 23);
        try {
            String head = json.writeValueAsString(out);
            text.append(head, 0, head.length() - 1).append(",\"ids\":");
        } catch (JsonProcessingException e) {
            throw new IOException("could not write JSON", e);
        }
        records.appendLiveIds(text);
        exchange.jsonText(200, text.append('}').toString());
    }

    /** What the org's credits are and what it counted: calls and credits charged since the last reset. */
    private Map<String, Object> credits(SimOrg org) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org", org.key());
        out.put("id", org.id());
        out.putAll(org.credits().describe(org.edition(), state.now()));
        return out;
    }

    private static int positiveInt(JsonNode body, String field) {
        int value = body.get(field).asInt(-1);
        if (value < 0 || value > 1_000_000) {
            throw new IllegalArgumentException(field + " must be a number from 0 to 1000000");
        }
        return value;
    }

    private Map<String, Object> describe(SimOrg org) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org", org.key());
        out.put("id", org.id());
        out.put("edition", org.edition().name());
        out.put("modules", org.schemas().stream().map(ModuleSchema::apiName).toList());
        return out;
    }

    private static Map<String, Object> summary(ModuleRecords records) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", records.schema().apiName());
        out.put("count", records.liveCount());
        out.put("deleted", records.deletedCount());
        out.put("fields", records.schema().fields().size());
        out.put("seed", records.seed());
        return out;
    }

    /** The module's records, seeding a standard module on first use as the CRM API would. */
    private ModuleRecords records(SimOrg org, String module) {
        ModuleRecords records = org.records(module, state.settings().recordsPerModule());
        if (records == null) {
            throw new NoSuchModule(module);
        }
        return records;
    }

    private static List<String> ids(JsonNode body) {
        JsonNode ids = body.get("ids");
        if (ids == null || ids.isNull()) {
            if (!body.hasNonNull("count")) {
                throw new IllegalArgumentException("give count or ids");
            }
            return null;
        }
        if (!ids.isArray()) {
            throw new IllegalArgumentException("ids must be an array of record ids");
        }
        List<String> out = new ArrayList<>();
        ids.forEach(id -> out.add(id.asText()));
        return out;
    }

    private static Integer count(JsonNode body) {
        return body.hasNonNull("count") ? body.get("count").asInt(-1) : null;
    }

    private static Instant instant(String text) {
        Instant parsed = ZohoTimes.parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("modifiedTime must be ISO-8601 with an offset, e.g. 2026-11-28T10:00:00Z");
        }
        if (parsed.getEpochSecond() < 0 || parsed.getEpochSecond() > ZohoTimes.MAX_SECONDS) {
            throw new IllegalArgumentException("modifiedTime must be between 1970 and 9999");
        }
        return parsed;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** A module the org does not have: the control API answers 404. */
    static final class NoSuchModule extends RuntimeException {

        NoSuchModule(String module) {
            super("no module " + module + " in this org: seed it first (POST …/modules/" + module + "/seed)", null,
                    false, false);
        }
    }
}
