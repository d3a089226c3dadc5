package io.zohoconnect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;

import org.springframework.stereotype.Component;

/**
 * A module's fields, discovered from {@code settings/fields?module=} when a sync names none, cached
 * for {@code zoho.sync.field-cache-ttl}; their data types (Bulk Read's CSV has text only: mode=bulk
 * types its values by them); and the split into the groups of at most 50 fields a listing call
 * accepts (Modified_Time always in the first group: the cursor needs it).
 */
@Component
public class ModuleFields {

    static final int MAX_FIELDS_PER_CALL = 50;
    public static final String MODIFIED_TIME = "Modified_Time";

    private final CrmCalls calls;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ModuleFields(CrmCalls calls, Clock clock, SyncSettings settings) {
        this.calls = calls;
        this.clock = clock;
        this.ttl = settings.fieldCacheTtl();
    }

    List<String> fieldsOf(String connectionId, String module) throws Exception {
        return metadata(connectionId, module).fields();
    }

    /** Each field's Zoho {@code data_type} (text, integer, double, currency, boolean, date, datetime, lookup, …) by API name. */
    public Map<String, String> typesOf(String connectionId, String module) throws Exception {
        return metadata(connectionId, module).types();
    }

    private Cached metadata(String connectionId, String module) throws Exception {
        String key = connectionId + "/" + module;
        Cached cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl))) {
            return cached;
        }
        CrmReply reply = calls.call(CrmRequest.get(connectionId, "settings/fields", "module=" + module).background());
        List<String> fields = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        if (!reply.empty()) {
            for (JsonNode field : reply.json().path("fields")) {
                String name = field.path("api_name").asText("");
                if (!name.isEmpty() && !name.equals("id")) {
                    fields.add(name);
                    types.put(name, field.path("data_type").asText(""));
                }
            }
        }
        if (fields.isEmpty()) {
            throw new IllegalStateException("Zoho listed no fields for module " + module);
        }
        Cached fetched = new Cached(List.copyOf(fields), Map.copyOf(types), now);
        cache.put(key, fetched);
        return fetched;
    }

    /** Groups of at most 50 fields; the first starts with Modified_Time. */
    static List<List<String>> groups(List<String> fields) {
        List<String> ordered = new ArrayList<>();
        ordered.add(MODIFIED_TIME);
        fields.stream().filter(f -> !f.equals(MODIFIED_TIME) && !f.equals("id")).forEach(ordered::add);
        List<List<String>> groups = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += MAX_FIELDS_PER_CALL) {
            groups.add(List.copyOf(ordered.subList(from, Math.min(from + MAX_FIELDS_PER_CALL, ordered.size()))));
        }
        return groups;
    }

    private record Cached(List<String> fields, Map<String, String> types, Instant fetchedAt) {
    }
}
