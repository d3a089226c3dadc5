package io.zohoconnect.simulator;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code GET /settings/modules} and {@code GET /settings/fields?module=}: what an org's modules look like. */
final class SimCrmMetadata {

    private SimCrmMetadata() {
    }

    static void modules(SimExchange exchange, SimOrg org, Grant grant, SimState state) throws IOException {
        require(exchange, grant, "modules");
        exchange.json(200, Map.of("modules", ModuleMetadata.all(org, state.baseUrl())));
    }

    /** {@code GET /settings/modules/{api_name}}: one module with its fields, layouts and related lists. */
    static void module(SimExchange exchange, SimOrg org, Grant grant, SimState state, String apiName) throws IOException {
        require(exchange, grant, "modules");
        Map<String, Object> module = apiName.isBlank() || apiName.contains("/") ? null
                : ModuleMetadata.one(org, apiName, state.baseUrl());
        if (module == null) {
            throw CrmError.invalidModule();
        }
        exchange.json(200, Map.of("modules", List.of(module)));
    }

    static void fields(SimExchange exchange, SimOrg org, Grant grant) throws IOException {
        require(exchange, grant, "fields");
        String module = exchange.query("module");
        if (module == null || module.isBlank()) {
            throw CrmError.requiredParam("module");
        }
        ModuleSchema schema = org.schema(module.trim());
        if (schema == null) {
            throw CrmError.invalidModule();
        }
        exchange.json(200, Map.of("fields", schema.fields().stream().map(FieldDef::describe).toList()));
    }

    private static void require(SimExchange exchange, Grant grant, String part) {
        if (!exchange.method().equals("GET")) {
            throw CrmError.invalidMethod();
        }
        if (!CrmScopes.allowsSettings(grant.scopes(), part)) {
            throw CrmError.scopeMismatch();
        }
    }
}
