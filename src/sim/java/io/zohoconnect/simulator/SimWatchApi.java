package io.zohoconnect.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code /crm/v8/actions/watch} (ZOHO-API.md §13): enable ({@code POST}), replace ({@code PUT}), update or
 * drop events ({@code PATCH}, {@code _delete_events}), disable ({@code DELETE ?channel_ids=}) and list
 * ({@code GET}) watch channels, under the {@code ZohoCRM.notifications.*} scopes. Each channel of the body
 * gets its own result, as record writes do: 200 all succeeded, 207 some, 400 none.
 */
final class SimWatchApi {

    static final Duration MAX_EXPIRY = Duration.ofDays(7);
    static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
    static final int MAX_TOKEN = 50;
    private static final int MAX_PER_PAGE = 200;
    private static final Set<String> EVENT_TYPES = Set.of("create", "edit", "delete", "all");

    private final SimState state;
    private final ObjectMapper json;

    SimWatchApi(SimState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    void handle(SimExchange exchange, SimOrg org, Grant grant) throws IOException {
        switch (exchange.method()) {
            case "GET" -> {
                requireScope(grant, CrmScopes.Operation.READ);
                list(exchange, org);
            }
            case "POST" -> {
                requireScope(grant, CrmScopes.Operation.CREATE);
                write(exchange, org, Mode.ENABLE);
            }
            case "PUT" -> {
                requireScope(grant, CrmScopes.Operation.UPDATE);
                write(exchange, org, Mode.REPLACE);
            }
            case "PATCH" -> {
                requireScope(grant, CrmScopes.Operation.UPDATE);
                write(exchange, org, Mode.PATCH);
            }
            case "DELETE" -> {
                requireScope(grant, CrmScopes.Operation.DELETE);
                disable(exchange, org);
            }
            default -> throw CrmError.invalidMethod();
        }
    }

    private static void requireScope(Grant grant, CrmScopes.Operation operation) {
        if (!CrmScopes.allowsArea(grant.scopes(), "notifications", operation)) {
            throw CrmError.scopeMismatch();
        }
    }

    // ---- enable, replace, patch

    private enum Mode {
        ENABLE, REPLACE, PATCH
    }

    private void write(SimExchange exchange, SimOrg org, Mode mode) throws IOException {
        JsonNode watch = body(exchange).get("watch");
        if (watch == null || !watch.isArray() || watch.isEmpty()) {
            throw CrmError.invalidData("the body must be {\"watch\":[channels]}", Map.of("api_name", "watch"));
        }
        Instant now = state.now();
        List<Map<String, Object>> results = new ArrayList<>();
        int succeeded = 0;
        for (int i = 0; i < watch.size(); i++) {
            try {
                results.add(apply(org, watch.get(i), mode, now, "$.watch[" + i + "]"));
                succeeded++;
            } catch (CrmError e) {
                Map<String, Object> error = e.body();
                results.add(error);
            }
        }
        int status = succeeded == watch.size() ? 200 : succeeded == 0 ? 400 : 207;
        exchange.json(status, Map.of("watch", results));
    }

    private Map<String, Object> apply(SimOrg org, JsonNode item, Mode mode, Instant now, String path) {
        if (!item.isObject()) {
            throw CrmError.invalidData("invalid data", Map.of("expected_data_type", "jsonobject", "json_path", path));
        }
        String channelId = channelId(item.get("channel_id"), path);
        Optional<WatchChannel> existing = org.watchChannels().get(channelId, now);
        if (mode == Mode.PATCH && existing.isEmpty()) {
            throw CrmError.invalidData("the channel is not subscribed or has expired",
                    Map.of("api_name", "channel_id", "json_path", path + ".channel_id"));
        }
        WatchChannel base = existing.orElse(null);
        boolean patching = mode == Mode.PATCH;
        boolean deleting = patching && item.path("_delete_events").asBoolean(false);

        List<String> given = item.has("events") || !patching ? events(org, item.get("events"), path) : List.of();
        List<String> events;
        if (deleting) {
            events = new ArrayList<>(base.events());
            events.removeAll(given);
        } else if (mode == Mode.REPLACE || base == null) {
            events = given;
        } else {
            LinkedHashSet<String> merged = new LinkedHashSet<>(base.events());
            merged.addAll(given);
            events = List.copyOf(merged);
        }
        String notifyUrl = item.has("notify_url") || base == null || mode == Mode.REPLACE
                ? notifyUrl(item.get("notify_url"), path) : base.notifyUrl();
        String token = item.has("token") ? token(item.get("token"), path)
                : mode == Mode.REPLACE || base == null ? null : base.token();
        Instant expiry = item.has("channel_expiry") || base == null || mode == Mode.REPLACE
                ? expiry(item.get("channel_expiry"), now, path) : base.expiry();
        boolean affectedValues = item.has("return_affected_field_values")
                ? item.get("return_affected_field_values").asBoolean(false)
                : base != null && mode != Mode.REPLACE && base.returnAffectedFieldValues();
        boolean related = item.has("notify_on_related_action") ? item.get("notify_on_related_action").asBoolean(false)
                : base != null && mode != Mode.REPLACE && base.notifyOnRelatedAction();

        WatchChannel channel = new WatchChannel(channelId, events, notifyUrl, token, expiry, affectedValues, related);
        List<String> reported = deleting ? given : channel.events();
        if (events.isEmpty()) {
            org.watchChannels().remove(channelId);
        } else {
            org.watchChannels().put(channel);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("code", "SUCCESS");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("events", reported.stream().map(e -> e.substring(0, e.lastIndexOf('.'))).distinct()
                .map(module -> resource(org, channel, module, !deleting)).toList());
        result.put("details", details);
        result.put("message", deleting ? "Successfully un-subscribed from actions-watch"
                : "Successfully subscribed for actions-watch of the given module");
        result.put("status", "success");
        return result;
    }

    private Map<String, Object> resource(SimOrg org, WatchChannel channel, String module, boolean withExpiry) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (withExpiry) {
            out.put("channel_expiry", ZohoTimes.format(channel.expiry().getEpochSecond(), org.offset()));
        }
        out.put("resource_uri", org.apiBase(state.baseUrl()) + "/crm/v8/" + module);
        out.put("resource_id", org.moduleId(module));
        out.put("resource_name", module);
        out.put("channel_id", channel.channelId());
        return out;
    }

    /** A long, as a JSON number or a string of digits. */
    private static String channelId(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw mandatory("channel_id", path);
        }
        String text = node.asText().trim();
        if (!(node.isIntegralNumber() || node.isTextual()) || !text.matches("[0-9]{1,19}")) {
            throw invalid("channel_id", path);
        }
        try {
            return String.valueOf(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw invalid("channel_id", path);
        }
    }

    /** {@code Module.create|edit|delete|all} for modules of the org; the module in its API-name spelling. */
    private static List<String> events(SimOrg org, JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw mandatory("events", path);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("events", path);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (JsonNode event : node) {
            String text = event.asText("");
            int dot = text.lastIndexOf('.');
            ModuleSchema schema = dot > 0 ? org.schema(text.substring(0, dot)) : null;
            String type = dot > 0 ? text.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
            if (!event.isTextual() || schema == null || !EVENT_TYPES.contains(type)) {
                throw CrmError.invalidData("invalid event: " + text + " (Module.create, .edit, .delete or .all)",
                        Map.of("api_name", "events", "json_path", path + ".events"));
            }
            out.add(schema.apiName() + "." + type);
        }
        return List.copyOf(out);
    }

    private static String notifyUrl(JsonNode node, String path) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw mandatory("notify_url", path);
        }
        try {
            URI uri = new URI(node.asText().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!node.isTextual() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid("notify_url", path);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw invalid("notify_url", path);
        }
    }

    private static String token(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > MAX_TOKEN) {
            throw CrmError.invalidData("the token must be text of at most " + MAX_TOKEN + " characters",
                    Map.of("api_name", "token", "json_path", path + ".token", "maximum_length", MAX_TOKEN));
        }
        return node.asText();
    }

    /** At most a week ahead; absent or further: one hour (ZOHO-API.md §13). In the past: refused. */
    private static Instant expiry(JsonNode node, Instant now, String path) {
        if (node == null || node.isNull()) {
            return now.plus(DEFAULT_EXPIRY);
        }
        Instant given = node.isTextual() ? ZohoTimes.parse(node.asText()) : null;
        if (given == null || !given.isAfter(now)) {
            throw invalid("channel_expiry", path);
        }
        return given.isAfter(now.plus(MAX_EXPIRY)) ? now.plus(DEFAULT_EXPIRY) : given;
    }

    private static CrmError mandatory(String field, String path) {
        return new CrmError(400, "MANDATORY_NOT_FOUND", "required field not found",
                Map.of("api_name", field, "json_path", path + "." + field));
    }

    private static CrmError invalid(String field, String path) {
        return CrmError.invalidData("invalid data", Map.of("api_name", field, "json_path", path + "." + field));
    }

    // ---- disable

    private void disable(SimExchange exchange, SimOrg org) throws IOException {
        String param = exchange.query("channel_ids");
        if (param == null || param.isBlank()) {
            throw CrmError.requiredParam("channel_ids");
        }
        List<String> ids = Arrays.stream(param.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Instant now = state.now();
        List<Map<String, Object>> results = new ArrayList<>();
        int succeeded = 0;
        for (String id : ids) {
            Optional<WatchChannel> channel = id.matches("[0-9]{1,19}") ? org.watchChannels().get(id, now)
                    : Optional.empty();
            if (channel.isEmpty()) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("code", "INVALID_DATA");
                error.put("details", Map.of("channel_id", id));
                error.put("message", "the channel is not subscribed or has expired");
                error.put("status", "error");
                results.add(error);
                continue;
            }
            org.watchChannels().remove(id);
            succeeded++;
            for (String module : channel.get().modules()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("code", "SUCCESS");
                result.put("details", resource(org, channel.get(), module, false));
                result.put("message", "Successfully un-subscribed from actions-watch");
                result.put("status", "success");
                results.add(result);
            }
        }
        int status = succeeded == ids.size() ? 200 : succeeded == 0 ? 400 : 207;
        exchange.json(status, Map.of("watch", results));
    }

    // ---- list

    /** One entry per channel and module, as Zoho lists them; {@code channel_id} and {@code module} filter. */
    private void list(SimExchange exchange, SimOrg org) throws IOException {
        String channelFilter = exchange.query("channel_id");
        String moduleFilter = exchange.query("module");
        int perPage = SimCrmApi.positive(exchange, "per_page", MAX_PER_PAGE, MAX_PER_PAGE);
        int page = SimCrmApi.positive(exchange, "page", 1, Integer.MAX_VALUE);
        ZoneOffset offset = org.offset();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (WatchChannel channel : org.watchChannels().live(state.now())) {
            if (channelFilter != null && !channelFilter.equals(channel.channelId())) {
                continue;
            }
            for (String module : channel.modules()) {
                if (moduleFilter != null && !moduleFilter.equalsIgnoreCase(module)) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("notify_on_related_action", channel.notifyOnRelatedAction());
                entry.put("channel_expiry", ZohoTimes.format(channel.expiry().getEpochSecond(), offset));
                entry.put("return_affected_field_values", channel.returnAffectedFieldValues());
                entry.put("resource_uri", org.apiBase(state.baseUrl()) + "/crm/v8/" + module);
                entry.put("resource_id", org.moduleId(module));
                entry.put("notify_url", channel.notifyUrl());
                entry.put("resource_name", module);
                entry.put("fields", null);
                entry.put("notification_condition", null);
                entry.put("channel_id", channel.channelId());
                entry.put("events", channel.eventsOf(module));
                entry.put("token", channel.token());
                entries.add(entry);
            }
        }
        long from = (long) (page - 1) * perPage;
        List<Map<String, Object>> shown = entries.stream().skip(from).limit(perPage).toList();
        if (shown.isEmpty()) {
            exchange.empty(204);
            return;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", shown.size());
        info.put("page", page);
        info.put("more_records", from + shown.size() < entries.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("watch", shown);
        body.put("info", info);
        exchange.json(200, body);
    }

    private JsonNode body(SimExchange exchange) throws IOException {
        try {
            JsonNode node = json.readTree(exchange.body());
            if (node == null || !node.isObject()) {
                throw CrmError.invalidData("the body must be a JSON object {\"watch\":[…]}", Map.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw CrmError.invalidData("the body is not valid JSON", Map.of());
        }
    }
}
