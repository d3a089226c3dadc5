package io.zohoconnect.crm.wire;

/** One entry of {@code GET /settings/fields?module=…} (ZOHO-API.md §12): what goes in {@code fields=} is {@code apiName}. */
public record CrmField(String apiName, String dataType, String fieldLabel, String jsonType, boolean systemMandatory) {
}
