package io.zohoconnect.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a CRM module as {@code /settings/fields} describes it, plus how the simulator derives
 * its seeded values ({@link FieldKind}) and, for picklists and generated names, the values it draws from.
 */
record FieldDef(String apiName, String label, String dataType, boolean systemMandatory, boolean customField,
                FieldKind kind, List<String> options) {

    FieldDef {
        options = List.copyOf(options);
    }

    static FieldDef of(String apiName, String dataType, FieldKind kind, String... options) {
        return new FieldDef(apiName, apiName.replace('_', ' '), dataType, false, false, kind, List.of(options));
    }

    static FieldDef mandatory(String apiName, String dataType, FieldKind kind, String... options) {
        return new FieldDef(apiName, apiName.replace('_', ' '), dataType, true, false, kind, List.of(options));
    }

    static FieldDef custom(int number) {
        return new FieldDef("Custom_Field_" + number, "Custom Field " + number, "text", false, true,
                FieldKind.TEXT, List.of());
    }

    /** Set by Zoho, never by a write: ignored when a client sends them. */
    boolean readOnly() {
        return kind.system();
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("api_name", apiName);
        out.put("field_label", label);
        out.put("data_type", dataType);
        out.put("system_mandatory", systemMandatory);
        out.put("custom_field", customField);
        out.put("read_only", readOnly());
        if (kind == FieldKind.PICKLIST) {
            out.put("pick_list_values", options.stream()
                    .map(v -> Map.of("display_value", v, "actual_value", v)).toList());
        }
        return out;
    }
}
