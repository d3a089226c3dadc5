package io.zohoconnect.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One CRM record as a sync delivers it: a map of Zoho's field API names to values, in Zoho's order,
 * whose {@link #toString()} is the record's JSON. So a route reads fields ({@code ${body[Email]}}) and
 * any text sink (file, JMS, Kafka, HTTP) writes JSON without a marshal step, and a sync serialises a
 * record only when its receiver asks for text.
 */
public final class CrmRecord extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;
    /** Writes plain maps, lists and scalars: no configuration, shared read-only. */
    private static final ObjectMapper JSON = new ObjectMapper();

    public CrmRecord() {
        super(32);
    }

    public CrmRecord(Map<String, ?> fields) {
        super(fields);
    }

    /** The record id as text (Zoho sends ids as strings; numbers are accepted too), or null. */
    public String id() {
        Object id = get("id");
        return id == null ? null : id.toString();
    }

    /** The value of a field as text, or null when absent or JSON null. */
    public String text(String field) {
        Object value = get(field);
        return value == null ? null : value.toString();
    }

    /** The record as JSON. */
    @Override
    public String toString() {
        return json(this);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CRM record could not be written as JSON", e);
        }
    }
}
