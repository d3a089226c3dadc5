package io.zohoconnect.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code GET /settings/modules} says about a module, with the keys of Zoho's v8 module model (the
 * official SDK's {@code com.zoho.crm.api.modules.Modules}): labels, ids, capabilities, profiles, parent
 * module, sequence… Values follow what real orgs answer: standard modules are {@code default} and never
 * modified, custom modules are {@code custom} and created by the org's admin. The list starts with the
 * modules Zoho lists but the API does not serve ({@code api_supported: false}), which clients must skip.
 */
final class ModuleMetadata {

    /** Modules every org lists that the API cannot read: clients must look at {@code api_supported}. */
    static final List<String> NOT_API = List.of("Home", "Feeds");
    /** Standard modules whose records can be converted (Zoho: Leads only). */
    private static final Set<String> CONVERTABLE = Set.of("Leads");
    /** Activities have no quick create and no web forms. */
    private static final Set<String> ACTIVITIES = Set.of("Tasks");

    private ModuleMetadata() {
    }

    /** Every module the org lists, in Zoho's tab order. */
    static List<Map<String, Object>> all(SimOrg org, String baseUrl) {
        List<Map<String, Object>> out = new ArrayList<>();
        int sequence = 1;
        for (String name : NOT_API) {
            out.add(notApi(org, name, sequence++));
        }
        for (ModuleSchema schema : org.schemas()) {
            out.add(describe(org, schema, sequence++, baseUrl));
        }
        return out;
    }

    /** One module by API name (any case), with its fields; null when the org has no such module. */
    static Map<String, Object> one(SimOrg org, String apiName, String baseUrl) {
        int sequence = 1;
        for (String name : NOT_API) {
            if (name.equalsIgnoreCase(apiName)) {
                return notApi(org, name, sequence);
            }
            sequence++;
        }
        for (ModuleSchema schema : org.schemas()) {
            if (schema.apiName().equalsIgnoreCase(apiName)) {
                Map<String, Object> out = describe(org, schema, sequence, baseUrl);
                out.put("fields", schema.fields().stream().map(f -> {
                    Map<String, Object> field = new LinkedHashMap<>();
                    field.put("api_name", f.apiName());
                    field.put("id", SimOrg.zohoId("field/" + org.id() + "/" + schema.key() + "/" + f.apiName()));
                    return field;
                }).toList());
                out.put("layouts", List.of(Map.of("id", SimOrg.zohoId("layout/" + org.id() + "/" + schema.key()),
                        "name", "Standard", "display_label", "Standard")));
                out.put("related_lists", List.of());
                return out;
            }
            sequence++;
        }
        return null;
    }

    private static Map<String, Object> describe(SimOrg org, ModuleSchema schema, int sequence, String baseUrl) {
        boolean custom = schema.custom();
        String name = schema.apiName();
        Actor admin = org.actor(SimSettings.DEFAULT_USER_EMAIL);
        Map<String, Object> out = common(org, name, schema.pluralLabel(), schema.singularLabel(), sequence);
        out.put("api_supported", true);
        out.put("creatable", true);
        out.put("editable", true);
        out.put("deletable", true);
        out.put("viewable", true);
        out.put("convertable", CONVERTABLE.contains(name));
        out.put("generated_type", custom ? "custom" : "default");
        out.put("global_search_supported", true);
        out.put("quick_create", !ACTIVITIES.contains(name));
        out.put("feeds_required", false);
        out.put("scoring_supported", !ACTIVITIES.contains(name));
        out.put("webform_supported", !ACTIVITIES.contains(name));
        out.put("email_parser_supported", false);
        out.put("emailTemplate_support", !ACTIVITIES.contains(name));
        out.put("inventory_template_supported", false);
        out.put("triggers_supported", true);
        out.put("isBlueprintSupported", true);
        out.put("filter_supported", true);
        out.put("filter_status", true);
        out.put("kanban_view_supported", true);
        out.put("kanban_view", false);
        out.put("chart_view_supported", true);
        out.put("chart_view", false);
        out.put("presence_sub_menu", true);
        out.put("sub_menu_available", true);
        out.put("track_current_data", false);
        out.put("activity_badge", ACTIVITIES.contains(name) ? "Not_Supported" : "Supported");
        out.put("recycle_bin_on_delete", true);
        out.put("show_as_tab", true);
        out.put("modified_time", custom ? ZohoTimes.format(1_767_225_600L, org.offset()) : null);
        out.put("modified_by", custom ? lookup(admin) : null);
        out.put("business_card_field_limit", 5);
        out.put("business_card_fields", schema.displayFields());
        out.put("display_field", Map.of("api_name", schema.displayFields().get(0),
                "id", SimOrg.zohoId("field/" + org.id() + "/" + schema.key() + "/" + schema.displayFields().get(0))));
        out.put("search_layout_fields", schema.displayFields());
        out.put("status", "visible");
        out.put("web_link", null);
        out.put("arguments", List.of());
        out.put("per_page", 10);
        out.put("lookup_field_properties", Map.of());
        out.put("$properties", List.of());
        out.put("$field_states", List.of());
        out.put("$on_demand_properties", List.of());
        out.put("territory", null);
        out.put("zia_view", false);
        out.put("custom_view", null);
        out.put("parent_module", Map.of());
        out.put("static_subform_properties", null);
        out.put("default_mapping_fields", null);
        return out;
    }

    /** Home, Feeds: listed, never served. */
    private static Map<String, Object> notApi(SimOrg org, String name, int sequence) {
        Map<String, Object> out = common(org, name, name, name, sequence);
        out.put("api_supported", false);
        out.put("creatable", false);
        out.put("editable", false);
        out.put("deletable", false);
        out.put("viewable", true);
        out.put("convertable", false);
        out.put("generated_type", "default");
        out.put("global_search_supported", false);
        out.put("quick_create", false);
        out.put("feeds_required", false);
        out.put("scoring_supported", false);
        out.put("webform_supported", false);
        out.put("triggers_supported", false);
        out.put("filter_supported", false);
        out.put("presence_sub_menu", false);
        out.put("show_as_tab", true);
        out.put("modified_time", null);
        out.put("modified_by", null);
        out.put("business_card_field_limit", 0);
        out.put("status", "visible");
        out.put("web_link", null);
        out.put("arguments", List.of());
        out.put("parent_module", Map.of());
        return out;
    }

    private static Map<String, Object> common(SimOrg org, String apiName, String plural, String singular, int sequence) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", org.moduleId(apiName));
        out.put("api_name", apiName);
        out.put("module_name", apiName);
        out.put("plural_label", plural);
        out.put("singular_label", singular);
        out.put("description", null);
        out.put("sequence_number", sequence);
        out.put("visibility", 1);
        out.put("visible", true);
        out.put("has_more_profiles", false);
        out.put("profile_count", 2);
        out.put("profiles", List.of(
                Map.of("name", "Administrator", "id", SimOrg.zohoId("profile/" + org.id() + "/administrator")),
                Map.of("name", "Standard", "id", SimOrg.zohoId("profile/" + org.id() + "/standard"))));
        return out;
    }

    private static Map<String, Object> lookup(Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", actor.name());
        out.put("id", actor.id());
        return out;
    }
}
