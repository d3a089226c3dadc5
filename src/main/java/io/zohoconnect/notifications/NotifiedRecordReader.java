package io.zohoconnect.notifications;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.sync.CrmRecord;
import io.zohoconnect.sync.SyncSpec;

import org.springframework.stereotype.Component;

/**
 * Reads a notified record by id ({@code GET /crm/v8/{module}/{id}}) through the service's CRM call path,
 * with the sync's fields (plus Modified_Time, which the headers and the gap fill need), so a record
 * arrives as the polling consumer would deliver it.
 */
@Component
class NotifiedRecordReader {

    static final String MODIFIED_TIME = "Modified_Time";
    /** Zoho reads at most 50 fields a call; past that, the record is read whole and cut to the sync's fields. */
    private static final int MAX_FIELDS = 50;

    private final CrmCalls calls;
    private final ObjectMapper json;

    NotifiedRecordReader(CrmCalls calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /** The record, or null when it no longer exists (deleted since the callback: its deletion follows). */
    CrmRecord read(SyncSpec spec, String id) {
        List<String> fields = new ArrayList<>(spec.fields());
        if (!fields.isEmpty() && !fields.contains(MODIFIED_TIME)) {
            fields.add(MODIFIED_TIME);
        }
        boolean askFields = !fields.isEmpty() && fields.size() <= MAX_FIELDS;
        CrmReply reply = calls.call(CrmRequest.get(spec.connectionId(),
                spec.module() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                askFields ? "fields=" + URLEncoder.encode(String.join(",", fields), StandardCharsets.UTF_8) : null)
                .withPurpose(CallPurpose.BACKGROUND));
        JsonNode data = reply.empty() || reply.json() == null ? null : reply.json().path("data").path(0);
        if (data == null || !data.isObject()) {
            return null;
        }
        CrmRecord record = json.convertValue(data, CrmRecord.class);
        if (!fields.isEmpty() && !askFields) {
            record.keySet().removeIf(field -> !field.equals("id") && !fields.contains(field));
        }
        return record;
    }
}
