package io.zohoconnect.simulator;

import java.io.IOException;
import java.util.Map;

/** {@code GET /settings/modules} and {@code GET /settings/fields?module=}: what an org's modules look like. */
final class SimCrmMetadata {

    private SimCrmMetadata() {
    }

    static void modules(SimExchange exchange, SimOrg org, Grant grant) throws IOException {
        require(exchange, grant, "modules");
        exchange.json(200, Map.of("modules", org.schemas().stream().map(ModuleSchema::describe).toList()));
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
