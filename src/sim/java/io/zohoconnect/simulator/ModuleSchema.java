package io.zohoconnect.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CRM module's metadata: API name, labels and fields. Immutable; extra custom fields make a new schema.
 * Field names are case-sensitive, as in Zoho.
 */
final class ModuleSchema {

    /** What a custom module's API name may look like. */
    static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");

    private final String apiName;
    private final String singularLabel;
    private final String pluralLabel;
    private final boolean custom;
    private final List<FieldDef> fields;
    private final Map<String, FieldDef> byName;
    private final List<String> duplicateCheckFields;
    private final List<String> displayFields;

    ModuleSchema(String apiName, String singularLabel, String pluralLabel, boolean custom, List<FieldDef> fields,
                 List<String> duplicateCheckFields, List<String> displayFields) {
        this.apiName = apiName;
        this.singularLabel = singularLabel;
        this.pluralLabel = pluralLabel;
        this.custom = custom;
        this.fields = List.copyOf(fields);
        Map<String, FieldDef> map = new LinkedHashMap<>();
        for (FieldDef field : fields) {
            if (map.put(field.apiName(), field) != null) {
                throw new IllegalArgumentException("duplicate field " + field.apiName() + " in " + apiName);
            }
        }
        this.byName = Map.copyOf(map);
        this.duplicateCheckFields = List.copyOf(duplicateCheckFields);
        this.displayFields = List.copyOf(displayFields);
    }

    /** A module created through {@code /_sim}: a mandatory {@code Name}, an e-mail and the system fields. */
    static ModuleSchema customModule(String apiName) {
        String label = apiName.replace('_', ' ');
        List<FieldDef> fields = new ArrayList<>();
        fields.add(FieldDef.of("id", "bigint", FieldKind.ID));
        fields.add(FieldDef.mandatory("Name", "text", FieldKind.UNIQUE_NAME, label));
        fields.add(FieldDef.of("Email", "email", FieldKind.EMAIL));
        fields.add(FieldDef.of("Owner", "ownerlookup", FieldKind.OWNER));
        fields.addAll(StandardModules.auditFields());
        return new ModuleSchema(apiName, label, label, true, fields, List.of("Name"), List.of("Name"));
    }

    /** This schema with {@code Custom_Field_1…count} added (text). */
    ModuleSchema withCustomFields(int count) {
        if (count == 0) {
            return this;
        }
        List<FieldDef> all = new ArrayList<>(fields);
        for (int i = 1; i <= count; i++) {
            all.add(FieldDef.custom(i));
        }
        return new ModuleSchema(apiName, singularLabel, pluralLabel, custom, all, duplicateCheckFields, displayFields);
    }

    String apiName() {
        return apiName;
    }

    String key() {
        return apiName.toLowerCase(Locale.ROOT);
    }

    String singularLabel() {
        return singularLabel;
    }

    String pluralLabel() {
        return pluralLabel;
    }

    boolean custom() {
        return custom;
    }

    List<FieldDef> fields() {
        return fields;
    }

    /** null when the module has no such field. */
    FieldDef field(String name) {
        return byName.get(name);
    }

    /** Upsert's default {@code duplicate_check_fields}. */
    List<String> duplicateCheckFields() {
        return duplicateCheckFields;
    }

    /** The fields whose values, joined by a space, name a record (deleted records' {@code display_name}). */
    List<String> displayFields() {
        return displayFields;
    }
}
