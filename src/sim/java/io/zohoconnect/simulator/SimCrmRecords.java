package io.zohoconnect.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The records API of ZOHO-API.md §8–§9 and §12, once the token is checked: listing with page/per_page and
 * page tokens, one record (GET, PUT, DELETE by id), search, COQL, deleted records, insert, update, upsert and
 * delete with per-record results.
 * Request problems are thrown as {@link CrmError} and answered by {@link SimCrmApi}.
 */
final class SimCrmRecords {

    static final int MAX_FIELDS = 50;
    static final int MAX_PER_PAGE = 200;
    /** Records page/per_page can reach; beyond them only page tokens go. */
    static final int DISCRETE_LIMIT = 2_000;
    /** Records a chain of page tokens can reach. */
    static final int TOKEN_LIMIT = 100_000;
    static final int MAX_WRITE = 100;
    static final long TOKEN_LIFETIME_SECONDS = 24 * 3600;
    /** Records a search can reach, by page and per_page. */
    static final int SEARCH_LIMIT = 2_000;

    private final SimState state;
    private final ObjectMapper json;

    SimCrmRecords(SimState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    /**
     * {@code POST /coql} with {@code {"select_query":"…"}} (ZOHO-API.md §12), once the coql scope is checked:
     * the module's READ scope too; rows with their {@code id}; 204 when none.
     */
    void coql(SimExchange exchange, SimOrg org, Grant grant) throws IOException {
        JsonNode given = body(exchange).get("select_query");
        if (given == null || !given.isTextual() || given.asText().isBlank()) {
            throw CrmError.requiredParam("select_query");
        }
        CoqlQuery query = CoqlQuery.parse(given.asText());
        ModuleRecords records = module(org, grant, query.module(), CrmScopes.Operation.READ);
        ModuleSchema schema = records.schema();
        ModuleRecords.Page result = records.select(query.filter(schema), query.ordering(schema), query.offset(),
                query.limit(), query.selected(schema));
        if (result.records().isEmpty()) {
            exchange.empty(204);
            return;
        }
        state.counters().recordsServed(result.records().size());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("count", result.records().size());
        info.put("more_records", result.more() && query.offset() + query.limit() < CoqlQuery.MAX_ROWS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", result.records());
        body.put("info", info);
        exchange.json(200, body);
    }

    /** {@code resource} is the path after the version, e.g. {@code /Leads/deleted}. */
    void handle(SimExchange exchange, SimOrg org, Grant grant, String resource) throws IOException {
        String[] parts = resource.length() > 1 ? resource.substring(1).split("/", -1) : new String[0];
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()) {
            throw CrmError.invalidUrl();
        }
        String module = parts[0];
        String method = exchange.method();
        if (parts.length == 1) {
            switch (method) {
                case "GET" -> list(exchange, org, module(org, grant, module, CrmScopes.Operation.READ));
                case "POST" -> write(exchange, org, grant, module, Write.INSERT);
                case "PUT" -> write(exchange, org, grant, module, Write.UPDATE);
                case "DELETE" -> delete(exchange, org, grant, module);
                default -> throw CrmError.invalidMethod();
            }
        } else if (parts[1].equals("upsert")) {
            requireMethod(exchange, "POST");
            write(exchange, org, grant, module, Write.UPSERT);
        } else if (parts[1].equals("search")) {
            requireMethod(exchange, "GET");
            search(exchange, module(org, grant, module, CrmScopes.Operation.READ));
        } else if (parts[1].equals("deleted")) {
            requireMethod(exchange, "GET");
            deleted(exchange, module(org, grant, module, CrmScopes.Operation.READ));
        } else if (parts[1].matches("[0-9]{1,19}")) {
            switch (method) {
                case "GET" -> byId(exchange, module(org, grant, module, CrmScopes.Operation.READ), parts[1]);
                case "PUT" -> updateById(exchange, org, grant, module, parts[1]);
                case "DELETE" -> deleteIds(exchange, org, grant, module, List.of(parts[1]));
                default -> throw CrmError.invalidMethod();
            }
        } else {
            throw CrmError.invalidUrl();
        }
    }

    // ---- reading

    private void list(SimExchange exchange, SimOrg org, ModuleRecords records) throws IOException {
        ModuleSchema schema = records.schema();
        List<FieldDef> fields = fields(schema, exchange.query("fields"), true);
        int perPage = intParam(exchange, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
        SortField sort = sortBy(exchange.query("sort_by"));
        boolean ascending = sortOrder(exchange.query("sort_order"));
        Instant since = ifModifiedSince(exchange);
        long modifiedAfter = since == null ? Long.MIN_VALUE
                : Math.max(-1, Math.min(since.getEpochSecond(), ZohoTimes.MAX_SECONDS));
        long bound = PageTokens.bind(schema.key(), String.join(",", fields.stream().map(FieldDef::apiName)
                        .sorted().toList()), sort.apiName(), ascending ? "asc" : "desc", String.valueOf(perPage),
                since == null ? "" : String.valueOf(since.toEpochMilli()));
        long now = state.now().getEpochSecond();

        String token = exchange.query("page_token");
        int page;
        int served;
        int limit = perPage;
        Long after = null;
        if (token != null) {
            state.counters().pageTokenRequest();
            if (exchange.query("page") != null) {
                throw CrmError.invalidData("page and page_token cannot be used together; page_token alone continues"
                        + " a listing", Map.of("param_name", "page"));
            }
            PageTokens.Cursor cursor = state.pageTokens().open(org.key(), token);
            if (cursor == null) {
                throw CrmError.invalidData("invalid page token", Map.of("param_name", "page_token"));
            }
            if (state.pageTokens().forcedExpired(cursor) || now >= cursor.issuedAt() + TOKEN_LIFETIME_SECONDS) {
                throw new CrmError(400, "EXPIRED_VALUE", "the page token has expired",
                        Map.of("param_name", "page_token"));
            }
            if (cursor.boundHash() != bound) {
                throw new CrmError(400, "TOKEN_BOUND_DATA_MISMATCH", "the parameters given do not match the ones"
                        + " the page token was issued for", Map.of("param_name", "page_token"));
            }
            if (cursor.served() >= TOKEN_LIMIT) {
                throw new CrmError(400, "PAGINATION_LIMIT_EXCEEDED", "page tokens reach at most " + TOKEN_LIMIT
                        + " records; use Bulk Read or COQL beyond", Map.of("limit", TOKEN_LIMIT));
            }
            page = cursor.page() + 1;
            served = cursor.served();
            limit = Math.min(perPage, TOKEN_LIMIT - served);
            after = cursor.lastKey();
        } else {
            page = intParam(exchange, "page", 1, 1, Integer.MAX_VALUE);
            if ((long) page * perPage > DISCRETE_LIMIT) {
                throw new CrmError(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED", "page and per_page reach only the first "
                        + DISCRETE_LIMIT + " records; use page_token beyond", Map.of("limit", DISCRETE_LIMIT));
            }
            served = (page - 1) * perPage;
        }

        ModuleRecords.Page result = records.list(sort, ascending, after, token == null ? served : 0, limit,
                modifiedAfter, fields);
        if (result.records().isEmpty()) {
            exchange.empty(since != null ? 304 : 204);
            return;
        }
        state.counters().recordsServed(result.records().size());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", result.records().size());
        info.put("page", page);
        info.put("sort_by", sort.apiName());
        info.put("sort_order", ascending ? "asc" : "desc");
        info.put("more_records", result.more());
        String next = result.more() ? state.pageTokens().issue(org.key(), now, bound, result.lastKey(),
                served + result.records().size(), page) : null;
        info.put("next_page_token", next);
        info.put("previous_page_token", null);
        info.put("page_token_expiry", next == null ? null
                : ZohoTimes.format(now + TOKEN_LIFETIME_SECONDS, records.offset()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", result.records());
        body.put("info", info);
        exchange.json(200, body);
    }

    private void byId(SimExchange exchange, ModuleRecords records, String id) throws IOException {
        String requested = exchange.query("fields");
        List<FieldDef> fields = requested == null ? records.schema().fields() : fields(records.schema(), requested, true);
        Map<String, Object> record = records.get(id, fields);
        if (record == null) {
            exchange.empty(204);
            return;
        }
        state.counters().recordsServed(1);
        exchange.json(200, Map.of("data", List.of(record)));
    }

    /**
     * ZOHO-API.md §12: {@code criteria}, else {@code email}, {@code phone} or {@code word}; matches in id
     * order, 200 a page, only the first {@value #SEARCH_LIMIT} reachable; 204 when none match.
     */
    private void search(SimExchange exchange, ModuleRecords records) throws IOException {
        ModuleSchema schema = records.schema();
        Predicate<ModuleRecords.Row> filter;
        if (exchange.query("criteria") != null) {
            filter = SearchCriteria.parse(exchange.query("criteria"), schema);
        } else if (exchange.query("email") != null) {
            filter = anyField(schema, "email", exchange.query("email"), FieldValues::equalTo);
        } else if (exchange.query("phone") != null) {
            filter = anyField(schema, "phone", exchange.query("phone"), FieldValues::equalTo);
        } else if (exchange.query("word") != null) {
            filter = anyField(schema, null, exchange.query("word"), FieldValues::contains);
        } else {
            throw CrmError.requiredParam("criteria");
        }
        String requested = exchange.query("fields");
        List<FieldDef> fields = requested == null ? schema.fields() : fields(schema, requested, true);
        int perPage = intParam(exchange, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
        int page = intParam(exchange, "page", 1, 1, Integer.MAX_VALUE);
        if ((long) page * perPage > SEARCH_LIMIT) {
            throw new CrmError(400, "LIMIT_REACHED", "search reaches only the first " + SEARCH_LIMIT + " records",
                    Map.of("limit", SEARCH_LIMIT));
        }
        int skip = (page - 1) * perPage;
        ModuleRecords.Page result = records.select(filter, List.of(), skip, perPage, fields);
        if (result.records().isEmpty()) {
            exchange.empty(204);
            return;
        }
        state.counters().recordsServed(result.records().size());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", result.records().size());
        info.put("page", page);
        info.put("more_records", result.more() && skip + perPage < SEARCH_LIMIT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", result.records());
        body.put("info", info);
        exchange.json(200, body);
    }

    /** Any field of {@code dataType} (null: any field) whose value {@code test} accepts. */
    private static Predicate<ModuleRecords.Row> anyField(ModuleSchema schema, String dataType, String given,
                                                         BiPredicate<Object, String> test) {
        if (given.isBlank()) {
            throw CrmError.invalidData("the search value is empty", Map.of());
        }
        List<FieldDef> searched = schema.fields().stream()
                .filter(f -> dataType == null || f.dataType().equals(dataType)).toList();
        return row -> searched.stream().anyMatch(f -> test.test(row.value(f), given.trim()));
    }

    private void deleted(SimExchange exchange, ModuleRecords records) throws IOException {
        String type = exchange.query("type") == null ? "all" : exchange.query("type");
        if (!Set.of("all", "recycle", "permanent").contains(type)) {
            throw CrmError.invalidData("type must be all, recycle or permanent", Map.of("param_name", "type"));
        }
        int perPage = intParam(exchange, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
        int page = intParam(exchange, "page", 1, 1, Integer.MAX_VALUE);
        Instant since = ifModifiedSince(exchange);
        ModuleRecords.DeletedPage result = records.deleted(type, since == null ? Long.MIN_VALUE : since.getEpochSecond(),
                (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * perPage), perPage);
        if (result.records().isEmpty()) {
            exchange.empty(since != null ? 304 : 204);
            return;
        }
        state.counters().recordsServed(result.records().size());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", result.records().size());
        info.put("page", page);
        info.put("more_records", result.more());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", result.records());
        body.put("info", info);
        exchange.json(200, body);
    }

    // ---- writing

    private enum Write {
        INSERT, UPDATE, UPSERT
    }

    private void write(SimExchange exchange, SimOrg org, Grant grant, String module, Write operation)
            throws IOException {
        ModuleRecords records = switch (operation) {
            case INSERT -> module(org, grant, module, CrmScopes.Operation.CREATE);
            case UPDATE -> module(org, grant, module, CrmScopes.Operation.UPDATE);
            case UPSERT -> {
                module(org, grant, module, CrmScopes.Operation.CREATE);
                yield module(org, grant, module, CrmScopes.Operation.UPDATE);
            }
        };
        JsonNode body = body(exchange);
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw CrmError.invalidData("the body must be {\"data\":[records]}", Map.of("api_name", "data"));
        }
        if (data.size() > MAX_WRITE) {
            throw new CrmError(400, "LIMIT_EXCEEDED", "at most " + MAX_WRITE + " records can be written in one call",
                    Map.of("limit", MAX_WRITE));
        }
        if (data.isEmpty()) {
            throw CrmError.invalidData("no records given", Map.of("api_name", "data"));
        }
        List<String> duplicateCheck = operation == Write.UPSERT ? duplicateCheckFields(records.schema(), body) : List.of();
        List<Object> given = new ArrayList<>(data.size());
        data.forEach(node -> given.add(json.convertValue(node, Object.class)));
        state.counters().writeRecords(records.schema().apiName(), given.size());
        Actor actor = org.actor(grant.userEmail());
        long now = state.now().getEpochSecond();
        List<WriteResult> results = switch (operation) {
            case INSERT -> records.insert(given, actor, now);
            case UPDATE -> records.update(given, actor, now);
            case UPSERT -> records.upsert(given, duplicateCheck, actor, now);
        };
        notifyWrites(org, records.schema(), given, results, operation == Write.INSERT ? "insert" : "update");
        answer(exchange, results, operation == Write.INSERT ? 201 : 200);
    }

    /**
     * {@code PUT /{module}/{id}} with {@code {"data":[{…}]}}: the record of the path is updated (an id in the
     * body is ignored, as Zoho does); the answer is the per-record array of a batch update.
     */
    private void updateById(SimExchange exchange, SimOrg org, Grant grant, String module, String id)
            throws IOException {
        ModuleRecords records = module(org, grant, module, CrmScopes.Operation.UPDATE);
        JsonNode data = body(exchange).get("data");
        if (data == null || !data.isArray() || data.size() != 1) {
            throw CrmError.invalidData("the body must be {\"data\":[one record]}", Map.of("api_name", "data"));
        }
        Object given = json.convertValue(data.get(0), Object.class);
        if (given instanceof Map<?, ?> fields) {
            @SuppressWarnings("unchecked")
            Map<String, Object> withId = new LinkedHashMap<>((Map<String, Object>) fields);
            withId.put("id", id);
            given = withId;
        }
        state.counters().writeRecords(records.schema().apiName(), 1);
        List<WriteResult> results = records.update(List.of(given), org.actor(grant.userEmail()),
                state.now().getEpochSecond());
        notifyWrites(org, records.schema(), List.of(given), results, "update");
        answer(exchange, results, 200);
    }

    private void delete(SimExchange exchange, SimOrg org, Grant grant, String module) throws IOException {
        String idsParam = exchange.query("ids");
        List<String> ids = idsParam == null ? List.of()
                : Arrays.stream(idsParam.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        deleteIds(exchange, org, grant, module, ids);
    }

    /** {@code DELETE /{module}?ids=…} and {@code DELETE /{module}/{id}}: the same per-record answer. */
    private void deleteIds(SimExchange exchange, SimOrg org, Grant grant, String module, List<String> ids)
            throws IOException {
        ModuleRecords records = module(org, grant, module, CrmScopes.Operation.DELETE);
        if (ids.isEmpty()) {
            throw CrmError.requiredParam("ids");
        }
        if (ids.size() > MAX_WRITE) {
            throw new CrmError(400, "LIMIT_EXCEEDED", "at most " + MAX_WRITE + " records can be deleted in one call",
                    Map.of("limit", MAX_WRITE));
        }
        state.counters().writeRecords(records.schema().apiName(), ids.size());
        List<WriteResult> results = records.delete(ids, org.actor(grant.userEmail()), state.now().getEpochSecond());
        List<WatchNotifier.RecordChange> deleted = new ArrayList<>();
        for (WriteResult result : results) {
            if (result.success()) {
                deleted.add(new WatchNotifier.RecordChange(String.valueOf(result.details().get("id")), Map.of()));
            }
        }
        state.watchNotifier().changed(org, records.schema(), "delete", deleted);
        answer(exchange, results, 200);
    }

    /**
     * Tells the watch channels of the org about the records a write changed: one callback per operation
     * (an upsert can insert some and update others). {@code fallback} is the operation of a plain write.
     */
    private void notifyWrites(SimOrg org, ModuleSchema schema, List<Object> given, List<WriteResult> results,
                              String fallback) {
        List<WatchNotifier.RecordChange> inserted = new ArrayList<>();
        List<WatchNotifier.RecordChange> updated = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            WriteResult result = results.get(i);
            if (!result.success()) {
                continue;
            }
            String operation = result.action() != null ? result.action() : fallback;
            WatchNotifier.RecordChange change = new WatchNotifier.RecordChange(String.valueOf(result.details().get("id")),
                    changedFields(schema, given.get(i)));
            (operation.equals("insert") ? inserted : updated).add(change);
        }
        state.watchNotifier().changed(org, schema, "insert", inserted);
        state.watchNotifier().changed(org, schema, "update", updated);
    }

    /** The writable fields a record of a write carried, with their new values. */
    static Map<String, Object> changedFields(ModuleSchema schema, Object record) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (record instanceof Map<?, ?> fields) {
            fields.forEach((name, value) -> {
                FieldDef field = schema.field(String.valueOf(name));
                if (field != null && !field.readOnly()) {
                    out.put(field.apiName(), value);
                }
            });
        }
        return out;
    }

    /** All succeeded: {@code allSucceeded}; some: 207; none: 400 — always the per-record array. */
    private static void answer(SimExchange exchange, List<WriteResult> results, int allSucceeded) throws IOException {
        long succeeded = results.stream().filter(WriteResult::success).count();
        int status = succeeded == results.size() ? allSucceeded : succeeded == 0 ? 400 : 207;
        exchange.json(status, Map.of("data", results.stream().map(WriteResult::toJson).toList()));
    }

    private static List<String> duplicateCheckFields(ModuleSchema schema, JsonNode body) {
        JsonNode given = body.get("duplicate_check_fields");
        if (given == null || given.isNull()) {
            return schema.duplicateCheckFields();
        }
        if (!given.isArray() || given.isEmpty()) {
            throw CrmError.invalidData("duplicate_check_fields must be an array of field API names",
                    Map.of("api_name", "duplicate_check_fields"));
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode name : given) {
            FieldDef field = schema.field(name.asText());
            if (field == null || field.readOnly()) {
                throw CrmError.invalidData("invalid data", Map.of("api_name", name.asText(),
                        "json_path", "$.duplicate_check_fields"));
            }
            fields.add(field.apiName());
        }
        return fields;
    }

    private JsonNode body(SimExchange exchange) throws IOException {
        try {
            JsonNode node = json.readTree(exchange.body());
            if (node == null || !node.isObject()) {
                throw CrmError.invalidData("the body must be a JSON object {\"data\":[…]}", Map.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw CrmError.invalidData("the body is not valid JSON", Map.of());
        }
    }

    // ---- parameters

    /** The module's records, once the token's scopes reach them; INVALID_MODULE when the org has none. */
    private ModuleRecords module(SimOrg org, Grant grant, String name, CrmScopes.Operation operation) {
        ModuleSchema schema = org.schema(name);
        boolean custom = schema != null && schema.custom();
        if (!CrmScopes.allowsRecords(grant.scopes(), schema != null ? schema.apiName() : name, custom, operation)) {
            throw CrmError.scopeMismatch();
        }
        ModuleRecords records = org.records(name, state.settings().recordsPerModule());
        if (records == null) {
            throw CrmError.invalidModule();
        }
        return records;
    }

    /** {@code fields=a,b}: mandatory, at most 50 distinct, each a field of the module. */
    static List<FieldDef> fields(ModuleSchema schema, String param, boolean required) {
        Set<String> names = new LinkedHashSet<>();
        if (param != null) {
            for (String name : param.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        if (names.isEmpty() && required) {
            throw CrmError.requiredParam("fields");
        }
        if (names.size() > MAX_FIELDS) {
            throw new CrmError(400, "LIMIT_EXCEEDED", "at most " + MAX_FIELDS + " fields can be requested in one call",
                    Map.of("limit", MAX_FIELDS));
        }
        List<FieldDef> fields = new ArrayList<>(names.size());
        for (String name : names) {
            FieldDef field = schema.field(name);
            if (field == null) {
                throw CrmError.invalidData("invalid data", Map.of("api_name", name));
            }
            fields.add(field);
        }
        return fields;
    }

    private static SortField sortBy(String param) {
        if (param == null) {
            return SortField.ID;
        }
        SortField sort = SortField.parse(param);
        if (sort == null) {
            throw CrmError.invalidData("sort_by must be one of " + SortField.names(), Map.of("param_name", "sort_by"));
        }
        return sort;
    }

    /** Zoho's default order is descending. */
    private static boolean sortOrder(String param) {
        if (param == null || param.equals("desc")) {
            return false;
        }
        if (param.equals("asc")) {
            return true;
        }
        throw CrmError.invalidData("sort_order must be asc or desc", Map.of("param_name", "sort_order"));
    }

    private static int intParam(SimExchange exchange, String name, int fallback, int min, int max) {
        String value = exchange.query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw CrmError.invalidData(name + " must be a number from " + min + (max == Integer.MAX_VALUE ? " up"
                : " to " + max), Map.of("param_name", name));
    }

    /** RFC 1123 or ISO-8601 with an offset; anything else is refused rather than silently ignored. */
    private static Instant ifModifiedSince(SimExchange exchange) {
        String header = exchange.header("If-Modified-Since");
        if (header == null || header.isBlank()) {
            return null;
        }
        Instant since = ZohoTimes.parse(header);
        if (since == null) {
            throw CrmError.invalidData("If-Modified-Since must be ISO-8601 with an offset or RFC 1123",
                    Map.of("header_name", "If-Modified-Since"));
        }
        return since;
    }

    private static void requireMethod(SimExchange exchange, String method) {
        if (!exchange.method().equals(method)) {
            throw CrmError.invalidMethod();
        }
    }
}
